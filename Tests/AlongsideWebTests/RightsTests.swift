import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

@Suite("People's rights")
struct RightsTests {
    @Test func erasingARecordRemovesWhoTheyAreAndLeavesTheDashboardTotalsUnchanged() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale", dateOfBirth: "3/4/1950")
            try await factory.introduce(council, name: "Someone Else", phone: "07700 900999")
            let store = PeopleStore(app.db, councilID: council.id)
            try await store.addOutcome(
                to: person.id, kind: .aAndE, happenedOn: "2026-05-01",
                otherwise: "Her daughter Jane would have called 999",
                confidence: .high, by: coordinator.id, at: clock.now)
            try await store.addMeasure(
                to: person.id, kind: .swemwbs, takenOn: "2026-01-01", answers: Array(repeating: 2, count: 7),
                declined: false, by: coordinator.id, at: clock.now)
            let coordinatorBrowser = Browser(app)
            try await coordinatorBrowser.signIn(coordinator.email, password: testPassword)
            let path = "/people/\(person.id)"
            _ = try await coordinatorBrowser.post(
                path + "/conversations",
                form: ["happenedOn": "1/7/2026", "place": "home", "notes": "Lives with her cat Tibbles."])
            #expect(
                try await coordinatorBrowser.post(path + "/erase", form: ["erasureReason": "Asked", "confirm": "yes"])
                    .status
                    == .forbidden)
            // A search for her is in the audit log, with the words searched for.
            _ = try await coordinatorBrowser.get("/people/search?q=Margaret%20Hale")
            _ = try await coordinatorBrowser.get("/people/search?q=lunch%20club")
            let searches = { () async throws -> [AuditEntry] in
                try await AuditStore(app.db, councilID: council.id).entries(by: coordinator.id).filter {
                    $0.action == .search
                }
            }
            #expect(try await searches().contains { $0.reason == "Margaret Hale" })

            let lead = Browser(app)
            try await lead.signIn(leader.email, password: testPassword)
            let before = try await lead.get("/dashboard.csv").body.string
            let unconfirmed = try await lead.post(path + "/erase", form: ["erasureReason": "She asked us to."])
            #expect(unconfirmed.status == .unprocessableEntity)
            #expect(unconfirmed.body.string.contains("cannot be undone"))
            let erased = try await lead.post(
                path + "/erase", form: ["erasureReason": "She asked us to, by phone.", "confirm": "yes"])
            #expect(erased.status == .seeOther, "\(erased.status) \(erased.body.string.suffix(600))")
            let after = try await lead.get("/dashboard.csv").body.string
            #expect(before == after)
            // Ids and form tokens are random: one could hold "1950" by chance, so they are taken out first.
            let page = try await lead.get(path).body.string.replacingOccurrences(
                of: "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}", with: "",
                options: .regularExpression
            ).replacingOccurrences(of: "name=\"csrf\" value=\"[^\"]*\"", with: "", options: .regularExpression)
            #expect(page.contains("Personal details erased on"))
            for secret in ["Margaret", "Tibbles", "Jane would have called", "07700 900123", "1950"] {
                #expect(!page.contains(secret), "\(secret) should be gone")
            }
            #expect(try await store.search("Margaret").isEmpty)
            // The search stays in the log, its words removed; a search for something else is kept as it was.
            let logged = try await searches()
            #expect(logged.count == 2)
            #expect(!logged.contains { $0.reason?.contains("Margaret") == true })
            #expect(logged.contains { $0.reason == "lunch club" })
            let audit = try await AuditStore(app.db, councilID: council.id).entries(about: person.id)
            #expect(audit.contains { $0.action == .erase && $0.reason == "She asked us to, by phone." })
            #expect(
                try await lead.post(path + "/erase", form: ["erasureReason": "Again", "confirm": "yes"]).status
                    == .conflict)
        }
    }

    @Test func consentIsRecordedInItsWordsAndWithdrawingStoryConsentWithdrawsTheStory() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let path = "/people/\(person.id)"
            try await browser.get(path)
            let noPartner = try await browser.post(path + "/consents", form: ["consentKind": "share-with-partner"])
            #expect(noPartner.status == .unprocessableEntity)
            #expect(noPartner.body.string.contains("Name the partner"))
            #expect(
                try await browser.post(
                    path + "/consents", form: ["consentKind": "share-with-partner", "partner": "Riverside GP practice"]
                ).status == .seeOther)
            #expect(try await browser.post(path + "/consents", form: ["consentKind": "tell-story"]).status == .seeOther)
            let page = try await browser.get(path).body.string
            #expect(page.contains("may share what is needed with Riverside GP practice"))

            let story = "After her husband died she stopped going out. Now she sings at the Tuesday choir."
            _ = try await browser.post(
                path + "/stories", form: ["storyTitle": "Singing again", "storyBody": story, "consent": "yes"])
            let stories = StoryStore(app.db, councilID: council.id)
            let id = try #require(try await stories.stories(status: .awaitingApproval).first).id
            try await stories.approve(id, by: leader.id, at: clock.now)
            #expect(try await browser.get("/stories").body.string.contains("Tuesday choir"))
            let consents = try await PeopleStore(app.db, councilID: council.id).consents(of: person.id)
            let storyConsent = try #require(consents.first { $0.kind == .tellStory })
            #expect(
                try await browser.post(path + "/consents/\(storyConsent.id)/withdraw", form: [:]).status == .seeOther)
            #expect(!(try await browser.get("/stories").body.string.contains("Tuesday choir")))
            #expect(try await browser.get(path).body.string.contains("withdrawn"))
        }
    }

    @Test func aCouncilAdminSetsTheRetentionPeriods() async throws {
        try await withAlongside { app, _ in
            let (council, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let admin = try await Factory(app: app).staff(council, .councilAdmin)
            let browser = Browser(app)
            try await browser.signIn(admin.email, password: testPassword)
            #expect(try await browser.get("/settings").body.string.contains("value=\"2\""))
            #expect(
                try await browser.post("/settings/retention", form: ["level1Years": "3", "level2Years": "40"]).status
                    == .unprocessableEntity)
            #expect(
                try await browser.post("/settings/retention", form: ["level1Years": "3", "level2Years": "10"]).status
                    == .seeOther)
            let saved = try #require(try await CouncilStore(app.db).find(council.id))
            #expect((saved.retentionLevel1Years, saved.retentionLevel2Years) == (3, 10))
            let other = Browser(app)
            try await other.signIn(coordinator.email, password: testPassword)
            #expect(
                try await other.post("/settings/retention", form: ["level1Years": "1", "level2Years": "1"]).status
                    == .forbidden)
        }
    }

    @Test func retentionListsThenErasesRecordsPastTheCouncilsPeriods() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, _, _, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let store = PeopleStore(app.db, councilID: council.id)
            try await store.setLevel(person.id, to: .one, expectedVersion: nil, by: nil, at: clock.now)
            #expect(try await app.run(["retention", "--council", council.slug]).contains("Nothing is due."))
            clock.advance(3 * 365 * 86_400)
            let dry = try await app.run(["retention", "--council", council.slug, "--dry-run"])
            #expect(dry.contains("1 due: Level 1 contact, 2 years after the last contact"))
            #expect(try await store.erasure(of: person.id) == nil)
            let applied = try await app.run(["retention", "--council", council.slug, "--apply"])
            #expect(applied.contains("Erased the personal details of 1 records"))
            #expect(try await store.erasure(of: person.id)?.reason.hasPrefix("Retention: Level 1") == true)
            #expect(try await app.run(["retention", "--council", council.slug]).contains("Nothing is due."))
        }
    }
}
