import AlongsideCore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import AlongsideStore
@testable import AlongsideWeb

/// Erasure keeps no English and no name (issue 23): what it takes away is left empty, never replaced by
/// words in the database; the record's `erased_at` marks it, and every page, export and the API word an
/// erased record when they show it, in the reader's language.
@Suite("Erasure keeps no words and no name")
struct ErasureKeepsNoWordsTests {
    static let welsh = Wording(catalog: .installed, language: .welsh, offered: [.english, .welsh])
    static let english = Wording(catalog: .installed, language: .english, offered: [.english, .welsh])

    /// What erasure used to write in English (as written), and every part of the names (in any case).
    static let oldWords = ["Erased record", "[erased]", "A neighbour"]
    static let nameParts = ["jane", "example", "bob"]

    /// Every text in every row of `table` that holds one of the old words or a part of a name.
    func leftovers(in table: String, on sql: any SQLDatabase) async throws -> [String] {
        var found: [String] = []
        for row in try await sql.raw("SELECT * FROM \(ident: table)").all() {
            for column in row.allColumns {
                guard let text = try? row.decode(column: column, as: String?.self) else { continue }
                let lowered = text.lowercased()
                if Self.oldWords.contains(where: text.contains) || Self.nameParts.contains(where: lowered.contains) {
                    found.append("\(table).\(column): \(text)")
                }
            }
        }
        return found
    }

    /// Both ways Leaf and `HTML` may escape an apostrophe.
    func shows(_ page: String, _ words: String) -> Bool {
        page.contains(words) || page.contains(words.replacingOccurrences(of: "'", with: "&#39;"))
            || page.contains(words.replacingOccurrences(of: "'", with: "&#x27;"))
    }

    struct Erased {
        let council: Council
        let coordinator: StaffMember
        let leader: StaffMember
        let auditor: StaffMember
        let person: Person
    }

    /// Jane Example, with a step, a neighbour, a contribution and a help request, searched for by the
    /// auditor (the log's page and its export) and by her coordinator, then erased.
    func eraseJane(_ app: Application, _ clock: TestClock) async throws -> Erased {
        let factory = Factory(app: app)
        let (council, coordinator, leader, _) = try await factory.coveredCouncil()
        try await CouncilStore(app.db).setLanguages([.english, .welsh], for: council.id)
        let auditor = try await factory.staff(council, .auditor, name: "Ola Auditor")
        let person = try await factory.introduce(council, name: "Jane Example", email: "jane@example.org")
        let store = PeopleStore(app.db, councilID: council.id)
        _ = try await store.addStep(
            to: person.id, what: "Ring Jane's sister Bob", who: "Jane", dueOn: "2026-08-01", at: clock.now)
        _ = try await store.connect(
            person.id, kind: .neighbour, resourceID: nil, name: "Bob Example", startedOn: "2026-07-01",
            note: "Jane walks with Bob", by: coordinator.id, at: clock.now)
        try await store.addContribution(
            person.id, kind: .volunteering, what: "Jane bakes for the café", startedOn: "2026-07-01",
            by: coordinator.id, at: clock.now)

        let reader = Browser(app)
        try await reader.signIn(auditor.email, password: testPassword)
        #expect(try await reader.get("/audit?person=Jane+Example&from=1/1/2026").status == .ok)
        #expect(try await reader.get("/audit.csv?person=Jane+Example").status == .ok)
        let worker = Browser(app)
        try await worker.signIn(coordinator.email, password: testPassword)
        #expect(try await worker.get("/people/search?q=Jane%20Example").status == .ok)
        let searches = try await AuditStore(app.db, councilID: council.id).entries(by: auditor.id)
        #expect(searches.contains { $0.action == .search && $0.reason == "Jane Example" })
        #expect(searches.contains { $0.action == .export && $0.reason == "Jane Example" })

        try await store.erase(person.id, reason: "She asked us to", by: leader.id, at: clock.now)
        return Erased(council: council, coordinator: coordinator, leader: leader, auditor: auditor, person: person)
    }

    @Test func afterErasureTheDatabaseHoldsNoWordsInPlaceOfWhatWentAndNoPartOfTheName() async throws {
        try await withAlongside { app, clock in
            let erased = try await eraseJane(app, clock)
            let sql = try app.db.sql
            for table in ["people", "steps", "connections", "contributions", "help_requests", "audit_entries"] {
                let found = try await leftovers(in: table, on: sql)
                #expect(found.isEmpty, "\(found)")
            }
            let row = try #require(
                try await sql.raw(
                    "SELECT full_name, erased_at FROM people WHERE id = \(bind: erased.person.id.uuid)"
                ).first())
            #expect(try row.decode(column: "full_name", as: String.self) == "")
            #expect(try row.decode(column: "erased_at", as: Date?.self) != nil)
            #expect(try await PeopleStore(app.db, councilID: erased.council.id).find(erased.person.id).isErased)
            // The searches stay, their words redacted; the audit log's own search keeps only what names nobody.
            let own = try await AuditStore(app.db, councilID: erased.council.id).entries(by: erased.auditor.id)
            #expect(own.filter { $0.reason == AuditStore.redactedSearch }.count == 2)
            #expect(own.contains { $0.action == .search && $0.detail.values == ["from=1/1/2026"] })
        }
    }

    @Test func theRecordCaseloadTeamPageAuditLogAndExportWordAnErasedRecordInTheReadersLanguage() async throws {
        try await withAlongside { app, clock in
            let erased = try await eraseJane(app, clock)
            let path = "/people/\(erased.person.id)"
            let lead = Browser(app)
            try await lead.signIn(erased.leader.email, password: testPassword)
            let worker = Browser(app)
            try await worker.signIn(erased.coordinator.email, password: testPassword)
            let reader = Browser(app)
            try await reader.signIn(erased.auditor.email, password: testPassword)

            for (language, wording) in [("en", Self.english), ("cy", Self.welsh)] {
                let name = wording("people.erased.name")
                let entry = wording("people.erased.entry")
                let neighbour = wording("people.erased.neighbour")
                let record = try await lead.get(path + "?lang=\(language)").body.string
                #expect(shows(record, "<h1>\(name)"), "\(language): the record's heading")
                #expect(shows(record, entry), "\(language): the step and the contribution")
                #expect(shows(record, neighbour), "\(language): the neighbour")
                let export = try await lead.get(path + "/export?lang=\(language)").body.string
                #expect(shows(export, name) && shows(export, entry), "\(language): the subject access export")
                let caseload = try await worker.get("/caseload?lang=\(language)").body.string
                #expect(shows(caseload, name), "\(language): the caseload")
                let audit = try await reader.get("/audit?person=\(erased.person.id)&lang=\(language)").body.string
                #expect(shows(audit, "\(name) (\(erased.person.id.description.prefix(8)))"), "\(language): audit")
                let csv = try await reader.get("/audit.csv?person=\(erased.person.id)&lang=\(language)").body.string
                #expect(csv.contains("\(name) (\(erased.person.id.description.prefix(8)))"), "\(language): CSV")
                // The auditor's own searches for her: their reason is erasure's marker, worded when read.
                let own = try await reader.get("/audit?action=search&lang=\(language)").body.string
                #expect(shows(own, wording("audit.page.search-removed-erased")), "\(language): a redacted search")
                #expect(!own.contains(AuditStore.redactedSearch), "\(language): the marker is never shown")
                for page in [record, export, caseload, audit, csv, own] {
                    #expect(!page.contains("Jane") && !page.contains("[erased]"))
                }
            }
            // Her English words never reach a Welsh reader.
            let welsh = try await lead.get(path + "?lang=cy").body.string
            #expect(!welsh.contains("Erased record") && !welsh.contains("A neighbour"))
        }
    }

    @Test func theAPIGivesAnErasedPersonsNameEmptyAndSaysTheRecordWasErased() async throws {
        try await withAlongside { app, clock in
            let erased = try await eraseJane(app, clock)
            let token = try await app.testing().sendRequest(.POST, "/api/v1/tokens") {
                try $0.content.encode(["email": erased.coordinator.email, "password": testPassword], as: .json)
            }.content.decode(APITests.Token.self).token
            let headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]
            let list = try await app.testing().sendRequest(.GET, "/api/v1/people", headers: headers)
            let items = try #require(
                (try JSONSerialization.jsonObject(with: Data(list.body.readableBytesView)) as? [String: Any])?["items"]
                    as? [[String: Any]])
            let person = try #require(items.first { $0["id"] as? String == erased.person.id.description })
            #expect(person["fullName"] as? String == "")
            #expect(person["erased"] as? Bool == true)
            let one = try await app.testing().sendRequest(.GET, "/api/v1/people/\(erased.person.id)", headers: headers)
            let detail = try #require(
                (try JSONSerialization.jsonObject(with: Data(one.body.readableBytesView)) as? [String: Any])?["person"]
                    as? [String: Any])
            #expect(detail["erased"] as? Bool == true && detail["fullName"] as? String == "")
            #expect(!one.body.string.contains("[erased]") && !one.body.string.contains("Jane"))
        }
    }

    /// Records erased before kept English in the database; migration 030 leaves them as erasure now does, and
    /// moves whom an audit log search sought from its values to its reason.
    @Test func theMigrationTurnsRecordsErasedTheOldWayIntoTheNewForm() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            let auditor = try await factory.staff(council, .auditor, name: "Ola Auditor")
            let old = try await factory.introduce(council, name: "Jane Example")
            let kept = try await factory.introduce(council, name: "Sam Kept", phone: "07700 900777")
            let store = PeopleStore(app.db, councilID: council.id)
            for person in [old, kept] {
                _ = try await store.addStep(to: person.id, what: "Ring", who: "", dueOn: "2026-08-01", at: clock.now)
                _ = try await store.connect(
                    person.id, kind: .neighbour, resourceID: nil, name: "Bob", startedOn: "2026-07-01", note: "",
                    by: coordinator.id, at: clock.now)
            }
            try await AuditStore(app.db, councilID: council.id).record(
                AuditEntry(
                    at: clock.now, staffID: auditor.id, personID: nil, action: .search,
                    detail: .key("audit.page.searched-the-audit-log", values: ["person=Jane Example", "action=view"])))
            let sql = try app.db.sql
            // As erasure left them before: English in place of what went. (A record not erased that happens to
            // hold the same words keeps them.)
            try await sql.raw(
                """
                UPDATE people SET full_name = 'Erased record', name_key = '', erased_at = \(bind: clock.now), \
                erasure_reason = 'Asked' WHERE id = \(bind: old.id.uuid)
                """
            ).run()
            try await sql.raw("UPDATE steps SET what = '[erased]'").run()
            try await sql.raw("UPDATE connections SET name = 'A neighbour'").run()

            try await EraseWithoutWords().prepare(on: app.db)

            let person = try await store.find(old.id)
            #expect(person.fullName == "" && person.isErased)
            #expect(try await store.find(kept.id).fullName == "Sam Kept")
            let steps = try await sql.raw("SELECT person_id, what FROM steps").all().map {
                (try $0.decode(column: "person_id", as: UUID.self), try $0.decode(column: "what", as: String.self))
            }
            #expect(steps.first { $0.0 == old.id.uuid }?.1 == "")
            #expect(steps.first { $0.0 == kept.id.uuid }?.1 == "[erased]")
            let names = try await sql.raw("SELECT person_id, name FROM connections").all().map {
                (try $0.decode(column: "person_id", as: UUID.self), try $0.decode(column: "name", as: String.self))
            }
            #expect(names.first { $0.0 == old.id.uuid }?.1 == "")
            #expect(names.first { $0.0 == kept.id.uuid }?.1 == "A neighbour")
            let search = try #require(
                try await AuditStore(app.db, councilID: council.id).entries(by: auditor.id).first)
            #expect(search.detail.values == ["action=view"] && search.reason == "Jane Example")
            // The log is still append-only, but for the redaction of a search's or an export's reason.
            await #expect(throws: (any Error).self) {
                try await sql.raw("UPDATE audit_entries SET reason = 'something else'").run()
            }
            try await sql.raw(
                "UPDATE audit_entries SET reason = \(bind: AuditStore.redactedSearch) WHERE action = 'search'"
            ).run()
        }
    }
}
