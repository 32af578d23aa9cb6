import AlongsideCore
import AlongsideStore
import Fluent
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

@Suite("Who may see whose record")
struct PeopleAccessTests {
    @Test func openingSomeoneElsesRecordAsksWhyAndTheReasonIsAudited() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, _, _, _) = try await factory.coveredCouncil()
            let other = try await factory.staff(council, .coordinator, name: "Ben Hughes")
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let browser = Browser(app)
            try await browser.signIn(other.email, password: testPassword)
            let gate = try await browser.get("/people/\(person.id)")
            #expect(gate.status == .forbidden)
            #expect(gate.body.string.contains("Why are you opening this record?"))
            #expect(!gate.body.string.contains("07700 900123"))
            let empty = try await browser.post("/people/\(person.id)/open", form: ["reason": "  "])
            #expect(empty.body.string.contains("Say why you need to open this record."))
            let long = try await browser.post(
                "/people/\(person.id)/open", form: ["reason": String(repeating: "x", count: 501)])
            #expect(long.body.string.contains("Keep the reason under 500 characters."))
            #expect(!long.body.string.contains("07700 900123"))
            let given = try await browser.post(
                "/people/\(person.id)/open", form: ["reason": "Covering while Amara is on leave"])
            #expect(given.status == .seeOther)
            let record = try await browser.get("/people/\(person.id)")
            #expect(record.status == .ok)
            #expect(record.body.string.contains("07700 900123"))

            let audit = try await AuditStore(app.db, councilID: council.id).entries(about: person.id)
            #expect(audit.contains { $0.reason == "Covering while Amara is on leave" && $0.staffID == other.id })
            #expect(audit.filter { $0.action == .view && $0.staffID == other.id }.count >= 2)
        }
    }

    @Test func everyViewOfARecordIsAudited() async throws {
        try await withAlongside { app, clock in
            let (council, coordinator, _, person, browser, _, _) = try await Factory(app: app).signedInOnARecord()
            clock.advance(60)
            try await browser.get("/people/\(person.id)")
            let views = try await AuditStore(app.db, councilID: council.id).entries(about: person.id)
                .filter { $0.action == .view && $0.staffID == coordinator.id }
            #expect(views.count == 2)
        }
    }

    @Test func theAuditLogCannotBeChangedOrDeleted() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale")
            try await AuditStore(app.db, councilID: council.id).record(
                AuditEntry(
                    at: Date(), staffID: coordinator.id, personID: person.id, action: .view,
                    detail: .init(written: "Opened")))
            let sql = try #require(app.db as? any SQLDatabase)
            await #expect(throws: (any Error).self) {
                try await sql.raw("UPDATE audit_entries SET detail = 'changed'").run()
            }
            await #expect(throws: (any Error).self) {
                try await sql.raw("DELETE FROM audit_entries").run()
            }
            #expect(
                try await AuditStore(app.db, councilID: council.id).entries(about: person.id).first?.words == "Opened")
        }
    }

    @Test(arguments: [Role.councilAdmin, .auditor, .networkAnalyst])
    func rolesWithoutCaseworkCannotOpenPeople(role: Role) async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, _, _, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let member = try await factory.staff(council, role)
            let browser = Browser(app)
            try await browser.signIn(member.email, password: testPassword)
            for path in ["/people/\(person.id)", "/caseload", "/people/search?q=Hale", "/people/new", "/team"] {
                #expect(try await browser.get(path).status == .forbidden, "\(role) \(path)")
            }
        }
    }

    @Test func aCoordinatorCannotSeeAnotherCoordinatorsCaseloadButATeamLeaderCan() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let other = try await factory.staff(council, .coordinator, name: "Ben Hughes")
            try await factory.introduce(council, name: "Margaret Hale")
            let browser = Browser(app)
            try await browser.signIn(other.email, password: testPassword)
            #expect(try await browser.get("/caseload?coordinator=\(coordinator.id)").status == .forbidden)
            let lead = Browser(app)
            try await lead.signIn(leader.email, password: testPassword)
            let page = try await lead.get("/caseload?coordinator=\(coordinator.id)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Margaret Hale"))
            #expect(page.body.string.contains("<h1>Caseload: \(coordinator.name)</h1>"))
        }
    }

    @Test func anotherCouncilsPersonDoesNotExistOnPagesOrTheAPI() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, _, _, _) = try await factory.coveredCouncil()
            let theirs = try await factory.introduce(council, name: "Margaret Hale")
            let elsewhere = try await factory.council("elsewhere", name: "Elsewhere Council")
            let leader = try await factory.staff(elsewhere, .teamLeader)
            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)
            let page = try await browser.get("/people/\(theirs.id)")
            #expect(page.status == .notFound)
            #expect(!page.body.string.contains("Margaret"))
            let search = try await browser.get("/people/search?q=Margaret").body.string
            #expect(search.contains("0 people found"))

            let token = try await app.testing().sendRequest(.POST, "/api/v1/tokens") {
                try $0.content.encode(["email": leader.email, "password": testPassword], as: .json)
            }.content.decode(APITests.Token.self).token
            let headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]
            let missing = try await app.testing().sendRequest(.GET, "/api/v1/people/\(UUID())", headers: headers)
            let foreign = try await app.testing().sendRequest(.GET, "/api/v1/people/\(theirs.id)", headers: headers)
            #expect(missing.status == .notFound)
            #expect(foreign.status == .notFound)
            let foreignReason = try foreign.content.decode(APITests.ErrorBody.self).reason
            #expect(foreignReason == (try missing.content.decode(APITests.ErrorBody.self).reason))
        }
    }
}
