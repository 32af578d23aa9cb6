import AlongsideCore
import AlongsideStore
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

@Suite("Stories")
struct StoryTests {
    @Test func aStoryNeedsConsentNoNamesAndTheTeamLeadersApproval() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let path = "/people/\(person.id)"
            try await browser.get(path)
            let story = "After her husband died she stopped going out. Now she sings at the Tuesday choir."
            let noConsent = try await browser.post(
                path + "/stories", form: ["storyTitle": "Singing again", "storyBody": story])
            #expect(noConsent.status == .unprocessableEntity)
            #expect(noConsent.body.string.contains("only kept when the person has agreed"))
            let named = try await browser.post(
                path + "/stories", form: ["storyTitle": "Margaret sings again", "storyBody": story, "consent": "yes"])
            #expect(named.status == .unprocessableEntity)
            #expect(named.body.string.contains("The story names them"))
            let saved = try await browser.post(
                path + "/stories", form: ["storyTitle": "Singing again", "storyBody": story, "consent": "yes"])
            #expect(saved.status == .seeOther)

            let before = try await browser.get("/stories").body.string
            #expect(!before.contains("Tuesday choir"))
            let lead = Browser(app)
            try await lead.signIn(leader.email, password: testPassword)
            let queue = try await lead.get("/stories").body.string
            #expect(queue.contains("Waiting for approval (1)"))
            let id = try #require(
                try await StoryStore(app.db, councilID: council.id).stories(status: .awaitingApproval).first
            ).id
            #expect(try await browser.post("/stories/\(id)/approve", form: [:]).status == .forbidden)
            #expect(try await lead.post("/stories/\(id)/approve", form: [:]).status == .seeOther)
            let after = try await browser.get("/stories").body.string
            #expect(after.contains("Tuesday choir"))
            #expect(!after.contains(person.id.description))
        }
    }
}
