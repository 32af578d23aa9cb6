import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// The council admin invites staff and sends password links from the browser; anyone can ask for a link
/// on the sign-in page. Links are emailed (real SMTP on loopback), work once, expire, and setting a password
/// signs the member out everywhere else.
@Suite("Invitations and password links")
struct StaffLinksTests {
    static let goodPassword = "a quiet walk by the canal"

    /// The one-time link in an email's body.
    static func link(in body: String) -> String? {
        guard let start = body.range(of: "/password/pw_") else { return nil }
        return String(body[start.lowerBound...].prefix { !$0.isWhitespace })
    }

    @Test func anInvitedCoordinatorSetsAPasswordFromTheEmailedLinkAndSignsIn() async throws {
        let server = try await SMTPServer()
        try await withAlongside(configuring: { $0.mail = NoticesTests.smtp(server) }) { app, clock in
            let (council, _, _, _) = try await Factory(app: app).coveredCouncil()
            let admin = try await Factory(app: app).staff(council, .councilAdmin, name: "Sam Admin")
            let browser = Browser(app)
            try await browser.signIn(admin.email, password: testPassword)
            let page = try await browser.get("/staff").body.string
            #expect(page.contains("Invite a member of staff") && page.contains("No emails are waiting"))
            let bad = try await browser.post(
                "/staff/invite", form: ["inviteName": "", "inviteEmail": "not-an-email", "inviteRole": "network-admin"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Enter their name") && bad.body.string.contains("Enter their email"))
            let sent = try await browser.post(
                "/staff/invite",
                form: [
                    "inviteName": "Ffion Evans", "inviteEmail": "Ffion.Evans@Testshire.example",
                    "inviteRole": "coordinator",
                ])
            #expect(sent.status == .seeOther)
            let again = try await browser.post(
                "/staff/invite",
                form: [
                    "inviteName": "Ffion Evans", "inviteEmail": "ffion.evans@testshire.example",
                    "inviteRole": "coordinator",
                ])
            #expect(again.body.string.contains("This address already has an account"))

            // The link waits in the outbox sealed, and is emptied once sent.
            let stored = try await OutboxStore(app.db).messages(to: "ffion.evans@testshire.example")
            guard case .invitation(let sealed, _) = try #require(stored.first).notice else {
                Issue.record("An invitation was expected")
                return
            }
            #expect(sealed.hasPrefix("aes1:") && !sealed.contains("pw_"))
            let mailer = try #require(OutboxSender.mailer(app))
            try await OutboxSender.sendDue(app, with: mailer)
            let messages = try await server.wait(for: 1)
            let email = try #require(messages.first)
            #expect(email.to == ["ffion.evans@testshire.example"])
            let kept = try await OutboxStore(app.db).messages(to: "ffion.evans@testshire.example")
            #expect(kept.first?.notice == .invitation(link: "", council: "Testshire Council"))
            #expect(email.header("Subject") == "You are invited to Alongside for Testshire Council")
            let path = try #require(Self.link(in: email.body))
            let newcomer = Browser(app)
            let welcome = try await newcomer.get(path)
            #expect(welcome.status == .ok && welcome.body.string.contains("Welcome to Alongside"))
            let weak = try await newcomer.post(path, form: ["newPassword": "password", "confirmPassword": "password"])
            #expect(weak.status == .unprocessableEntity)
            let mismatch = try await newcomer.post(
                path, form: ["newPassword": Self.goodPassword, "confirmPassword": Self.goodPassword + "!"])
            #expect(mismatch.status == .unprocessableEntity)
            let set = try await newcomer.post(
                path, form: ["newPassword": Self.goodPassword, "confirmPassword": Self.goodPassword])
            #expect(set.status == .seeOther && set.location == "/sign-in?password-set=1")
            #expect(
                try await newcomer.signIn("ffion.evans@testshire.example", password: Self.goodPassword).status
                    == .seeOther)
            #expect(try await newcomer.get("/caseload").status == .ok)
            // The link worked once.
            #expect(try await Browser(app).get(path).status == .gone)
            // A password link asked for before they changed their password on the account page stops too.
            let asker = Browser(app)
            try await asker.get("/sign-in/forgot")
            _ = try await asker.post("/sign-in/forgot", form: ["email": "ffion.evans@testshire.example"])
            try await OutboxSender.sendDue(app, with: mailer)
            let resetPath = try #require(Self.link(in: try await server.wait(for: 2).last?.body ?? ""))
            #expect(try await Browser(app).get(resetPath).status == .ok)
            let changed = try await newcomer.post(
                "/account/password",
                form: [
                    "currentPassword": Self.goodPassword, "newPassword": Self.goodPassword + " again",
                    "confirmPassword": Self.goodPassword + " again",
                ])
            #expect(changed.status == .seeOther)
            #expect(try await Browser(app).get(resetPath).status == .gone)
            let audit = try await AuditStore(app.db, councilID: council.id).entries(by: admin.id)
            #expect(audit.contains { $0.words == "Invited Ffion Evans as Local Area Coordinator" })
        }
        try await server.stop()
    }

    @Test func forgotPasswordAnswersAlikeIsLimitedAndTheLinkExpiresAndSignsOutEverywhere() async throws {
        let server = try await SMTPServer()
        try await withAlongside(configuring: { $0.mail = NoticesTests.smtp(server) }) { app, clock in
            let (_, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let elsewhere = Browser(app)
            try await elsewhere.signIn(coordinator.email, password: testPassword)
            let token = try await PeopleAPITests().token(app, coordinator)
            clock.advance(60)

            let visitor = Browser(app)
            #expect(try await visitor.get("/sign-in").body.string.contains("/sign-in/forgot"))
            try await visitor.get("/sign-in/forgot")
            let known = try await visitor.post("/sign-in/forgot", form: ["email": coordinator.email])
            let unknown = try await visitor.post("/sign-in/forgot", form: ["email": "nobody@testshire.example"])
            #expect(known.status == .ok && unknown.status == .ok)
            #expect(known.body.string.contains("If there is an account for that address"))
            #expect(unknown.body.string.contains("If there is an account for that address"))
            #expect(try await OutboxStore(app.db).messages(to: "nobody@testshire.example").isEmpty)
            #expect(try await OutboxStore(app.db).messages(to: coordinator.email).count == 1)
            #expect(try await visitor.post("/sign-in/forgot", form: ["email": ""]).status == .unprocessableEntity)
            // A few asks an hour for one account.
            _ = try await visitor.post("/sign-in/forgot", form: ["email": coordinator.email])
            _ = try await visitor.post("/sign-in/forgot", form: ["email": coordinator.email])
            #expect(
                try await visitor.post("/sign-in/forgot", form: ["email": coordinator.email]).status == .tooManyRequests
            )

            let mailer = try #require(OutboxSender.mailer(app))
            try await OutboxSender.sendDue(app, with: mailer)
            let messages = try await server.wait(for: 3)
            #expect(messages.count == 3)
            // Only the newest link works.
            let links = messages.compactMap { Self.link(in: $0.body) }
            #expect(try await Browser(app).get(links[0]).status == .gone)
            let newest = try #require(links.last)
            let owner = Browser(app)
            #expect(try await owner.get(newest).status == .ok)
            // An hour later the link has expired.
            clock.advance(61 * 60)
            #expect(try await owner.get(newest).status == .gone)
            clock.advance(-61 * 60)
            let set = try await owner.post(
                newest, form: ["newPassword": Self.goodPassword, "confirmPassword": Self.goodPassword])
            #expect(set.status == .seeOther)
            // Signed out everywhere else; the API token stops; the old password no longer works.
            #expect(try await elsewhere.get("/caseload").status == .seeOther)
            let api = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: token)
            #expect(api.status == .unauthorized)
            #expect(try await Browser(app).signIn(coordinator.email, password: testPassword).status != .seeOther)
            #expect(try await Browser(app).signIn(coordinator.email, password: Self.goodPassword).status == .seeOther)
        }
        try await server.stop()
    }

    @Test func withNoMailTheAdminSeesTheLinkOnceAndOnlyAnAdminInvites() async throws {
        try await withAlongside { app, _ in
            let (council, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let admin = try await Factory(app: app).staff(council, .councilAdmin)
            let browser = Browser(app)
            try await browser.signIn(admin.email, password: testPassword)
            let shown = try await browser.post(
                "/staff/invite",
                form: ["inviteName": "Tom Reed", "inviteEmail": "tom@testshire.example", "inviteRole": "team-leader"])
            #expect(shown.status == .created)
            let body = shown.body.string
            #expect(body.contains("Mail is not set up, so no email was sent"))
            let path = try #require(Self.link(in: body))
            #expect(body.contains("An invitation") && body.contains("tom@testshire.example"))
            // A password link for an existing account is never shown to the admin.
            let reset = try await browser.post("/staff/\(coordinator.id)/reset", form: [:])
            #expect(
                reset.status == .seeOther && reset.location == "/staff?saved=reset-waits",
                "\(reset.status) \(reset.body.string.prefix(3000))")
            let after = try await browser.get(reset.location ?? "/staff").body.string
            #expect(after.contains("the link waits in the outbox") && Self.link(in: after) == nil)
            #expect(try await Browser(app).get(String(path.prefix { $0 != "<" })).status == .ok)
            // A coordinator cannot invite anyone or send links.
            let other = Browser(app)
            try await other.signIn(coordinator.email, password: testPassword)
            #expect(
                try await other.post(
                    "/staff/invite",
                    form: ["inviteName": "Eve", "inviteEmail": "eve@testshire.example", "inviteRole": "council-admin"]
                ).status == .forbidden)
            #expect(try await other.post("/staff/\(admin.id)/reset", form: [:]).status == .forbidden)
            // An admin of another council cannot send a link to this council's staff.
            let (elsewhere, _, _, _) = try await Factory(app: app).coveredCouncil("kestrel")
            let foreignAdmin = try await Factory(app: app).staff(elsewhere, .councilAdmin)
            let foreign = Browser(app)
            try await foreign.signIn(foreignAdmin.email, password: testPassword)
            #expect(try await foreign.post("/staff/\(coordinator.id)/reset", form: [:]).status == .notFound)
        }
    }

    @Test func anOperatorInvitesFromTheCommandLineAndTheLinkIsPrintedWhenMailIsNotSetUp() async throws {
        try await withAlongside { app, _ in
            let (council, _, _, _) = try await Factory(app: app).coveredCouncil()
            let printed = try await app.run([
                "user", "invite", "--email", "tom@testshire.example", "--name", "Tom Reed", "--role", "team-leader",
                "--council", "testshire",
            ])
            #expect(printed.contains("Invited Tom Reed <tom@testshire.example> as Team leader"))
            #expect(printed.contains("Mail is not set up"))
            let path = try #require(Self.link(in: printed))
            #expect(try await Browser(app).get(path).status == .ok)
            #expect(try await OutboxStore(app.db).waiting(councilID: council.id).count == 1)
            await #expect(throws: (any Error).self) {
                try await app.run([
                    "user", "invite", "--email", "tom@testshire.example", "--name", "Tom", "--role", "team-leader",
                    "--council", "testshire",
                ])
            }
            await #expect(throws: (any Error).self) {
                try await app.run([
                    "user", "invite", "--email", "x@testshire.example", "--name", "X", "--role", "boss", "--council",
                    "testshire",
                ])
            }
        }
    }
}
