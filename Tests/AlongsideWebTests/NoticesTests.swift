import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// Emails leave through the outbox: written with the event that causes them, sent over real SMTP to a
/// server on loopback (or to a stand-in of GOV.UK Notify's API), retried when refused, sent once when two
/// senders run at once, and never carry a person's details.
@Suite("Notices by email")
struct NoticesTests {
    static func smtp(_ server: SMTPServer) -> MailSettings {
        .smtp(
            .init(
                host: "127.0.0.1", port: server.port, implicitTLS: false, startTLS: false, user: "alongside",
                password: "secret", from: "alongside@testshire.example"))
    }

    @Test func aResidentsIntroductionEmailsTheWardsCoordinatorWithNoPersonalDetails() async throws {
        let server = try await SMTPServer()
        try await withAlongside(configuring: { $0.mail = Self.smtp(server) }) { app, _ in
            let (_, coordinator, leader, _) = try await Factory(app: app).coveredCouncil()
            let visitor = Browser(app)
            try await visitor.get("/introduce/testshire")
            let sent = try await visitor.post(
                "/introduce/testshire",
                form: [
                    "who": "me", "fullName": "Margaret Hale", "phone": "07700 900123", "postcode": "de1 1aa",
                    "whatMatters": "I have been lonely since my husband died", "website": "",
                ])
            #expect(sent.status == .seeOther)
            let mailer = try #require(OutboxSender.mailer(app))
            let result = try await OutboxSender.sendDue(app, with: mailer)
            #expect(result.sent == 1 && result.failed == 0)
            let messages = try await server.wait(for: 1)
            #expect(messages.count == 1)
            let message = try #require(messages.first)
            #expect(message.to == [coordinator.email])
            #expect(message.user == "alongside")
            #expect(message.header("Subject") == "Alongside: someone new has been introduced")
            #expect(message.body.contains("introduced in Northfield"))
            #expect(message.body.contains("/sign-in"))
            for detail in ["Margaret", "Hale", "07700", "DE1", "lonely"] {
                #expect(!message.data.contains(detail) && !message.body.contains(detail))
            }
            // Sent once: the next round has nothing to send.
            #expect(try await OutboxSender.sendDue(app, with: mailer).sent == 0)
            #expect(try await OutboxStore(app.db).messages(to: leader.email).isEmpty)
        }
        try await server.stop()
    }

    @Test func anIntroductionNobodyCoversGoesToTheTeamLeadersAndARefusedMessageIsTriedAgainLater() async throws {
        let server = try await SMTPServer()
        try await withAlongside(configuring: { $0.mail = Self.smtp(server) }) { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            // Southmead has no coordinator: the introduction waits for the team.
            try await factory.introduce(council, name: "Amara Bello", postcode: "DE2 2BB")
            let mailer = try #require(OutboxSender.mailer(app))
            server.refuse(next: 1)
            #expect(try await OutboxSender.sendDue(app, with: mailer).failed == 1)
            let waiting = try await OutboxStore(app.db).waiting(councilID: council.id)
            #expect(waiting.count == 1 && waiting.first?.attempts == 1 && waiting.first?.lastError != nil)
            // Not before its back-off, then sent.
            #expect(try await OutboxSender.sendDue(app, with: mailer).sent == 0)
            clock.advance(OutboxStore.backOff(afterAttempts: 1) + 1)
            #expect(try await OutboxSender.sendDue(app, with: mailer).sent == 1)
            let messages = try await server.wait(for: 1)
            #expect(messages.map(\.to) == [[leader.email]])
            #expect(messages.first?.body.contains("waiting for the team") == true)
            #expect(try await OutboxStore(app.db).waiting(councilID: council.id).isEmpty)
            #expect(try await OutboxStore(app.db).messages(to: coordinator.email).isEmpty)
        }
        try await server.stop()
    }

    @Test func twoSendersAtOnceSendEachMessageOnceAndAMembersChoiceIsHonoured() async throws {
        let server = try await SMTPServer()
        try await withAlongside(configuring: { $0.mail = Self.smtp(server) }) { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            for number in 1...8 {
                try await factory.introduce(council, name: "Resident \(number)", phone: "07700 90010\(number)")
            }
            let mailer = try #require(OutboxSender.mailer(app))
            async let first = OutboxSender.sendDue(app, with: mailer)
            async let second = OutboxSender.sendDue(app, with: mailer)
            let (a, b) = try await (first, second)
            #expect(a.sent + b.sent == 8)
            let messages = try await server.wait(for: 8)
            #expect(messages.count == 8)
            // A member who chose "none" gets no notice of an introduction.
            try await StaffStore(app.db).setNoticePreference(.none, of: coordinator.id)
            try await factory.introduce(council, name: "Resident 9", phone: "07700 900109")
            #expect(try await OutboxStore(app.db).waiting(councilID: council.id).isEmpty)
        }
        try await server.stop()
    }

    @Test func withNoMailConfiguredMessagesWaitInTheOutbox() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            try await factory.introduce(council, name: "Margaret Hale")
            #expect(OutboxSender.mailer(app) == nil)
            let waiting = try await OutboxStore(app.db).waiting(councilID: council.id)
            #expect(waiting.map(\.to) == [coordinator.email])
            #expect(waiting.first?.notice == .introduction(ward: "Northfield"))
        }
    }

    @Test func theNotifyTransportSendsASignedRequestOfTheRightShape() async throws {
        let standIn = try await Application.make(.testing)
        let seen = NIOLockedValueBox<[String]>([])
        let service = "26785a09-ab16-4eb0-8407-a37497a57506"
        let secret = "3d844edf-8d35-48ac-975b-e847b4f122b0"
        standIn.post("v2", "notifications", "email") { req -> Response in
            struct Body: Content {
                let email_address: String
                let template_id: String
                let personalisation: [String: String]
            }
            let body = try req.content.decode(Body.self)
            let token = req.headers.bearerAuthorization?.token ?? ""
            let parts = token.split(separator: ".").map(String.init)
            guard parts.count == 3 else { return Response(status: .forbidden) }
            let expected = HMAC<SHA256>.authenticationCode(
                for: Data("\(parts[0]).\(parts[1])".utf8), using: SymmetricKey(data: Data(secret.utf8)))
            let signature = Data(expected).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            var claims = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            while claims.count % 4 != 0 { claims += "=" }
            let decoded = Data(base64Encoded: claims).map { String(decoding: $0, as: UTF8.self) } ?? ""
            guard signature == parts[2], decoded.contains("\"iss\":\"\(service)\"") else {
                return Response(status: .forbidden)
            }
            seen.withLockedValue {
                $0.append("\(body.email_address)|\(body.template_id)|\(body.personalisation["subject"] ?? "")")
            }
            return Response(status: .created)
        }
        try await standIn.server.start(address: .hostname("127.0.0.1", port: 0))
        let port = try #require(standIn.http.server.shared.localAddress?.port)
        let template = "f33517ff-2a88-4f6e-b855-c550268ce08a"
        let settings = try #require(
            try MailSettings.from([
                "ALONGSIDE_NOTIFY_API_KEY": "alongside_test-\(service)-\(secret)",
                "ALONGSIDE_NOTIFY_TEMPLATE_ID": template, "ALONGSIDE_NOTIFY_URL": "http://127.0.0.1:\(port)",
            ]))
        guard case .notify(let notify) = settings else {
            Issue.record("Notify settings expected")
            return
        }
        let mailer = NotifyMailer(settings: notify, client: standIn.client)
        try await mailer.send(Email(to: "amara@testshire.example", subject: "Hello", body: "A notice"))
        #expect(seen.withLockedValue { $0 } == ["amara@testshire.example|\(template)|Hello"])
        // A key for another service is refused by the stand-in, and the mailer says so.
        let wrong = NotifyMailer(
            settings: .init(
                apiKey: "alongside_test-\(service)-00000000-0000-0000-0000-000000000000", templateID: template,
                baseURL: "http://127.0.0.1:\(port)"), client: standIn.client)
        await #expect(throws: NotifyMailer.Refused.self) {
            try await wrong.send(Email(to: "amara@testshire.example", subject: "Hello", body: "A notice"))
        }
        await standIn.server.shutdown()
        try await standIn.asyncShutdown()
    }

    @Test func mailSettingsAreReadWithClearErrors() throws {
        let smtp = try MailSettings.from([
            "ALONGSIDE_SMTP_URL": "smtp://user%40council:p%40ss@mail.council.gov.uk:587?from=alongside@council.gov.uk"
        ])
        guard case .smtp(let settings) = smtp else {
            Issue.record("SMTP settings expected")
            return
        }
        #expect(settings.host == "mail.council.gov.uk" && settings.port == 587 && settings.startTLS)
        #expect(settings.user == "user@council" && settings.password == "p@ss")
        #expect(try MailSettings.from([:]) == nil)
        for bad in ["http://mail.example", "smtp://", "smtp://host:99999", "smtp://host?from=not-an-address"] {
            #expect(throws: MailSettings.Invalid.self) { try MailSettings.from(["ALONGSIDE_SMTP_URL": bad]) }
        }
        #expect(throws: MailSettings.Invalid.self) { try MailSettings.from(["ALONGSIDE_NOTIFY_API_KEY": "short"]) }
        // A password is never sent in clear to another machine.
        #expect(throws: MailSettings.Invalid.self) {
            try MailSettings.from(["ALONGSIDE_SMTP_URL": "smtp://user:pass@mail.example:25?starttls=false"])
        }
        #expect(try MailSettings.from(["ALONGSIDE_SMTP_URL": "smtp://user:pass@127.0.0.1:25?starttls=false"]) != nil)
        // A line break cannot reach the headers.
        let message = SMTPMailer.message(
            Email(to: "a@b.example\r\nBcc: x@y.example", subject: "Hi\r\nBcc: x@y.example", body: "Body"),
            from: "alongside@council.gov.uk")
        #expect(!message.contains("\r\nBcc:"))
        #expect(!message.contains("\nBcc:"))
    }

    @Test func aServerThatNeverAnswersIsGivenUpOnAndTheMessageWaits() async throws {
        let silent = try await SMTPServer(silent: true)
        guard case .smtp(let settings) = Self.smtp(silent) else { return }
        var mailer = SMTPMailer(settings: settings, group: MultiThreadedEventLoopGroup.singleton)
        // The read timeout is ten minutes, the whole send's deadline half a second: given up on by the deadline,
        // not the timeout. The bound is far above the deadline so a busy machine cannot fail it, and far below
        // the timeout so a deadline that did nothing would.
        mailer.timeout = .seconds(600)
        mailer.deadline = .milliseconds(500)
        let started = ContinuousClock.now
        await #expect(throws: (any Error).self) {
            try await mailer.send(Email(to: "a@b.example", subject: "Hi", body: "Body"))
        }
        #expect(ContinuousClock.now - started < .seconds(120))
        try await silent.stop()
    }

    @Test func anAddressThatCouldEndACommandIsNeverSent() async throws {
        let server = try await SMTPServer()
        guard case .smtp(let settings) = Self.smtp(server) else { return }
        let mailer = SMTPMailer(settings: settings, group: MultiThreadedEventLoopGroup.singleton)
        for bad in ["a@b.example>\r\nRCPT TO:<x@y.example", "a@b.example> x", "<a@b.example>"] {
            await #expect(throws: SMTPMailer.Refused.self) {
                try await mailer.send(Email(to: bad, subject: "Hi", body: "Body"))
            }
        }
        try await mailer.send(Email(to: "a@b.example", subject: "Hi", body: "Body"))
        #expect(try await server.wait(for: 1).map(\.to) == [["a@b.example"]])
        try await server.stop()
    }

    @Test func aHandoverTellsTheNewCoordinatorOnceAndTheAccountPageSetsTheChoice() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let other = try await factory.staff(council, .coordinator, name: "Ffion Evans")
            for number in 1...3 {
                try await factory.introduce(council, name: "Resident \(number)", phone: "07700 90020\(number)")
            }
            let store = PeopleStore(app.db, councilID: council.id)
            let first = try #require(try await store.caseload(of: coordinator.id).first)
            _ = try await store.assign(first.id, to: other.id, by: leader.id, at: clock.now, note: "Lives near Ffion")
            #expect(try await OutboxStore(app.db).messages(to: other.email).map(\.notice) == [.handover(people: 1)])
            // A leaver's people go to the named successor with one email, of how many.
            _ = try await StaffStore(app.db).switchOff(
                coordinator.id, councilID: council.id, successors: [:], people: .coordinator(other.id),
                note: "Moving on",
                audit: .init(
                    by: leader.id, address: "127.0.0.1", handedOver: .key("staff.leave.handed-over-when-left", "Ann"),
                    summary: { _ in .key("staff.leave.switched-off-detail", "Ann", 0, 2) }),
                at: clock.now)
            let notices = try await OutboxStore(app.db).messages(to: other.email).map(\.notice)
            #expect(notices.contains(.handover(people: 2)) && notices.count == 2)

            // The account page offers the choice, and "none" is honoured.
            let browser = Browser(app)
            try await browser.signIn(other.email, password: testPassword)
            let page = try await browser.get("/account").body.string
            #expect(page.contains("Notices by email") && page.contains("value=\"at-once\" checked"))
            #expect(
                try await browser.post("/account/notices", form: ["notices": "sometimes"]).status
                    == .unprocessableEntity)
            #expect(try await browser.post("/account/notices", form: ["notices": "none"]).status == .seeOther)
            #expect(try await StaffStore(app.db).noticePreference(of: other.id) == .none)
            let second = try #require(try await store.caseload(of: other.id).first)
            _ = try await store.assign(second.id, to: leader.id, by: other.id, at: clock.now)
            _ = try await store.assign(second.id, to: other.id, by: leader.id, at: clock.now)
            #expect(try await OutboxStore(app.db).messages(to: other.email).count == 2)
        }
    }
}
