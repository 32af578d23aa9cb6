import AlongsideCore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import AlongsideStore
@testable import AlongsideWeb

@Suite("Audit log")
struct AuditTests {
    @Test func anAuditorFindsEveryTimeAPersonsRecordWasOpenedInAPeriodAndExportsIt() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale")
            try await factory.introduce(council, name: "Someone Else", phone: "07700 900999")
            let auditor = try await factory.staff(council, .auditor, name: "Ada Auditor")
            let browser = Browser(app)
            // July 2026: opened twice by the coordinator; then in August once by the team leader.
            try await browser.signIn(coordinator.email, password: testPassword)
            try await browser.get("/people/\(person.id)")
            clock.advance(3_600)
            try await browser.get("/people/\(person.id)")
            clock.advance(31 * 86_400)
            let lead = Browser(app)
            try await lead.signIn(leader.email, password: testPassword)
            try await lead.get("/people/\(person.id)")

            #expect(try await browser.get("/audit").status != .ok)
            let audit = Browser(app)
            try await audit.signIn(auditor.email, password: testPassword)
            let july = try await audit.get("/audit?person=Margaret+Hale&from=1/7/2026&to=31/7/2026&action=view")
            let page = july.body.string
            #expect(july.status == .ok)
            #expect(page.contains("Entries about: Margaret Hale (DE1 1AA)"))
            #expect(page.contains("2 entries"))
            #expect(page.contains("Amara Okafor"))
            #expect(!page.contains("<th scope=\"row\">Priya Shah</th>"))
            #expect(page.contains("<th scope=\"row\">Amara Okafor</th>"))
            let all = try await audit.get("/audit?person=\(person.id)&action=view").body.string
            #expect(all.contains("3 entries"))
            let bad = try await audit.get("/audit?from=yesterday").body.string
            #expect(bad.contains("Enter the date as day/month/year"))

            let csv = try await audit.get("/audit.csv?person=Margaret+Hale&action=view")
            #expect(csv.headers.first(name: .contentDisposition)?.contains("alongside-audit-") == true)
            let lines = csv.body.string.split(separator: "\r\n")
            #expect(lines.count == 4)
            #expect(lines.dropFirst().allSatisfy { $0.contains("Margaret Hale") })

            let own = try await AuditStore(app.db, councilID: council.id).entries(by: auditor.id)
            // Whom the auditor sought is kept in the reason, where erasing them reaches it; the values hold the rest.
            #expect(
                own.contains {
                    $0.action == .export && $0.reason == "Margaret Hale" && $0.words.contains("action=view")
                })
            #expect(!own.contains { $0.words.contains("Margaret") })
            #expect(own.filter { $0.action == .search }.count == 3)
        }
    }

    /// Entries written in the same instant (a search and the views it led to, or a page's many entries) are
    /// listed in one order every time, the last id first, so paging through the log shows each entry once.
    @Test func entriesWrittenInTheSameInstantArePagedOnceEachInOneOrder() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let store = AuditStore(app.db, councilID: council.id)
            // Thirty entries at one instant, written so that the order they were written in is not the order of
            // their ids (a database left to itself lists ties in the order it finds them).
            let ids = (1...30).map { _ in app.db.newID() }
            for number in 1...30 {
                try await (app.db as! any SQLDatabase).insert(into: AuditEntryModel.schema)
                    .columns("id", "council_id", "staff_id", "person_id", "action", "detail", "reason", "address", "at")
                    .values(
                        SQLBind(ids[30 - number]), SQLBind(council.id.uuid), SQLBind(coordinator.id.uuid),
                        SQLBind(person.id.uuid), SQLBind("view"), SQLBind("Entry \(number)"), SQLBind(String?.none),
                        SQLBind(String?.none), SQLBind(clock.now)
                    )
                    .run()
            }
            var paged: [String] = []
            for page in 1...3 {
                let found = try await store.search(.init(people: [person.id]), page: page, per: 10)
                #expect(found.metadata.total >= 30)
                paged += found.items.map(\.words).filter { $0.hasPrefix("Entry ") }
            }
            let newestFirst = (1...30).map { "Entry \($0)" }  // Entry 1 has the last id drawn
            #expect(paged == newestFirst)
            #expect(
                try await store.entries(about: person.id).map(\.words).filter { $0.hasPrefix("Entry ") } == newestFirst
            )
            #expect(
                try await store.entries(by: coordinator.id).map(\.words).filter { $0.hasPrefix("Entry ") }
                    == newestFirst)
        }
    }

    /// The database refuses every change to the log but one: an erased person's search words replaced.
    @Test func theAuditLogRefusesChangesAndDeletionsButTheRedactionOfAnErasedPersonsSearch() async throws {
        try await withAlongside { app, clock in
            let (council, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let audit = AuditStore(app.db, councilID: council.id)
            try await audit.record(
                AuditEntry(
                    at: clock.now, staffID: coordinator.id, personID: nil, action: .search,
                    detail: .init(written: "Searched people"),
                    reason: "Margaret Hale"))
            try await audit.record(
                AuditEntry(
                    at: clock.now, staffID: coordinator.id, personID: nil, action: .view,
                    detail: .init(written: "Opened the record"),
                    reason: "Covering"))
            let sql = try app.db.sql
            for attempt in [
                sql.update("audit_entries").set("reason", to: "something else").where("action", .equal, "search"),
                sql.update("audit_entries").set("reason", to: AuditStore.redactedSearch)
                    .where("action", .equal, "view"),
                sql.update("audit_entries").set("reason", to: AuditStore.redactedSearch)
                    .set("detail", to: "Nothing happened").where("action", .equal, "search"),
                sql.update("audit_entries").set("reason", to: AuditStore.redactedSearch)
                    .set("detail_code", to: "audit.page.searched-the-audit-log").where("action", .equal, "search"),
            ] {
                await #expect(throws: (any Error).self) { try await attempt.run() }
            }
            await #expect(throws: (any Error).self) { try await sql.delete(from: "audit_entries").run() }
            try await sql.update("audit_entries").set("reason", to: AuditStore.redactedSearch)
                .where("action", .equal, "search").run()
            let entries = try await audit.entries(by: coordinator.id)
            #expect(entries.count == 2)
            #expect(entries.contains { $0.action == .search && $0.reason == AuditStore.redactedSearch })
            #expect(entries.contains { $0.action == .view && $0.reason == "Covering" })
        }
    }
}
