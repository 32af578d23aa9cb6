import AlongsideCore
import AlongsideStore
import Foundation
import Vapor

/// "New, waiting for a first contact": people introduced and not yet contacted, longest waiting first, with
/// how long each has waited. At the top of a coordinator's home page and caseload, and on the Team page.
struct WaitingList: Encodable {
    struct Row: Encodable {
        let name: String
        let href: String
        let waited: String
        /// Waiting a week or more.
        let long: Bool
    }

    let heading: String
    let rows: [Row]
    /// A link to the rest, when more wait than are shown.
    let more: String?
    let moreLabel: String

    /// How many are shown at the top of a page.
    static let shown = 5

    /// The list of `people` (read with one more than `shown`, to know whether more wait).
    init(_ people: [PersonSummary], now: Date, more: String? = nil) {
        heading = Wording.current("people.waiting.heading")
        moreLabel = Wording.current("people.waiting.more")
        self.more = people.count > Self.shown ? more : nil
        let people = more == nil ? people : Array(people.prefix(Self.shown))
        let today = ISODay.date(LondonTime.isoDay(now)) ?? now
        rows = people.map { person in
            let introduced = ISODay.date(LondonTime.isoDay(person.createdAt)) ?? person.createdAt
            let days = max(0, Int((today.timeIntervalSince(introduced) / 86_400).rounded()))
            return Row(
                name: person.listedName,
                href: SitePath.person(.value(person.id)).path,
                waited: days == 0
                    ? Wording.current("people.waiting.today") : Wording.current("people.waiting.days", days),
                long: days >= 7)
        }
    }

    /// The list as markup, for pages written in Swift; nothing when nobody waits.
    func html() -> HTML {
        guard !rows.isEmpty else { return "" }
        let items: [HTML] = rows.map { row in
            "<li><a href=\"\(row.href)\">\(row.name)</a> <span class=\"tag\(if: row.long, " tag-warning")\">\(row.waited)</span></li>"
        }
        let rest: HTML = more.map { "<p><a href=\"\($0)\">\(moreLabel)</a></p>" } ?? ""
        return """
            <section class="waiting" aria-labelledby="waiting-title"><h2 id="waiting-title">\(heading)</h2><ul class="waiting-list">\(items)</ul>\(rest)</section>
            """
    }
}
