import AlongsideCore
import Foundation
import Testing
import Vapor

@testable import AlongsideWeb

/// The site's addresses have one table (`SitePath`): every route is registered from it, and links, form
/// actions, redirects and template names come from it or from `Template`, never from literals (issue 23).
@Suite("The route table")
struct SitePathTests {
    @Test func everyRouteInTheTableIsRegisteredAndEveryRegisteredRouteIsInTheTable() async throws {
        try await withAlongside { app, _ in
            let registered = app.routes.all.map {
                "\($0.method.rawValue) /" + $0.path.map(\.description).joined(separator: "/")
            }
            let table = SitePath.allRoutes.map { "\($0.method.rawValue) \($0.path.path)" }
            #expect(registered.count == Set(registered).count, "a route is registered twice")
            #expect(table.count == Set(table).count, "a route is listed twice in SitePath.allRoutes")
            let notInTable = Set(registered).subtracting(table).sorted()
            let notRegistered = Set(table).subtracting(registered).sorted()
            #expect(notInTable.isEmpty, "registered but not in SitePath.allRoutes: \(notInTable)")
            #expect(notRegistered.isEmpty, "in SitePath.allRoutes but not registered: \(notRegistered)")
            #expect(table.count > 200)
        }
    }

    /// Every parameter a registered route takes is named in `SitePath.ParameterName`, and every name there is
    /// taken by some route: handlers read parameters by those names, so none can drift from its route.
    @Test func everyRouteParameterIsNamedInTheTable() async throws {
        try await withAlongside { app, _ in
            let taken = Set(
                app.routes.all.flatMap(\.path).compactMap { component -> String? in
                    if case .parameter(let name) = component { return name }
                    return nil
                })
            #expect(taken == Set(SitePath.ParameterName.allCases.map(\.rawValue)))
        }
    }

    @Test func anAddressFillsTheRoutesPatternWithItsValues() {
        let person = Person.ID(UUID(uuidString: "0A4F6C1E-2B3D-4E5F-8A9B-0C1D2E3F4A5B")!)
        let conversation = Conversation.ID(UUID(uuidString: "11111111-2222-3333-4444-555555555555")!)
        let entry = UUID(uuidString: "66666666-7777-8888-9999-AAAAAAAAAAAA")!
        #expect(SitePath.home.path == "/")
        #expect(SitePath.person(.key).path == "/people/:personID")
        #expect(SitePath.person(.value(person)).path == "/people/0a4f6c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b")
        #expect(
            SitePath.person(.value(person), .strikeConversation(.value(conversation))).path
                == "/people/0a4f6c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b/conversations/11111111-2222-3333-4444-555555555555/strike"
        )
        #expect(
            SitePath.person(.value(person), .entry(.value(.step), .value(entry))).path
                == "/people/0a4f6c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b/entries/step/66666666-7777-8888-9999-AAAAAAAAAAAA")
        #expect(
            SitePath.sroiReport(.value(entry), .csv).path == "/sroi/reports/66666666-7777-8888-9999-aaaaaaaaaaaa/csv")
        #expect(SitePath.languageSheet(.value(.welsh)).path == "/languages/cy/wording.csv")
        #expect(
            SitePath.oruk(.own(.value("glanmor")), .item(.taxonomyTerms, .key)).path
                == "/c/glanmor/oruk/taxonomy_terms/:id")
        #expect(
            SitePath.networkCouncils.with(query: ["added": "new council"]) == "/network/councils?added=new%20council")
        #expect(
            SitePath.person(.key, .undoMerge(.key)).pathComponents
                == ["people", .parameter("personID"), "merges", .parameter("mergeID"), "undo"])
    }

    @Test func theOpenReferralBaseOfARouteIsFoundFromItsPattern() {
        #expect(SitePath.ORUKBase(route: SitePath.oruk(.shared, .root).pathComponents, council: nil) == .shared)
        #expect(
            SitePath.ORUKBase(route: SitePath.oruk(.own(.key), .root).pathComponents, council: "glanmor")
                == .own(.value("glanmor")))
        #expect(
            SitePath.ORUKBase(route: SitePath.oruk(.council(.key), .root).pathComponents, council: "glanmor")
                == .council(.value("glanmor")))
    }

    @Test func everyTemplateAHandlerRendersIsAFile() throws {
        let views = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/Views")
        for template in Template.allCases {
            let file = views.appendingPathComponent(template.rawValue + ".leaf")
            #expect(FileManager.default.fileExists(atPath: file.path), "\(template) has no \(file.path)")
        }
    }

    /// A template names the parts it includes by their file names (`#extend("people/record/steps")`): each must
    /// be a file, and every file must be rendered by a handler (`Template`) or included by another, so a renamed
    /// or forgotten part fails here rather than on the page.
    @Test func everyIncludedTemplateIsAFileAndEveryFileIsUsed() throws {
        let views = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/Views")
        let walker = FileManager.default.enumerator(atPath: views.path)
        var files: Set<String> = []
        var included: Set<String> = []
        let extend = try NSRegularExpression(pattern: #"#extend\("([^"]+)"\)"#)
        while let relative = walker?.nextObject() as? String {
            guard relative.hasSuffix(".leaf") else { continue }
            files.insert(String(relative.dropLast(5)))
            let text = try String(contentsOf: views.appendingPathComponent(relative), encoding: .utf8)
            for match in extend.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let name = Range(match.range(at: 1), in: text).map({ String(text[$0]) }) else { continue }
                included.insert(name)
                #expect(
                    FileManager.default.fileExists(atPath: views.appendingPathComponent(name + ".leaf").path),
                    "\(relative) includes \(name), which is not a template")
            }
        }
        #expect(!included.isEmpty)
        let used = included.union(Template.allCases.map(\.rawValue))
        #expect(files.subtracting(used).sorted() == [], "templates nothing renders or includes")
    }

    @Test func theRecordIsPutTogetherFromItsSectionViewsInOrder() throws {
        let views = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/Views")
        let show = try String(
            contentsOf: views.appendingPathComponent(Template.peopleShow.rawValue + ".leaf"), encoding: .utf8)
        let extended = try NSRegularExpression(pattern: #"#extend\("(people/record/[^"]*)"\)"#)
            .matches(in: show, range: NSRange(show.startIndex..., in: show))
            .map { String(show[Range($0.range(at: 1), in: show)!]) }
        #expect(extended == Template.RecordSection.allCases.map(\.rawValue))
        for section in Template.RecordSection.allCases {
            let file = views.appendingPathComponent(section.rawValue + ".leaf")
            #expect(FileManager.default.fileExists(atPath: file.path), "\(section) has no \(file.path)")
        }
    }

    @Test func templatesTakeEveryAddressFromTheTable() throws {
        let views = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/Views")
        let walker = FileManager.default.enumerator(atPath: views.path)
        var checked = 0
        while let relative = walker?.nextObject() as? String {
            guard relative.hasSuffix(".leaf") else { continue }
            let text = try String(contentsOf: views.appendingPathComponent(relative), encoding: .utf8)
            checked += 1
            // No address written out: every href and action is a value or #path(…).
            let literal = try NSRegularExpression(pattern: #"(?:href|action)="/"#)
            let found = literal.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
            #expect(found == 0, "\(relative) writes \(found) address(es) of its own")
            // Every #path(…) names an address of the table.
            let named = try NSRegularExpression(pattern: #"#path\("([^"]*)"\)"#)
            for match in named.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let name = String(text[Range(match.range(at: 1), in: text)!])
                #expect(SitePath.named[name] != nil, "\(relative): #path(\"\(name)\") is not in SitePath.named")
            }
        }
        #expect(checked > 50)
    }

    @Test func theWebCodeWritesNoAddressesOrRoutesOfItsOwn() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/AlongsideWeb")
        // An address of ours written out ("/people/…", href="/…"), or a route registered from strings.
        let address = try NSRegularExpression(pattern: #""/[a-z]|(?:href|action)=\\?"/"#)
        let registration = try NSRegularExpression(pattern: #"\.(?:get|post|put|patch|delete|on|grouped)\("[^"]"#)
        // Not ours: GOV.UK Notify's API, a doc comment's example, another ORUK feed. A route's parameter is
        // read by its name in the table (`parameters.get(.personID)`), so `parameters.get("…")` is flagged too.
        let allowed = ["/v2/notifications/email", "(like \"/services?page=2\")"]
        let walker = FileManager.default.enumerator(atPath: sources.path)
        var found: [String] = []
        while let relative = walker?.nextObject() as? String {
            guard relative.hasSuffix(".swift"), relative != "App/SitePath.swift" else { continue }
            let text = try String(contentsOf: sources.appendingPathComponent(relative), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = String(line)
                if allowed.contains(where: line.contains) || line.contains("feed.get(") {
                    continue
                }
                let range = NSRange(line.startIndex..., in: line)
                if address.numberOfMatches(in: line, range: range) > 0
                    || registration.numberOfMatches(in: line, range: range) > 0
                {
                    found.append("\(relative):\(number + 1)")
                }
            }
        }
        #expect(found.isEmpty, "addresses or routes written outside SitePath: \(found)")
    }
}
