import AlongsideCore
import AlongsideStore
import Fluent
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// Saves guarded by what was read (`CompareAndSet`): of two saves from the same version or status, the second
/// is refused and changes nothing.
@Suite("Compare-and-set")
struct CompareAndSetTests {
    @Test func twoSavesOfTheSameVisionVersionTheSecondIsRefusedAndChangesNothing() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let store = PeopleStore(app.db, councilID: council.id)
            func vision(_ words: String) -> GoodLifeVision {
                GoodLifeVision(vision: words, strengths: "", giftsAndInterests: "", whatMatters: "")
            }
            // The first vision is version 1; a second first save (from version 0) is refused.
            try await store.saveVision(
                vision("To sing again"), for: person.id, expectedVersion: 0, by: coordinator.id, at: clock.now)
            #expect(try await store.vision(of: person.id).version == 1)
            await #expect(throws: RecordChanged.self) {
                try await store.saveVision(
                    vision("To dance"), for: person.id, expectedVersion: 0, by: coordinator.id, at: clock.now)
            }
            // Two saves from version 1: the first moves it to 2, the second (stale) is told it is now 2.
            try await store.saveVision(
                vision("To sing in a choir"), for: person.id, expectedVersion: 1, by: coordinator.id, at: clock.now)
            do {
                try await store.saveVision(
                    vision("To paint"), for: person.id, expectedVersion: 1, by: coordinator.id, at: clock.now)
                Issue.record("a stale vision was saved")
            } catch let changed as RecordChanged {
                #expect(changed.currentVersion == 2)
            }
            let saved = try await store.vision(of: person.id)
            #expect(saved.vision == "To sing in a choir" && saved.version == 2)
            // Without a version read (the record as it is), it is saved and moves on.
            try await store.saveVision(vision("To paint"), for: person.id, by: nil, at: clock.now)
            #expect(try await store.vision(of: person.id).version == 3)
        }
    }

    @Test func twoDecisionsOnOneStoryTheSecondIsRefusedAndAnEditClearsTheNote() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let stories = StoryStore(app.db, councilID: council.id)
            let found = try await PeopleStore(app.db, councilID: council.id).find(person.id)
            try await stories.write(
                for: found, title: "Singing again", body: "She sings at a choir.", consent: true, by: coordinator.id,
                at: clock.now)
            let id = try #require(try await stories.stories(of: person.id).first).id
            // Both read it awaiting approval; the first decision wins, the second is refused.
            try await stories.review(id, to: .sentBack, note: "Say which choir.", by: leader.id, at: clock.now)
            await #expect(throws: StoryProblem.onlyAwaitingApproval) {
                try await stories.review(id, to: .rejected, note: "Not this one.", by: leader.id, at: clock.now)
            }
            let sentBack = try await stories.story(id)
            #expect(sentBack.status == .sentBack && sentBack.reviewNote == "Say which choir.")
            // Changed by its writer: awaiting approval again, and the note is gone (written as NULL).
            try await stories.edit(
                id, title: "Singing again", body: "She sings at the Tuesday choir.", person: found, by: coordinator.id,
                mayEditOthers: false, at: clock.now)
            let edited = try await stories.story(id)
            #expect(edited.status == .awaitingApproval && edited.reviewNote == nil)
        }
    }

    @Test func aLinkIsSpentOnceAndItsMemberReadBackAsEveryMemberIs() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, _, _, _) = try await factory.coveredCouncil()
            let staff = StaffStore(app.db)
            let invited = try await staff.invite(
                councilID: council.id, email: "Ffion.Evans@Testshire.example", name: " Ffion Evans ",
                role: .coordinator, unusablePasswordHash: "x")
            // The member made is the member read: the same through `StaffRow` as `find` gives.
            #expect(try await staff.find(invited.id) == invited)
            #expect(invited.email == "ffion.evans@testshire.example" && invited.name == "Ffion Evans")
            try await staff.addLink(.invitation, digest: "first", for: invited.id, at: clock.now)
            try await staff.addLink(.invitation, digest: "second", for: invited.id, at: clock.now)
            // Only the newest link works, and only once.
            #expect(try await staff.linkHolder(digest: "first", at: clock.now) == nil)
            let holder = try #require(try await staff.linkHolder(digest: "second", at: clock.now))
            #expect(holder.0 == invited && holder.1 == .invitation)
            #expect(try await staff.useLink(digest: "second", passwordHash: "y", at: clock.now) == invited)
            #expect(try await staff.useLink(digest: "second", passwordHash: "z", at: clock.now) == nil)
            #expect(try await staff.passwordHash(of: invited.id) == "y")
        }
    }
}
