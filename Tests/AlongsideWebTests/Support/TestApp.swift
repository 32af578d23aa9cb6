import AlongsideCore
import AlongsideStore
import AlongsideTestSupport
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor
import VaporTesting

@testable import AlongsideDemo
@testable import AlongsideWeb

/// The package root, so tests find Resources/ and Public/ wherever they run from.
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
}()

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let current = NIOLockedValueBox(Date(timeIntervalSince1970: 1_785_000_000))  // July 2026
    var now: Date { current.withLockedValue { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLockedValue { $0 = $0.addingTimeInterval(seconds) } }
}

/// Runs `body` against a fresh, migrated Alongside with a pinned clock, pinned ids and quick password
/// hashing. Ids count (`RecordIDs.Counting`): those the migrations make are in phase 0, and the test's own
/// start again at 00000001-0001-0000-0000-000000000000, so a new migration does not move them.
func withAlongside(
    configuring adjust: (inout AppConfig) -> Void = { _ in },
    _ body: (Application, TestClock) async throws -> Void
) async throws {
    let clock = TestClock()
    let ids = RecordIDs.Counting()
    let (location, cleanUp) = try await TestDatabase.make()
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    try await shuttingDown(app, then: cleanUp) {
        var config = AppConfig(
            database: location, rootDirectory: packageRoot, bcryptCost: 4, now: { clock.now }, ids: ids.ids)
        adjust(&config)
        try await configure(app, config: config)
        app.useAlongsideCommands()
        app.useAlongsideDemo()
        try await app.autoMigrate()
        ids.startPhase(1)
        try await body(app, clock)
    }
}
