import AlongsideCore
import AlongsideStore
import Fluent
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

@Suite("Stories")
struct StoryTests {
    @Test func aStoryNeedsConsentNoNamesAndTheTeamLeadersApproval() async throws {
        try await withAlongside { app, _ in
            let (council, _, leader, person, browser, path, _) = try await Factory(app: app).signedInOnARecord()
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

    @Test func aStoryIsSentBackWithANoteChangedByItsWriterThenApprovedOrNotUsed() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let stories = StoryStore(app.db, councilID: council.id)
            try await stories.write(
                for: try await PeopleStore(app.db, councilID: council.id).find(person.id), title: "Singing again",
                body: "She sings at the Tuesday choir at St Anne's.", consent: true, by: coordinator.id, at: clock.now)
            let id = try #require(try await stories.stories(of: person.id).first).id
            let lead = Browser(app)
            try await lead.signIn(leader.email, password: testPassword)
            #expect(
                try await lead.post("/stories/\(id)/send-back", form: ["reviewNote": ""]).status == .unprocessableEntity
            )
            #expect(
                try await lead.post("/stories/\(id)/send-back", form: ["reviewNote": "Leave out the church's name."])
                    .status == .seeOther)
            // Sent back: not approved, and not again until changed.
            #expect(try await lead.post("/stories/\(id)/approve", form: [:]).status == .conflict)
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let path = "/people/\(person.id)"
            let page = try await browser.get(path).body.string
            #expect(page.contains("Sent back to be changed"))
            #expect(page.contains("The team leader: Leave out the church&#39;s name."))
            let named = try await browser.post(
                path + "/stories/\(id)", form: ["storyTitle": "Margaret sings", "storyBody": "She sings."])
            #expect(named.status == .unprocessableEntity)
            #expect(named.body.string.contains("value=\"Margaret sings\""))
            #expect(
                try await browser.post(
                    path + "/stories/\(id)",
                    form: ["storyTitle": "Singing again", "storyBody": "She sings at a choir."]
                ).status == .seeOther)
            let changed = try #require(try await stories.stories(of: person.id).first)
            #expect(changed.status == .awaitingApproval && changed.body == "She sings at a choir.")
            #expect(try await PeopleStore(app.db, councilID: council.id).corrections(of: person.id).count == 1)
            #expect(
                try await lead.post("/stories/\(id)/reject", form: ["reviewNote": "Too close to home."]).status
                    == .seeOther)
            #expect(try await lead.post("/stories/\(id)/approve", form: [:]).status == .conflict)
            #expect(
                try await browser.post(path + "/stories/\(id)", form: ["storyTitle": "Again", "storyBody": "Again."])
                    .status
                    == .conflict)
            #expect(try await browser.post("/stories/\(id)/reject", form: ["reviewNote": "x"]).status == .forbidden)
        }
    }
}
