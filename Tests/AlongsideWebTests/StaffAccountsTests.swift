import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// The council admin runs staff accounts in the browser: roles, and switching a leaver off at once with
/// their wards and people handed over in the same step.
@Suite("Staff accounts")
struct StaffAccountsTests {
    @Test func switchingALeaverOffStopsTheirSessionAndTokenAndHandsOverWardsAndPeople() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, leaver, _, northfield) = try await factory.coveredCouncil()
            let admin = try await factory.staff(council, .councilAdmin)
            let successor = try await factory.staff(council, .coordinator, name: "Sam Successor")
            let person = try await factory.introduce(council, name: "Margaret Hale")
            #expect(person.coordinatorID == leaver.id)
            // The leaver is signed in on a phone and holds an API token.
            let phone = Browser(app)
            try await phone.signIn(leaver.email, password: testPassword)
            #expect(try await phone.get("/caseload").status == .ok)
            let bearer = try await AttackFindingsTests.token(app, leaver)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: bearer).status == .ok)

            let browser = Browser(app)
            try await browser.signIn(admin.email, password: testPassword)
            let list = try await browser.get("/staff")
            #expect(list.status == .ok)
            #expect(list.body.string.contains("Amara Okafor"))
            let confirm = try await browser.get("/staff/\(leaver.id)/leave")
            #expect(confirm.status == .ok)
            #expect(confirm.body.string.contains("Northfield"))
            let done = try await browser.post(
                "/staff/\(leaver.id)/leave",
                form: [
                    "ward-\(northfield.id)": successor.id.description, "handover": "ward",
                    "note": "Margaret likes a call before a visit.",
                ])
            #expect(done.status == .seeOther)
            #expect(done.location == "/staff?saved=left")

            // At once: the session and the token stop, and the password no longer signs in.
            #expect(try await phone.get("/caseload").status == .seeOther)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: bearer).status == .unauthorized)
            let again = try await Browser(app).signIn(leaver.email, password: testPassword)
            #expect(again.status == .unauthorized)
            // The ward has its new named coordinator, and the person went with it, with the note.
            let coverage = try await WardStore(app.db, councilID: council.id).coverage()
            #expect(coverage.rows.first { $0.ward.id == northfield.id }?.coordinator?.id == successor.id)
            let people = PeopleStore(app.db, councilID: council.id)
            #expect(try await people.find(person.id).coordinatorID == successor.id)
            #expect(try await people.history(of: person.id).contains { $0.summary.contains("likes a call") })
            let audit = try await AuditStore(app.db, councilID: council.id).entries(by: admin.id)
            #expect(audit.contains { $0.words.contains("Switched Amara Okafor off") })
            #expect(audit.contains { $0.personID == person.id && $0.action == .assign })

            // Switched back on, they can sign in again.
            #expect(try await browser.post("/staff/\(leaver.id)/reactivate", form: [:]).status == .seeOther)
            #expect(try await Browser(app).signIn(leaver.email, password: testPassword).status == .seeOther)
        }
    }

    /// Signing in reads a member and their hash through `StaffRow` (one mapping of a member of staff): by the
    /// email as typed in any case, and never for an account switched off.
    @Test func signingInReadsTheActiveAccountByItsEmailAndNeverASwitchedOffOne() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            let store = StaffStore(app.db)
            let found = try #require(try await store.credentials(email: "  " + coordinator.email.uppercased()))
            #expect(found.member == coordinator)
            #expect(try await app.password.async.verify(testPassword, created: found.passwordHash))
            #expect(try await store.credentials(email: "nobody@" + council.slug + ".example") == nil)
            try await app.db.sql.raw(
                "UPDATE staff SET active = \(bind: false) WHERE id = \(bind: coordinator.id.uuid)"
            ).run()
            #expect(try await store.credentials(email: coordinator.email) == nil)
        }
    }

    @Test func aLeaverWithNobodyNamedLeavesTheirWardUncoveredAndPeopleWithTheTeamLeader() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, leaver, _, northfield) = try await factory.coveredCouncil()
            let admin = try await factory.staff(council, .councilAdmin)
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let browser = Browser(app)
            try await browser.signIn(admin.email, password: testPassword)
            try await browser.get("/staff/\(leaver.id)/leave")
            let done = try await browser.post(
                "/staff/\(leaver.id)/leave", form: ["ward-\(northfield.id)": "none", "handover": "ward"])
            #expect(done.status == .seeOther)
            let coverage = try await WardStore(app.db, councilID: council.id).coverage()
            #expect(coverage.rows.first { $0.ward.id == northfield.id }?.coordinator == nil)
            #expect(try await PeopleStore(app.db, councilID: council.id).find(person.id).coordinatorID == nil)
            // Switching off twice is refused, and an admin cannot switch themselves off.
            #expect(try await browser.post("/staff/\(leaver.id)/leave", form: [:]).status == .unprocessableEntity)
            #expect(try await browser.post("/staff/\(admin.id)/leave", form: [:]).status == .unprocessableEntity)
        }
    }

    @Test func onlyTheCouncilsOwnAdminRunsItsAccounts() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let other = try await factory.council("elsewhere", name: "Elsewhere Council")
            let otherAdmin = try await factory.staff(other, .councilAdmin)
            let leaderBrowser = Browser(app)
            try await leaderBrowser.signIn(leader.email, password: testPassword)
            #expect(try await leaderBrowser.get("/staff").status == .forbidden)
            #expect(
                try await leaderBrowser.post("/staff/\(coordinator.id)/leave", form: ["handover": "ward"]).status
                    == .forbidden)
            let outsider = Browser(app)
            try await outsider.signIn(otherAdmin.email, password: testPassword)
            #expect(try await outsider.get("/staff/\(coordinator.id)/leave").status == .notFound)
            #expect(
                try await outsider.post("/staff/\(coordinator.id)/leave", form: ["handover": "ward"]).status
                    == .notFound)
            #expect(
                try await outsider.post("/staff/\(coordinator.id)/role", form: ["role": "auditor"]).status == .notFound)
            #expect(try await StaffStore(app.db).account(coordinator.id, councilID: council.id).active)
            #expect(!(try await outsider.get("/staff").body.string.contains(coordinator.email)))
        }
    }

    @Test func changingARoleSignsThemOutAndAnAdminCannotChangeTheirOwn() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, _, northfield) = try await factory.coveredCouncil()
            let admin = try await factory.staff(council, .councilAdmin)
            let phone = Browser(app)
            try await phone.signIn(coordinator.email, password: testPassword)
            let browser = Browser(app)
            try await browser.signIn(admin.email, password: testPassword)
            clock.advance(1)
            #expect(
                try await browser.post("/staff/\(coordinator.id)/role", form: ["role": "auditor"]).status == .seeOther)
            #expect(try await StaffStore(app.db).account(coordinator.id, councilID: council.id).member.role == .auditor)
            #expect(try await phone.get("/caseload").status == .seeOther)
            // An auditor cannot cover a ward: theirs is uncovered.
            let coverage = try await WardStore(app.db, councilID: council.id).coverage()
            #expect(coverage.rows.first { $0.ward.id == northfield.id }?.coordinator == nil)
            #expect(
                try await browser.post("/staff/\(admin.id)/role", form: ["role": "coordinator"]).status
                    == .unprocessableEntity)
            #expect(
                try await browser.post("/staff/\(coordinator.id)/role", form: ["role": "network-admin"]).status
                    == .unprocessableEntity)
            // The Network's roles are not the council admin's to change or switch off.
            let network = try await factory.staff(council, .networkAdmin)
            #expect(
                try await browser.post("/staff/\(network.id)/role", form: ["role": "coordinator"]).status
                    == .unprocessableEntity)
            #expect(
                try await browser.post("/staff/\(network.id)/leave", form: ["handover": "ward"]).status
                    == .unprocessableEntity)
            #expect(
                try await StaffStore(app.db).account(network.id, councilID: council.id).member.role == .networkAdmin)
            #expect(!(try await browser.get("/staff").body.string.contains("/staff/\(network.id)/role")))
        }
    }

    @Test func operatorsSwitchAccountsOffAndOnAndChangeRolesFromTheCommandLine() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let off = try await app.run(["user", "deactivate", "--email", coordinator.email])
            #expect(off.contains("Switched \(coordinator.email) off"))
            #expect(!(try await StaffStore(app.db).account(coordinator.id, councilID: council.id).active))
            #expect(try await PeopleStore(app.db, councilID: council.id).find(person.id).coordinatorID == nil)
            #expect(try await Browser(app).signIn(coordinator.email, password: testPassword).status == .unauthorized)
            let on = try await app.run(["user", "reactivate", "--email", coordinator.email])
            #expect(on.contains("back on"))
            let role = try await app.run(["user", "role", "--email", coordinator.email, "--role", "team-leader"])
            #expect(role.contains("team-leader"))
            #expect(
                try await StaffStore(app.db).account(coordinator.id, councilID: council.id).member.role == .teamLeader)
        }
    }
}
