import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import AlongsideDemo
@testable import AlongsideWeb

/// Nothing of one council's people reaches another council's staff, by any route. The demo's three
/// councils are loaded (every kind of record exists in Kestrel Vale), and Harbourne's staff try every
/// registered route with Kestrel Vale's ids in it: each must answer exactly as for an id that does not
/// exist, and change nothing.
@Suite("Councils are kept apart on every route")
struct CouncilSeparationTests {
    /// Which table a route parameter's id comes from.
    static let tables: [String: String] = [
        "personID": "people", "wardID": "wards", "stepID": "steps", "connectionID": "connections",
        "reportID": "sroi_reports", "programmeID": "programmes", "storyID": "stories", "consentID": "consents",
        "resourceID": "directory_resources", "requestID": "help_requests", "volunteerID": "volunteers",
        "itemID": "practice_items", "staffID": "staff", "mergeID": "merges", "conversationID": "conversations",
        "entryID": "steps",
    ]
    /// ORUK's `:id` by the collection it follows.
    static let orukTables: [String: String] = [
        "services": "directory_resources", "service_at_locations": "directory_sites",
        "organizations": "directory_organisations", "taxonomies": "directory_taxonomies",
        "taxonomy_terms": "directory_terms",
    ]
    /// Parameters that name no record: the same value goes into both requests.
    static let literals: [String: String] = [
        "kind": RecordedOutcome.Kind.gpAppointment.rawValue, "step": "accepted", "language": "cy", "entry": "step",
        "token": "pw_not-a-real-link",
    ]

    struct Fixture {
        let kestrel: Council
        let harbourne: Council
        /// One id of Kestrel Vale's per table.
        let ids: [String: UUID]
        let person: Person
    }

    func prepare(_ app: Application) async throws -> Fixture {
        _ = try await DemoCouncil.load(on: app)
        let councils = CouncilStore(app.db)
        let kestrel = try #require(try await councils.find(slug: DemoCouncil.slug))
        let harbourne = try #require(try await councils.find(slug: DemoNetwork.councils[0].slug))
        let leader = try #require(try await StaffStore(app.db).credentials(email: "leader@demo.example")?.member)
        // The demo has no stories, consents or saved SROI reports in Kestrel Vale: add one of each.
        let sql = try app.db.sql
        let personRow = try #require(
            try await sql.raw(
                "SELECT id FROM people WHERE council_id = \(bind: kestrel.id.uuid) AND stage <> 'ended' ORDER BY id LIMIT 1"
            ).first())
        let people = PeopleStore(app.db, councilID: kestrel.id)
        var person = try await people.find(.init(try personRow.decode(column: "id", as: UUID.self)))
        // A name no generated person has, to look for in Harbourne's pages.
        try await sql.raw(
            "UPDATE people SET full_name = 'Zebedee Quartermaine', name_key = 'zebedee quartermaine' WHERE id = \(bind: person.id.uuid)"
        ).run()
        person = try await people.find(person.id)
        try await StoryStore(app.db, councilID: kestrel.id).write(
            for: person, title: "Finding the choir again", body: "Singing on Thursdays brought back old friends.",
            consent: true, by: leader.id, at: app.alongside.now())
        _ = try await people.recordConsent(
            person.id, kind: .tellStory, partner: nil, givenOn: ISODay.string(app.alongside.now()), by: leader.id,
            at: app.alongside.now())
        _ = try await SROIStore(app.db, councilID: kestrel.id).saveReport(
            title: "Kestrel Vale year", scope: "The whole council",
            model: SROI.Model(
                investment: 1_000, discountRate: Decimal(string: "0.035")!, discountFirstYear: true,
                outcomes: [
                    SROI.Outcome(
                        name: "GP appointment avoided", quantity: 10, proxyValue: 45, deadweight: 0, displacement: 0,
                        attribution: 0, durationYears: 1, dropOff: 0)
                ]), by: leader.id, at: app.alongside.now())
        // Nor merges: merge two of its other people.
        let pair = try await sql.raw(
            "SELECT id FROM people WHERE council_id = \(bind: kestrel.id.uuid) AND id <> \(bind: person.id.uuid) AND stage <> 'ended' ORDER BY id LIMIT 2"
        ).all().map { Person.ID(try $0.decode(column: "id", as: UUID.self)) }
        try await people.merge(pair[1], into: pair[0], by: leader.id, at: app.alongside.now())
        var ids: [String: UUID] = [:]
        for table in Set(Self.tables.values).union(Self.orukTables.values) {
            let row = try #require(
                try await sql.raw(
                    "SELECT id FROM \(unsafeRaw: table) WHERE council_id = \(bind: kestrel.id.uuid) ORDER BY id LIMIT 1"
                ).first(), "Kestrel Vale has no row in \(table)")
            ids[table] = try row.decode(column: "id", as: UUID.self)
        }
        ids["people"] = person.id.uuid
        return Fixture(kestrel: kestrel, harbourne: harbourne, ids: ids, person: person)
    }

    /// Counts of Kestrel Vale's rows in every table that carries a council, to show nothing changed.
    func footprint(_ app: Application, _ council: Council) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in [
            "people", "introductions", "journey_events", "conversations", "good_lives", "steps", "people_in_life",
            "measures", "outcomes", "stories", "consents", "connections", "contributions", "help_requests",
            "volunteers",
            "directory_resources", "directory_versions", "sroi_reports", "programme_members", "practice_items",
            "ward_assignments", "wards", "audit_entries", "merges",
        ] {
            let row = try await app.db.sql.raw(
                "SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE council_id = \(bind: council.id.uuid)"
            ).first()
            counts[table] = try row?.decode(column: "n", as: Int.self) ?? 0
        }
        return counts
    }

    /// The route's path twice: with Kestrel Vale's ids, and with ids that do not exist. Nil when the route
    /// names no record, or serves what is public on purpose.
    func paths(_ route: Route, _ fixture: Fixture) -> (theirs: String, missing: String)? {
        let segments = route.path
        guard segments.contains(where: { if case .parameter = $0 { return true } else { return false } }) else {
            return nil
        }
        var theirs: [String] = []
        var missing: [String] = []
        var namesRecord = false
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .constant(let text):
                theirs.append(text)
                missing.append(text)
            case .parameter(let name):
                if name == "council" {
                    theirs.append(fixture.harbourne.slug)
                    missing.append(fixture.harbourne.slug)
                } else if let literal = Self.literals[name] {
                    theirs.append(literal)
                    missing.append(literal)
                } else {
                    let table =
                        name == "id" && index > 0
                        ? Self.orukTables[segments[index - 1].description] : Self.tables[name]
                    guard let table, let id = fixture.ids[table] else {
                        Issue.record("No id for :\(name) in \(route.description)")
                        return nil
                    }
                    theirs.append(id.uuidString)
                    missing.append(UUID().uuidString)
                    namesRecord = true
                }
            default: return nil
            }
        }
        let path = "/" + theirs.joined(separator: "/")
        // The deployment's default ORUK feed is Kestrel Vale's own public directory, and the practice
        // library is shared with every council on purpose.
        guard namesRecord, !path.hasPrefix("/oruk/"), !(route.method == .GET && path.hasPrefix("/network/practice/"))
        else { return nil }
        return (path, "/" + missing.joined(separator: "/"))
    }

    /// The same page, or the same JSON whatever the order of its keys.
    static func same(_ one: String, _ other: String) -> Bool {
        if one == other { return true }
        guard let a = try? JSONSerialization.jsonObject(with: Data(one.utf8)) as? NSDictionary,
            let b = try? JSONSerialization.jsonObject(with: Data(other.utf8)) as? NSDictionary
        else { return false }
        return a.isEqual(b)
    }

    @Test func harbournesStaffReachNothingOfKestrelValesByAnyRoute() async throws {
        try await withAlongside { app, _ in
            let fixture = try await prepare(app)
            let before = try await footprint(app, fixture.kestrel)
            let domain = DemoNetwork.councils[0].domain
            var checked = 0
            for email in ["leader@\(domain)", "admin@\(domain)"] {
                let browser = Browser(app)
                try await browser.signIn(email, password: DemoCouncil.password)
                let token = try await app.testing().sendRequest(.POST, "/api/v1/tokens") {
                    try $0.content.encode(["email": email, "password": DemoCouncil.password], as: .json)
                }.content.decode(APITests.Token.self).token
                for route in app.routes.all {
                    guard let (theirs, missing) = paths(route, fixture) else { continue }
                    let answers: [TestingHTTPResponse]
                    if theirs.hasPrefix("/api/") {
                        var headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]
                        headers.contentType = .json
                        answers = [
                            try await app.testing().sendRequest(
                                route.method, theirs, headers: headers, body: ByteBuffer(string: "{}")),
                            try await app.testing().sendRequest(
                                route.method, missing, headers: headers, body: ByteBuffer(string: "{}")),
                        ]
                    } else if route.method == .GET {
                        answers = [try await browser.get(theirs), try await browser.get(missing)]
                    } else {
                        answers = [
                            try await browser.post(theirs, form: ["reason": "Checking"]),
                            try await browser.post(missing, form: ["reason": "Checking"]),
                        ]
                    }
                    #expect(
                        answers[0].status == answers[1].status,
                        "\(email) \(route.method) \(theirs): \(answers[0].status) for Kestrel Vale's, \(answers[1].status) for none"
                    )
                    #expect(
                        answers[0].status.code >= 400,
                        "\(email) \(route.method) \(theirs) answered \(answers[0].status)")
                    let body = answers[0].body.string.replacingOccurrences(of: theirs, with: "PATH")
                    let other = answers[1].body.string.replacingOccurrences(of: missing, with: "PATH")
                    #expect(
                        Self.same(body, other),
                        "\(email) \(route.method) \(theirs): the answer differs from a missing record's")
                    #expect(!body.contains("Quartermaine"))
                    checked += 1
                }
            }
            #expect(checked > 100)
            #expect(try await footprint(app, fixture.kestrel) == before)
        }
    }

    @Test func harbournesPagesListsExportsAndSearchesShowNoneOfKestrelValesPeople() async throws {
        try await withAlongside { app, _ in
            let fixture = try await prepare(app)
            let domain = DemoNetwork.councils[0].domain
            let harbourneStaff = try await StaffStore(app.db).list(councilID: fixture.harbourne.id)
            let auditor = try await Factory(app: app).staff(fixture.harbourne, .auditor)
            let coordinator = try #require(harbourneStaff.first { $0.role == .coordinator })
            let kestrelID = fixture.person.id.uuid.uuidString
            var pages = 0
            for email in ["leader@\(domain)", "admin@\(domain)", coordinator.email, auditor.email] {
                let browser = Browser(app)
                let password = email == auditor.email ? testPassword : DemoCouncil.password
                try await browser.signIn(email, password: password)
                let token = try await app.testing().sendRequest(.POST, "/api/v1/tokens") {
                    try $0.content.encode(["email": email, "password": password], as: .json)
                }.content.decode(APITests.Token.self).token
                for route in app.routes.all where route.method == .GET {
                    guard route.path.allSatisfy({ if case .constant = $0 { return true } else { return false } }) else {
                        continue
                    }
                    let path = "/" + route.path.map(\.description).joined(separator: "/")
                    guard path != "/sign-out" else { continue }
                    for query in ["", "?q=Quartermaine&search=Quartermaine&person=Quartermaine"] {
                        let response =
                            path.hasPrefix("/api/")
                            ? try await app.testing().sendRequest(
                                .GET, path + query, headers: ["Authorization": "Bearer \(token)"])
                            : try await browser.get(path + query)
                        let body = response.body.string
                        #expect(!body.lowercased().contains(kestrelID.lowercased()), "\(email) GET \(path + query)")
                        // The audit log lists Harbourne's own searches, with the words searched for.
                        if query.isEmpty, !path.hasPrefix("/audit") {
                            #expect(!body.contains("Quartermaine"), "\(email) GET \(path)")
                        }
                        pages += 1
                    }
                }
                let search = try await browser.get("/people/search?q=Quartermaine").body.string
                #expect(search.contains("0 people found") || !search.contains("/people/"))
            }
            #expect(pages > 50)
        }
    }

    @Test func aCouncilsOwnPublicPagesShowOnlyItsDirectory() async throws {
        try await withAlongside { app, _ in
            let fixture = try await prepare(app)
            let resource = try #require(fixture.ids["directory_resources"])
            for path in [
                "/c/\(fixture.harbourne.slug)/directory/resources/\(resource)",
                "/directory/\(fixture.harbourne.slug)/resources/\(resource)",
                "/c/\(fixture.harbourne.slug)/oruk/services/\(resource)",
            ] {
                #expect(try await app.testing().sendRequest(.GET, path).status == .notFound, "\(path)")
            }
            #expect(
                try await app.testing().sendRequest(.GET, "/c/\(fixture.kestrel.slug)/oruk/services/\(resource)").status
                    == .ok)
            let feed = try await app.testing().sendRequest(
                .GET, "/c/\(fixture.harbourne.slug)/oruk/services?per_page=500")
            #expect(feed.status == .ok)
            #expect(!feed.body.string.lowercased().contains(resource.uuidString.lowercased()))
            // The single-council addresses keep serving the council the deployment started with.
            let introduce = try await app.testing().sendRequest(.GET, "/introduce")
            #expect(introduce.headers.first(name: .location) == "/introduce/\(fixture.kestrel.slug)")
            let own = try await app.testing().sendRequest(.GET, "/c/\(fixture.harbourne.slug)/introduce")
            #expect(own.status == .ok)
            #expect(own.body.string.contains(fixture.harbourne.name))
            #expect(own.body.string.contains("Choose your council"))
            let chooser = try await app.testing().sendRequest(.GET, "/c")
            #expect(chooser.body.string.contains("/c/\(fixture.harbourne.slug)/introduce"))
        }
    }
}
