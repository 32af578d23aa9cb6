import AlongsideTestSupport
import Fluent
import SQLKit
import Testing
import Vapor

@testable import AlongsideWeb

/// On SQLite every connection (one for each event loop) gets the larger page cache, not only the first.
@Suite("SQLite tuning")
struct SQLiteTuningTests {
    @Test(.enabled(if: TestDatabase.postgresURL == nil, "SQLite's page cache"))
    func everyConnectionHasTheLargerPageCache() async throws {
        try await withAlongside { app, _ in
            try #require((app.db as? any SQLDatabase)?.dialect.name == "sqlite")
            try await app.asyncBoot()
            var loops = 0
            for eventLoop in app.eventLoopGroup.makeIterator() {
                let connection = try #require(
                    app.databases.database(logger: app.logger, on: eventLoop) as? any SQLDatabase)
                let size = try await connection.raw("PRAGMA cache_size").first()?.decode(
                    column: "cache_size", as: Int.self)
                #expect(size == -SQLiteTuning.cacheKiB)
                loops += 1
            }
            #expect(loops >= 1)
        }
    }
}
