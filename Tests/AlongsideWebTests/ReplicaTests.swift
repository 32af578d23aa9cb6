import AlongsideCore
import AlongsideStore
import AlongsideTestSupport
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// Reports read from a PostgreSQL streaming replica when `DATABASE_READ_URL` names one (issue 28); every
/// write, and every read that must see its own write, stays on the primary.
@Suite("Reports from a read replica")
struct ReplicaTests {
    /// A streaming replica of the test server (`ALONGSIDE_TEST_DATABASE_READ_URL`; `.ci/run` starts one on
    /// port 5433). The replica tests run only when it and `ALONGSIDE_TEST_DATABASE_URL` are set.
    static var replicaServer: String? {
        guard let url = ProcessInfo.processInfo.environment["ALONGSIDE_TEST_DATABASE_READ_URL"],
            url.hasPrefix("postgres")
        else { return nil }
        return url
    }

    static var hasReplica: Bool { TestDatabase.postgresURL != nil && replicaServer != nil }

    /// The replica's copy of the test's own database: the replica server's address with the primary's
    /// database name (physical replication copies every database, the test's fresh one too).
    static func replica(of primary: DatabaseLocation) -> String? {
        guard case .postgres(let url) = primary, let server = replicaServer,
            let name = URLComponents(string: url)?.path, var components = URLComponents(string: server)
        else { return nil }
        components.path = name
        return components.string
    }

    /// Polls `condition` until it holds or `seconds` pass (replication takes a moment); says whether it held.
    static func eventually(within seconds: Double = 60, _ condition: () async throws -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? await condition()) == true { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test func aReadReplicaIsRefusedBesideSQLiteOrWhenItIsNotAPostgreSQLAddress() throws {
        let primary = "postgres://alongside:secret@10.0.0.1:5432/alongside"
        let replica = "postgres://reader:secret@10.0.0.2:5432/alongside"
        for sqlite in [[:], ["DATABASE_URL": "sqlite:alongside.sqlite"]] {
            #expect {
                try AppConfig.fromEnvironment(
                    .development, variables: sqlite.merging(["DATABASE_READ_URL": replica]) { $1 })
            } throws: { error in
                String(describing: error).contains("DATABASE_READ_URL names a PostgreSQL replica")
            }
        }
        for malformed in [
            "sqlite:reports.sqlite", "mysql://reader@10.0.0.2/alongside", "postgres://", "postgres://reader@/alongside",
            "postgres://reader:secret@10.0.0.2:5432", "10.0.0.2:5432",
        ] {
            #expect {
                try AppConfig.fromEnvironment(
                    .development, variables: ["DATABASE_URL": primary, "DATABASE_READ_URL": malformed])
            } throws: { error in
                String(describing: error).contains("DATABASE_READ_URL must be postgres://")
            }
        }
        let config = try AppConfig.fromEnvironment(
            .development, variables: ["DATABASE_URL": primary, "DATABASE_READ_URL": replica])
        #expect(config.readReplicaURL == replica)
        #expect(config.reportsReplicaURL == replica)
        #expect(try AppConfig.fromEnvironment(.development, variables: ["DATABASE_URL": primary]).readReplicaURL == nil)
        #expect(
            try AppConfig.fromEnvironment(.development, variables: ["DATABASE_URL": primary, "DATABASE_READ_URL": ""])
                .readReplicaURL == nil)
    }

    @Test func withoutAReplicaReportsReadThePrimary() async throws {
        // A replica set in code beside SQLite is not used either.
        try await withAlongside(configuring: { config in
            if case .sqlite = config.database { config.readReplicaURL = "postgres://reader:x@127.0.0.1:1/none" }
        }) { app, _ in
            #expect(!app.databases.ids().contains(.reports))
            let leader = try await Factory(app: app).coveredCouncil().leader
            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)
            for path in ["/dashboard", "/dashboard.csv", "/dashboard/quarterly", "/sroi", "/network", "/network.csv"] {
                #expect(try await browser.get(path).status == .ok, "\(path)")
            }
        }
    }

    @Test(.enabled(if: ReplicaTests.hasReplica))
    func reportsAreServedByTheReplicaAndShowAWriteOnThePrimaryOnceItIsReplayed() async throws {
        try await withAlongside(configuring: { config in config.readReplicaURL = Self.replica(of: config.database) }) {
            app, clock in
            #expect(app.databases.ids().contains(.reports))
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let margaret = try await factory.introduce(council, name: "Margaret Hale")
            try await PeopleStore(app.db, councilID: council.id).addOutcome(
                to: margaret.id, kind: .gpAppointment, happenedOn: "2026-06-01", otherwise: "Would have seen the GP",
                confidence: .high, by: coordinator.id, at: clock.now)
            let primary = try app.db.sql
            let replica = try app.db(.reports).sql
            func count(_ sql: any SQLDatabase, _ table: String) async throws -> Int {
                try await sql.raw(
                    "SELECT COUNT(*) AS n FROM \(ident: table) WHERE council_id = \(bind: council.id.uuid)"
                )
                .first()?.decode(column: "n", as: Int.self) ?? -1
            }
            // The test's fresh database, migrated and with its council, reaches the replica after a moment.
            #expect(await Self.eventually { try await count(replica, "outcomes") == 1 })
            func inRecovery(_ sql: any SQLDatabase) async throws -> Bool? {
                try await sql.raw("SELECT pg_is_in_recovery() AS r").first()?.decode(column: "r", as: Bool.self)
            }
            #expect(try await inRecovery(replica) == true)
            #expect(try await inRecovery(primary) == false)

            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)
            let csv = "/dashboard.csv?period=dates&from=1/4/2026&to=31/3/2027"
            func introductions() async throws -> String? {
                try await browser.get(csv).body.string.components(separatedBy: "\r\n")
                    .first { $0.hasPrefix("introductions,") }?.split(separator: ",").dropFirst(4).first.map(String.init)
            }
            #expect(try await introductions() == "1")

            // Replay paused on the replica: what the primary writes now is not there until it is resumed.
            try await replica.raw("SELECT pg_wal_replay_pause()").run()
            do {
                #expect(
                    await Self.eventually {
                        try await replica.raw("SELECT pg_get_wal_replay_pause_state() AS s").first()?.decode(
                            column: "s", as: String.self) == "paused"
                    })
                try await factory.introduce(council, name: "Rhiannon Evans", phone: "07700 900456")
                #expect(try await count(primary, "introductions") == 2)
                #expect(try await count(replica, "introductions") == 1)
                // The report is the replica's: it does not count the introduction the primary has.
                #expect(try await introductions() == "1")
                // Every report answers from a read-only server: none of them writes.
                for path in [
                    "/dashboard", "/dashboard/quarterly", "/sroi?from=1/1/2026&to=31/12/2026", "/network",
                    "/network.csv", "/api/v1/sroi/period?from=2026-01-01&to=2026-12-31",
                ] {
                    let headers: HTTPHeaders =
                        path.hasPrefix("/api/") ? try await AttackFindingsTests.token(app, leader) : [:]
                    #expect(try await browser.get(path, headers: headers).status == .ok, "\(path)")
                }
                let figures = try await app.testing().sendRequest(
                    .GET, "/api/v1/figures?from=2026-04-01&to=2027-03-31",
                    headers: try await AttackFindingsTests.token(app, leader))
                #expect(figures.status == .ok)
                #expect(figures.body.string.contains("introductions"))
                // Saving an SROI report writes on the primary, and the page it leads to finds it at once.
                let saved = try await browser.post(
                    "/sroi",
                    form: [
                        "from": "1/1/2026", "to": "31/12/2026", "scope": "council", "investment": "100",
                        "action": "save", "title": "GP visits 2026",
                    ])
                #expect(saved.status == .seeOther)
                let report = try await browser.get(try #require(saved.location))
                #expect(report.status == .ok)
                #expect(report.body.string.contains("GP visits 2026"))
                #expect(try await count(replica, "sroi_reports") == 0)
            } catch {
                try? await replica.raw("SELECT pg_wal_replay_resume()").run()
                throw error
            }
            try await replica.raw("SELECT pg_wal_replay_resume()").run()
            // Once replayed, the report read from the replica shows the primary's write.
            #expect(await Self.eventually { try await introductions() == "2" })
            #expect(await Self.eventually { try await count(replica, "sroi_reports") == 1 })
        }
    }
}
