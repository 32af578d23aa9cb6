import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// Records take their ids from `AppConfig.ids`: counting in tests (so pages are the same on every run),
/// random otherwise; Fluent's models, SQLKit's rows and the pages' own ids alike.
@Suite("Record ids")
struct RecordIDsTests {
    @Test func recordsTakeTheirIdsFromTheAppsGeneratorInTheOrderTheyAreMade() async throws {
        try await withAlongside { app, clock in
            let council = try await Factory(app: app).council()
            #expect(council.id.uuid == RecordIDs.Counting.id(phase: 1, 1))
            let coordinator = try await Factory(app: app).staff(council, .coordinator, email: "amara@testshire.example")
            #expect(coordinator.id.uuid == RecordIDs.Counting.id(phase: 1, 2))
            // A row written with SQLKit (a remembered feed) takes the next.
            try await DirectoryStore(app.db, councilID: council.id).rememberFeed("https://feed.example", at: clock.now)
            let feed = try #require(try await DirectoryStore.allFeeds(on: app.db).first)
            #expect(feed.id == RecordIDs.Counting.id(phase: 1, 3))
            // A page that makes a record (a programme) takes it from the same generator.
            let leader = try await Factory(app: app).staff(council, .teamLeader, email: "priya@testshire.example")
            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)
            let made = try await browser.post(
                "/programmes",
                form: [
                    "name": "Care Leavers Connected", "funder": "Department for Education", "startsOn": "1/4/2025",
                    "endsOn": "31/3/2027", "budget": "480,000", "extraCoordinators": "4",
                ])
            #expect(made.status == .seeOther)
            let programme = try #require(try await ProgrammeStore(app.db, councilID: council.id).all().first)
            #expect(programme.id.uuid.uuidString.hasSuffix("-0001-0000-0000-000000000000"))
        }
    }

    @Test func idsMadeByTheMigrationsDoNotMoveTheTestsOwn() {
        let ids = RecordIDs.Counting()
        _ = ids.next()
        _ = ids.next()
        ids.startPhase(1)
        #expect(ids.next() == RecordIDs.Counting.id(phase: 1, 1))
        #expect(RecordIDs.Counting.id(phase: 1, 255).uuidString == "000000FF-0001-0000-0000-000000000000")
    }

    @Test func productionIdsAreRandom() {
        let ids = AppConfig().ids
        let first = ids.next()
        let second = ids.next()
        #expect(first != second)
        #expect(!first.uuidString.hasSuffix("-0000-0000-000000000000"))
    }
}
