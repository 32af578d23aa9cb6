import AlongsideCore
import AlongsideStore
import LeafKit
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// Pages written in Swift (`HTML`) escape data exactly as Leaf's `#(…)` does, so a name can never become
/// markup.
@Suite("Pages written in Swift")
struct WrittenPageTests {
    @Test func textIsEscapedAndTheCodesMarkupIsKept() {
        let name = "<script>alert(\"x\")</script> & O'Neil — Siân"
        let html: HTML = "<a href=\"\(name)\">\(name)</a>\(if: true, " selected")\(if: false, " checked")"
        #expect(
            html.markup
                == "<a href=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; O&#39;Neil — Siân\">"
                + "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; O&#39;Neil — Siân</a> selected")
        var escaped = ""
        HTML.escape(name, into: &escaped)
        #expect(escaped == name.htmlEscaped())
        for text in ["", "plain", "&&", "<>", "\"'", "a&b<c>d\"e'f", "🙂&🙂"] {
            var mine = ""
            HTML.escape(text, into: &mine)
            #expect(mine == text.htmlEscaped(), "\(text)")
        }
    }

    @Test func aNameWithMarkupIsShownAsTextOnTheCaseload() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            _ = try await factory.introduce(council, name: "<script>alert(\"x\")</script> & O'Neil")
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let page = try await browser.get("/caseload").body.string
            #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; O&#39;Neil"))
            #expect(!page.contains("<script>"))
            #expect(page.contains("<h1>My caseload</h1>"))
            #expect(page.contains("<td data-label=\"Ward\">Northfield</td>"))
        }
    }
}
