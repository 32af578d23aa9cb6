import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// The server runs its routine jobs itself, each once across servers: sending email, morning summaries,
/// check reminders, the retention list and pruning; `alongside jobs` lists them and `/health` says when one
/// is overdue.
@Suite("Routine jobs")
struct RoutineJobsTests {
    @Test func eachJobRunsOnceAcrossTwoServersAndWaitsForItsNextTime() async throws {
        try await withAlongside { app, clock in
            _ = try await Factory(app: app).coveredCouncil()
            async let first = RoutineJobs.runDue(app)
            async let second = RoutineJobs.runDue(app)
            let (a, b) = await (first, second)
            // At the first start the jobs at intervals run at once, the daily ones wait for their time.
            #expect((a + b).sorted() == ["prune", "send-outbox"])
            #expect(Set(a).isDisjoint(with: Set(b)))
            #expect(await RoutineJobs.runDue(app).isEmpty)
            clock.advance(app.alongside.outboxInterval + 1)
            #expect(await RoutineJobs.runDue(app) == ["send-outbox"])
            // The pinned clock is 17:20 London: by 07:10 the next morning every daily job has run once.
            clock.advance(14 * 60 * 60)
            let morning = await RoutineJobs.runDue(app)
            #expect(
                morning.contains("morning-summaries") && morning.contains("check-reminders")
                    && morning.contains("retention-list"))
            let names = RoutineJobs.all(app).map(\.name).sorted()
            let states = try await JobStore(app.db).all()
            #expect(states.count == names.count && states.allSatisfy { $0.lastOK == true && $0.leaseUntil == nil })
            let listed = try await app.run(["jobs"])
            #expect(listed.contains("morning-summaries: last") && listed.contains("Mail is not configured"))
            // A day with no server running its jobs: /health says which are overdue, and still serves.
            clock.advance(86_400)
            let health = try await app.testing().sendRequest(.GET, "/health")
            #expect(health.status == .ok)
            #expect(
                health.body.string.contains("\"status\":\"degraded\"") && health.body.string.contains("send-outbox"))
            #expect(try await app.run(["jobs"]).contains("OVERDUE"))
            await RoutineJobs.runDue(app)
            #expect(try await app.testing().sendRequest(.GET, "/health").body.string.contains("\"status\":\"ok\""))
        }
    }

    @Test func theMorningSummaryCountsWhatWaitsAndHoldsNoPersonalDetails() async throws {
        let server = try await SMTPServer()
        try await withAlongside(configuring: { $0.mail = NoticesTests.smtp(server) }) { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let other = try await factory.staff(council, .coordinator, name: "Ffion Evans")
            try await StaffStore(app.db).setNoticePreference(.morning, of: coordinator.id)
            let margaret = try await factory.introduce(council, name: "Margaret Hale")
            try await factory.introduce(council, name: "Amara Bello", postcode: "DE2 2BB", phone: "07700 900555")
            let store = PeopleStore(app.db, councilID: council.id)
            _ = try await store.addStep(to: margaret.id, what: "Call", who: "", dueOn: "1/7/2026", at: clock.now)
            let waiting = try await store.waiting(today: ISODay.string(clock.now))
            #expect(waiting[coordinator.id] == PeopleStore.Waiting(introductions: 1, steps: 1, connections: 0))
            #expect(waiting[nil]?.introductions == 1)
            // The introductions' own notices went at once to the team leader only (the coordinator chose mornings).
            let before = try await OutboxStore(app.db).waiting(councilID: council.id)
            #expect(before.map(\.to) == [leader.email])
            #expect(try await RoutineJobs.morningSummaries(app, at: clock.now) == 2)
            try await OutboxSender.sendDue(app, with: try #require(OutboxSender.mailer(app)))
            let messages = try await server.wait(for: 3)
            let summary = try #require(messages.first { $0.to == [coordinator.email] })
            #expect(summary.header("Subject") == "Alongside: your morning summary")
            #expect(summary.body.contains("New introductions waiting for a first contact: 1"))
            #expect(summary.body.contains("Next steps due today or overdue: 1"))
            #expect(!summary.body.contains("Margaret") && !summary.body.contains("Call"))
            #expect(!messages.contains { $0.to == [other.email] })
        }
        try await server.stop()
    }

    @Test func aCheckExpiringIsToldToTheTeamLeadersOnce() async throws {
        try await withAlongside { app, clock in
            let (council, _, leader, _) = try await Factory(app: app).coveredCouncil()
            let store = GoodNeighbourStore(app.db, councilID: council.id)
            let expires = ISODay.string(clock.now.addingTimeInterval(60 * 86_400))
            try await store.save(
                Volunteer(
                    id: .init(UUID()), name: "Dev", postcode: "DE1 1AA", helpsWith: [.lift], availableDays: [],
                    checks: [.init(id: .init(UUID()), kind: .enhanced, issuedOn: "2024-01-01", expiresOn: expires)]),
                at: clock.now)
            #expect(try await RoutineJobs.checkReminders(app, at: clock.now) == 1)
            #expect(try await RoutineJobs.checkReminders(app, at: clock.now) == 0)
            let notices = try await OutboxStore(app.db).messages(to: leader.email).map(\.notice)
            #expect(notices == [.checkExpiring(days: 60)])
        }
    }

    @Test func anImportedFeedIsReadAgainEachNightAndAFailingOneChangesNothing() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            _ = try await factory.directoryCouncil("source")
            let copy = try await factory.council("copy", name: "Copy Council")
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = try #require(app.http.server.shared.localAddress?.port)
            let url = "http://127.0.0.1:\(port)/councils/source/oruk"
            let printed = try await app.run(["import", "oruk", url, "--council", "copy"])
            #expect(printed.contains("reads this feed again each night"))
            let feeds = try await DirectoryStore.allFeeds(on: app.db)
            #expect(feeds.map(\.url) == [url] && feeds.first?.councilID == copy.id)
            // A second feed that cannot be reached fails alone and changes nothing.
            try await DirectoryStore(app.db, councilID: copy.id).rememberFeed("http://127.0.0.1:1/oruk", at: clock.now)
            clock.advance(60)
            let (read, failed) = try await RoutineJobs.readFeeds(app, at: clock.now)
            #expect(read == 1 && failed == 1)
            let after = try await DirectoryStore.allFeeds(on: app.db)
            #expect(after.first { $0.url == url }?.lastOK == true)
            #expect(after.first { $0.url == url }?.lastResult?.contains("34") == true)
            #expect(after.first { $0.url.hasSuffix(":1/oruk") }?.lastOK == false)
            let copied = try await app.sendRequest(.GET, "/councils/copy/oruk/services?per_page=100").body.string
            #expect(copied.contains("\"total_items\":34"))
            await app.server.shutdown()
        }
    }
}
