import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// The findings of the attacker's review, each reproduced as it was found and shown closed.
@Suite("What an attacker found")
struct AttackFindingsTests {
    static func token(_ app: Application, _ member: StaffMember) async throws -> HTTPHeaders {
        let response = try await app.testing().sendRequest(.POST, "/api/v1/tokens") {
            try $0.content.encode(["email": member.email, "password": testPassword])
        }
        let token = try response.content.decode([String: String].self)["token"] ?? ""
        return ["Authorization": "Bearer \(token)"]
    }

    // MARK: 4. Stories follow consent

    @Test func aWithdrawnStoryCannotBeApprovedOrSharedAgain() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let path = "/people/\(person.id)"
            try await browser.get(path)
            let story = "After her husband died she stopped going out. Now she sings at the Tuesday choir."
            #expect(
                try await browser.post(
                    path + "/stories", form: ["storyTitle": "Singing again", "storyBody": story, "consent": "yes"]
                ).status == .seeOther)
            // Writing the story recorded the consent to tell it, so that it can be withdrawn.
            let people = PeopleStore(app.db, councilID: council.id)
            let consent = try #require(try await people.consents(of: person.id).first { $0.kind == .tellStory })
            let stories = StoryStore(app.db, councilID: council.id)
            let id = try #require(try await stories.stories(status: .awaitingApproval).first).id
            let lead = Browser(app)
            try await lead.signIn(leader.email, password: testPassword)
            #expect(try await lead.post("/stories/\(id)/approve", form: [:]).status == .seeOther)

            // The person withdraws their consent: the story is withdrawn, and approving it again is refused.
            try await people.withdrawConsent(consent.id, of: person.id, on: "2026-07-20")
            #expect(try await stories.stories(status: .withdrawn).map(\.id) == [id])
            let again = try await lead.post("/stories/\(id)/approve", form: [:])
            #expect(again.status == .conflict)
            // The approval is in the audit log once: the refused one wrote nothing.
            let log = try await AuditStore(app.db, councilID: council.id).entries(about: person.id)
            #expect(log.count(where: { $0.words == "Approved a story" }) == 1)
            #expect(try await stories.stories(status: .withdrawn).map(\.id) == [id])
            let share = try await lead.post("/stories/\(id)/share", form: ["themes": "connection"])
            #expect([.conflict, .forbidden].contains(share.status))
            #expect(try await PracticeStore(app.db).sharedStories(councilID: council.id).isEmpty)
        }
    }

    // MARK: 5. Redirects and headers

    @Test(arguments: [
        "/coverage\r\nSet-Cookie: planted=1", "/coverage%0D%0ASet-Cookie:planted=1", "/\t/evil.example",
        "/%09/evil.example", "//evil.example", "/\\evil.example", "/%2F%2Fevil.example", "https://evil.example",
        "/caseload\u{0}",
    ])
    func aNextAddressWithControlCharactersOrAnotherHostGoesHome(next: String) async throws {
        try await withAlongside { app, _ in
            let (_, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let browser = Browser(app)
            let response = try await browser.signIn(coordinator.email, password: testPassword, next: next)
            #expect(!SitePath.isSafeRedirect(next))
            if next.contains("\u{0}") {
                // A NUL is refused at the door, before anything reads the form.
                #expect(response.status == .badRequest)
                return
            }
            #expect(response.status == .seeOther)
            #expect(response.location == "/")
            #expect(!response.headers[.setCookie].contains { $0.contains("planted") })
        }
    }

    @Test func aNextAddressOfThisSiteIsKept() async throws {
        try await withAlongside { app, _ in
            let (_, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let response = try await Browser(app).signIn(
                coordinator.email, password: testPassword, next: "/people?q=Margaret%20Hale")
            #expect(response.location == "/people?q=Margaret%20Hale")
        }
    }

    // MARK: 6. CSV injection and one-line fields

    @Test func csvFieldsWithLineBreaksOrFormulaStartsAreQuotedAndNeutralised() {
        #expect(CSVField.escape("Jo\r\n=cmd|' /C calc'!A0") == "\"Jo\r\n=cmd|' /C calc'!A0\"")
        #expect(CSVField.escape("\r\n=1+1") == "\"'\r\n=1+1\"")
        #expect(CSVField.escape("=SUM(A1)") == "'=SUM(A1)")
        #expect(CSVField.escape("\t=1") == "'\t=1")
        #expect(CSVField.escape("-12") == "-12")
        #expect(CSVField.escape("@here") == "'@here")
        #expect(CSVField.escape("plain") == "plain")
    }

    @Test func aNameWithALineBreakFromThePublicFormIsRefusedWithAClearMessage() async throws {
        try await withAlongside { app, _ in
            let (council, _, _, _) = try await Factory(app: app).coveredCouncil()
            let browser = Browser(app)
            try await browser.get("/introduce/testshire")
            let response = try await browser.post(
                "/introduce/testshire",
                form: [
                    "fullName": "Jo\r\n=cmd|' /C calc'!A0", "phone": "07700 900123", "postcode": "DE1 1AA",
                    "source": "self",
                ])
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("on one line"))
            #expect(try await PeopleStore(app.db, councilID: council.id).search("Jo").isEmpty)
            var draft = IntroductionDraft()
            draft.fullName = "Nul\u{0}Name"
            draft.phone = "07700 900123"
            guard case .failure(let problems) = draft.validated(today: Date()) else {
                Issue.record("a NUL in a name was accepted")
                return
            }
            #expect(problems.problems.map(\.field) == ["fullName"])
        }
    }

    // MARK: 8. The API shows what the page shows

    @Test func theAPISearchShowsOthersCaseloadsAsASummaryWithoutContactDetails() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            let other = try await factory.staff(council, .coordinator, name: "Omar Other")
            let theirs = try await factory.introduce(
                council, name: "Margaret Hale", postcode: "DE2 2BB", dateOfBirth: "1950-02-03",
                phone: "07700 900999", email: "margaret@example.org")
            _ = try await PeopleStore(app.db, councilID: council.id).assign(
                theirs.id, to: other.id, by: nil, at: Date(timeIntervalSince1970: 1_784_000_100))
            let mine = try await factory.introduce(council, name: "Margaret Mine", phone: "07700 900888")
            let headers = try await Self.token(app, coordinator)
            let found = try await app.testing().sendRequest(.GET, "/api/v1/people/search?q=Margaret", headers: headers)
            #expect(found.status == .ok)
            let text = found.body.string
            #expect(text.contains("Margaret Hale"))
            #expect(!text.contains("07700 900999"))
            #expect(!text.contains("margaret@example.org"))
            #expect(!text.contains("1950-02-03"))
            #expect(text.contains("07700 900888"))  // on their own caseload: in full
            struct Item: Decodable {
                let id: String
                let detailsShown: Bool
                let phone: String?
                let stage: String
                let postcode: String
            }
            struct Items: Decodable { let items: [Item] }
            let items = try found.content.decode(Items.self).items
            let summary = try #require(items.first { $0.id == theirs.id.description })
            #expect(!summary.detailsShown && summary.phone == nil && summary.postcode == "DE2 2BB")
            #expect(items.first { $0.id == mine.id.description }?.detailsShown == true)
            // Opening the record needs the reason, as the page does, and then shows the details.
            let opened = try await app.testing().sendRequest(
                .GET, "/api/v1/people/\(theirs.id)", headers: headers)
            #expect(opened.status == .forbidden)
            var withReason = headers
            withReason.add(name: "X-Alongside-Reason", value: "Covering for Omar this week")
            let detail = try await app.testing().sendRequest(
                .GET, "/api/v1/people/\(theirs.id)", headers: withReason)
            #expect(detail.body.string.contains("07700 900999"))
        }
    }

    // MARK: 9. The audit log tells the truth

    @Test func refusedAndFailedChangesAreNotLoggedAsDone() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let path = "/people/\(person.id)"
            try await browser.get(path)
            let audit = AuditStore(app.db, councilID: council.id)
            let before = try await audit.entries(about: person.id).count

            // A coordinator may not erase: refused, and not logged as "Erased the record".
            let erase = try await browser.post(path + "/erase", form: ["erasureReason": "asked", "confirm": "yes"])
            #expect(erase.status == .forbidden)
            // An invalid conversation: refused, and not logged as "Recorded a conversation".
            let invalid = try await browser.post(
                path + "/conversations", form: ["happenedOn": "31/13/2026", "minutes": "20", "notes": "x"])
            #expect(invalid.status == .unprocessableEntity)
            let after = try await audit.entries(about: person.id)
            #expect(after.count == before)
            #expect(!after.contains { $0.action == .erase })

            // The same through the API: an invalid conversation writes no entry.
            let headers = try await Self.token(app, coordinator)
            var json = headers
            json.contentType = .json
            let bad = try await app.testing().sendRequest(
                .POST, "/api/v1/people/\(person.id)/conversations", headers: json,
                body: ByteBuffer(string: #"{"happenedOn": "not a day", "place": "home"}"#))
            #expect(bad.status == .unprocessableEntity)
            #expect(try await audit.entries(about: person.id).count == before)

            // A good change is logged once, with the change.
            let good = try await browser.post(
                path + "/conversations", form: ["happenedOn": "2026-07-20", "minutes": "20", "notes": "Tea at home"])
            #expect(good.status == .seeOther)
            let done = try await audit.entries(about: person.id)
            #expect(done.count == before + 1)
            #expect(done.first?.action == .update)
        }
    }

    // MARK: 10. Lower findings

    @Test func oneCouncilsWordingDoesNotChangeTheSharedSignInPage() async throws {
        try await withAlongside { app, _ in
            let (council, _, leader, _) = try await Factory(app: app).coveredCouncil()
            try await WordingStore(app.db, councilID: council.id).replace(
                .english,
                with: [
                    "sign-in.show.password": Phrase("Type your bank PIN here"),
                    "site.base.sign-out": Phrase("Leave now"),
                ],
                by: leader.id, at: Date(timeIntervalSince1970: 1_785_000_000))
            let signIn = try await Browser(app).get("/sign-in").body.string
            #expect(signIn.contains("Password"))
            #expect(!signIn.contains("bank PIN"))
            // The council's own pages still read its wording.
            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)
            #expect(try await browser.get("/coverage").body.string.contains("Leave now"))
        }
    }

    @Test func commonPasswordsAndKeyboardRunsAreRefused() async throws {
        // The shipped list is read at start.
        try await withAlongside { _, _ in }
        for weak in [
            "123456789abc", "qwertyuiop12", "sunshine1234!", "abcdefghijkl", "Password2026!", "iloveyou123456",
        ] {
            #expect(PasswordPolicy.problem(with: weak) != nil, "\(weak)")
        }
        #expect(PasswordPolicy.common.count >= 5_000)
        #expect(PasswordPolicy.problem(with: "correct horse battery staple") == nil)
        #expect(PasswordPolicy.problem(with: "walk-alongside-demo") == nil)
    }

    @Test func anonymousVisitorsReadingAFormStoreNoSession() async throws {
        try await withAlongside { app, _ in
            let (council, _, _, _) = try await Factory(app: app).coveredCouncil()
            let sessions = {
                try await app.db.sql.raw("SELECT COUNT(*) AS n FROM _fluent_sessions").first()?
                    .decode(column: "n", as: Int.self) ?? -1
            }
            let before = try await sessions()
            for path in ["/sign-in", "/introduce/testshire", "/c/testshire/directory"] {
                let response = try await app.testing().sendRequest(.GET, path)
                #expect(response.status == .ok, "\(path)")
                #expect(!response.headers[.setCookie].contains { $0.hasPrefix("alongside-session=") }, "\(path)")
            }
            #expect(try await sessions() == before)
            // The form still carries a token that works, without a session: the public form is accepted.
            let browser = Browser(app)
            try await browser.get("/introduce/testshire")
            let sent = try await browser.post(
                "/introduce/testshire",
                form: ["fullName": "Ann Visitor", "phone": "07700 900555", "postcode": "DE1 1AA", "source": "self"])
            #expect(sent.status == .seeOther || sent.status == .ok)
            #expect(try await PeopleStore(app.db, councilID: council.id).search("Ann Visitor").count == 1)
            // A forged or missing token is refused, as before.
            let forged = Browser(app)
            try await forged.get("/introduce/testshire")
            let refused = try await forged.post(
                "/introduce/testshire", form: ["fullName": "Forged", "phone": "07700 900556", "postcode": "DE1 1AA"],
                csrf: "not-the-token")
            #expect(refused.status == .forbidden)
        }
    }

    @Test func expiredSessionsAndOldSignInAttemptsArePruned() async throws {
        try await withAlongside { app, clock in
            let (_, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            try await AccessStore(app.db).recordAttempt(
                email: coordinator.email, address: "192.0.2.1", succeeded: false, at: clock.now)
            let count = { (table: String) in
                try await app.db.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?
                    .decode(column: "n", as: Int.self) ?? -1
            }
            #expect(try await count("_fluent_sessions") == 1)
            // Not yet: nothing is pruned while it may still be used.
            try await Housekeeping.prune(app)
            #expect(try await count("_fluent_sessions") == 1)
            #expect(try await count("sign_in_attempts") >= 1)
            clock.advance(2 * 24 * 60 * 60)
            try await Housekeeping.prune(app)
            #expect(try await count("_fluent_sessions") == 0)
            #expect(try await count("sign_in_attempts") == 0)
            #expect(try await browser.get("/caseload").status == .seeOther)
        }
    }

    @Test func apiErrorsSayWhatToFixInWordsNotDecoderInternals() async throws {
        try await withAlongside { app, _ in
            let (_, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            var headers = try await Self.token(app, coordinator)
            headers.contentType = .json
            for (body, expected) in [
                (#"{"fullName": 5}"#, "fullName must be text in quotes."),
                (#"{"phone": "07700 900123"}"#, "fullName is missing."),
                (#"{"fullName": "#, "The request could not be read"),
            ] {
                let response = try await app.testing().sendRequest(
                    .POST, "/api/v1/introductions", headers: headers, body: ByteBuffer(string: body))
                #expect(response.status == .badRequest, "\(body)")
                let reason = try response.content.decode(APITests.ErrorBody.self).reason
                #expect(reason.contains(expected), "\(reason)")
                #expect(!reason.contains("CodingKeys") && !reason.contains("Swift."), "\(reason)")
            }
        }
    }

    @Test func aNULAnywhereInARequestIsRefusedAtTheDoor() async throws {
        try await withAlongside { app, _ in
            let (council, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            #expect(try await app.testing().sendRequest(.GET, "/c/testshire/directory?q=a%00b").status == .badRequest)
            // A Welsh reader is told in Welsh, on a page whose own words are Welsh too; the API stays English.
            let welsh = try await app.testing().sendRequest(
                .GET, "/c/testshire/directory?q=a%00b", headers: ["Cookie": "alongside-language=cy"])
            #expect(welsh.status == .badRequest)
            #expect(welsh.body.string.contains("Mae&#39;r hyn a anfonoch yn cynnwys y nod NUL"))
            #expect(welsh.body.string.contains("<html lang=\"cy-GB\">"))
            let asked = try await app.testing().sendRequest(.GET, "/c/testshire/directory?lang=cy&q=a%00b")
            #expect(asked.body.string.contains("Mae&#39;r hyn a anfonoch yn cynnwys y nod NUL"))
            let fromBrowser = try await app.testing().sendRequest(
                .GET, "/c/testshire/directory?q=a%00b", headers: ["Accept-Language": "cy-GB,cy;q=0.9"])
            #expect(fromBrowser.body.string.contains("Mae&#39;r hyn a anfonoch yn cynnwys y nod NUL"))
            var headers = try await Self.token(app, coordinator)
            headers.contentType = .json
            let response = try await app.testing().sendRequest(
                .POST, "/api/v1/introductions", headers: headers,
                body: ByteBuffer(string: #"{"fullName": "Nul\u0000Name", "phone": "07700 900123"}"#))
            #expect(response.status == .badRequest)
            #expect(response.body.string.contains("NUL"))
            #expect(try await PeopleStore(app.db, councilID: council.id).search("Nul").isEmpty)
        }
    }

    @Test func twoWritersAtOnceOnOneRecordAreBothKeptWithTheirAuditEntries() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale")
            var first = try await Self.token(app, coordinator)
            first.contentType = .json
            var second = try await Self.token(app, leader)
            second.contentType = .json
            let before = try await AuditStore(app.db, councilID: council.id).entries(about: person.id).count
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for index in 0..<24 {
                    let headers = index % 2 == 0 ? first : second
                    group.addTask {
                        try await app.testing().sendRequest(
                            .POST, "/api/v1/people/\(person.id)/conversations", headers: headers,
                            body: ByteBuffer(
                                string: #"{"happenedOn": "2026-07-20", "place": "home", "notes": "Visit \#(index)"}"#)
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .created }, "\(statuses)")
            let kept = try await PeopleStore(app.db, councilID: council.id).conversations(of: person.id)
            #expect(kept.count == 24)
            let audit = try await AuditStore(app.db, councilID: council.id).entries(about: person.id)
            #expect(audit.count == before + 24)
        }
    }

    // MARK: What the attacker's second look found

    @Test func aBarChartOfAnyFigureIsDrawnAndAProxyValueIsBounded() async throws {
        let chart = BarChart(
            id: "x", title: "x", figures: [("huge", 1.85e19, "£1.85e19"), ("nan", .nan, "?")], valueRoom: 60)
        #expect(chart.bars.map(\.value) == [.max, 0])
        try await withAlongside { app, _ in
            let (council, _, leader, _) = try await Factory(app: app).coveredCouncil()
            _ = council
            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)
            try await browser.get("/sroi/proxies")
            let huge = try await browser.post(
                "/sroi/proxies/avoided-gp-appointment",
                form: [
                    "value": "1000000000000000000000000", "unit": "GP consultation", "priceYear": "2013",
                    "source": "PSSRU", "deadweight": "25", "displacement": "0", "attribution": "30",
                    "durationYears": "1", "dropOff": "50",
                ])
            #expect(huge.status == .unprocessableEntity)
        }
    }

    @Test func aHandoverToSomeoneWhoCannotTakeItIsNotLoggedAsDone() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, _, leader, _) = try await factory.coveredCouncil()
            let auditor = try await factory.staff(council, .auditor)
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)
            let audit = AuditStore(app.db, councilID: council.id)
            let before = try await audit.entries(about: person.id).count
            let refused = try await browser.post(
                "/people/\(person.id)/coordinator", form: ["coordinator": auditor.id.description])
            #expect(refused.status == .unprocessableEntity)
            let joined = try await browser.post(
                "/people/\(person.id)/programmes", form: ["programme": UUID().uuidString])
            #expect(joined.status == .notFound)
            #expect(try await audit.entries(about: person.id).count == before)
        }
    }

    @Test func turningTwoStepOnEndsOtherSessionsAndItCannotBeReplacedWithoutAReset() async throws {
        try await withAlongside { app, clock in
            let (_, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let other = Browser(app)
            try await other.signIn(coordinator.email, password: testPassword)
            try await other.get("/account/two-step")
            let otherSecret = try TwoStepTests.secret(in: try await other.get("/account/two-step").body.string)
            clock.advance(1)
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let secret = try TwoStepTests.secret(in: try await browser.get("/account/two-step").body.string)
            let code = TwoStep.codes.code(secret: secret, counter: OneTimeCode.counter(at: clock.now))
            #expect(try await browser.post("/account/two-step", form: ["code": code]).status == .ok)
            // This session stays; the other one ends, and could not swap in its own secret anyway.
            #expect(try await browser.get("/caseload").status == .ok)
            #expect(try await other.get("/caseload").status == .seeOther)
            let again = Browser(app)
            try await again.signIn(coordinator.email, password: testPassword)
            clock.advance(30)
            let next = TwoStep.codes.code(secret: secret, counter: OneTimeCode.counter(at: clock.now))
            #expect(try await again.post("/sign-in/code", form: ["code": next]).status == .seeOther)
            try await again.get("/account/two-step")
            let swap = TwoStep.codes.code(secret: otherSecret, counter: OneTimeCode.counter(at: clock.now))
            #expect(try await again.post("/account/two-step", form: ["code": swap]).status == .conflict)
        }
    }

    @Test func theFormTokenChangesWhenSigningIn() async throws {
        try await withAlongside { app, _ in
            let (_, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let browser = Browser(app)
            try await browser.get("/sign-in")
            let visitor = try #require(browser.csrf)
            try await browser.signIn(coordinator.email, password: testPassword)
            #expect(browser.csrf != nil && browser.csrf != visitor)
        }
    }

    @Test func guessingTheCurrentPasswordOnTheAccountPageIsThrottled() async throws {
        try await withAlongside { app, _ in
            let (_, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            try await browser.get("/account")
            var statuses: [HTTPStatus] = []
            for index in 0..<6 {
                statuses.append(
                    try await browser.post(
                        "/account/password",
                        form: [
                            "currentPassword": "guess number \(index)", "newPassword": "a brand new pass phrase",
                            "confirmPassword": "a brand new pass phrase",
                        ]
                    ).status)
            }
            #expect(statuses.prefix(5).allSatisfy { $0 == .unprocessableEntity })
            #expect(statuses.last == .tooManyRequests)
        }
    }

    @Test func aCoordinatorCannotSpellOutSomeoneElsesPhoneNumberBySearching() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let other = try await factory.staff(council, .coordinator, name: "Omar Other")
            let theirs = try await factory.introduce(council, name: "Aisha Ahmed", phone: "07700 902234")
            _ = try await PeopleStore(app.db, councilID: council.id).assign(
                theirs.id, to: other.id, by: nil, at: Date(timeIntervalSince1970: 1_784_000_100))
            let mine = try await factory.introduce(council, name: "Margaret Hale", phone: "07700 905678")
            let headers = try await Self.token(app, coordinator)
            func found(_ q: String, _ headers: HTTPHeaders) async throws -> String {
                try await app.testing().sendRequest(.GET, "/api/v1/people/search?q=\(q)", headers: headers).body.string
            }
            #expect(!(try await found("0770090223", headers)).contains(theirs.id.description))
            #expect(try await found("07700902234", headers).contains(theirs.id.description))
            #expect(try await found("0770090567", headers).contains(mine.id.description))
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            #expect(!(try await browser.get("/people/search?q=0770090223").body.string.contains("Aisha Ahmed")))
            // A team leader, who opens any record, still finds by part of a number.
            #expect(try await found("0770090223", try await Self.token(app, leader)).contains(theirs.id.description))
        }
    }

    @Test func oneLineFieldsOfEveryFormRefuseLineBreaks() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, _, northfield) = try await factory.coveredCouncil()
            let admin = try await factory.staff(council, .councilAdmin)
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let browser = Browser(app)
            try await browser.signIn(admin.email, password: testPassword)
            try await browser.get("/wards")
            let ward = try await browser.post("/wards/\(northfield.id)", form: ["name": "North\r\nSet-Cookie: x=1"])
            #expect(ward.status == .unprocessableEntity)
            #expect(try await WardStore(app.db, councilID: council.id).find(northfield.id).name == "Northfield")
            let volunteer = try await browser.post(
                "/good-neighbours/volunteers", form: ["volunteerName": "Vic\u{1b}[31m", "travel": "2"])
            #expect(volunteer.status == .unprocessableEntity)
            var headers = try await Self.token(app, coordinator)
            headers.contentType = .json
            let step = try await app.testing().sendRequest(
                .POST, "/api/v1/people/\(person.id)/relationships", headers: headers,
                body: ByteBuffer(string: #"{"name": "Tom\r\n=cmd", "kind": "family", "closeness": 1}"#))
            #expect(step.status == .unprocessableEntity)
            #expect(try await PeopleStore(app.db, councilID: council.id).peopleInLife(of: person.id).isEmpty)
        }
    }

    @Test func aFloodOfThePublicFormPastItsLimitWritesNothingMore() async throws {
        try await withAlongside { app, _ in
            _ = try await Factory(app: app).coveredCouncil()
            let browser = Browser(app)
            try await browser.get("/introduce/testshire")
            var statuses: [HTTPStatus] = []
            for index in 0..<(IntroduceController.submissionsPerHour + 5) {
                statuses.append(
                    try await browser.post(
                        "/introduce/testshire",
                        form: [
                            "fullName": "Flood \(index)", "phone": "07700 90\(1000 + index)", "postcode": "DE1 1AA",
                            "source": "self",
                        ]
                    ).status)
            }
            #expect(statuses.suffix(5).allSatisfy { $0 == .tooManyRequests })
            let rows = try await app.db.sql.raw("SELECT COUNT(*) AS n FROM public_submissions").first()?
                .decode(column: "n", as: Int.self)
            #expect(rows == IntroduceController.submissionsPerHour)
        }
    }

    @Test func theOpenReferralRootNeverEchoesAForgedHost() async throws {
        try await withAlongside { app, _ in
            _ = try await Factory(app: app).coveredCouncil()
            let forged = try await app.testing().sendRequest(
                .GET, "/oruk/", headers: ["Host": "evil.example\"><script>"])
            #expect(!forged.body.string.contains("evil.example"))
            app.alongside.publicURL = "https://alongside.example.gov.uk"
            let configured = try await app.testing().sendRequest(.GET, "/oruk/", headers: ["Host": "evil.example"])
            #expect(configured.body.string.contains("https://alongside.example.gov.uk/oruk/openapi.json"))
            #expect(!configured.body.string.contains("evil.example"))
        }
    }
}
