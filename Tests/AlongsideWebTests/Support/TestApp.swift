import AlongsideCore
import AlongsideStore
import FluentPostgresDriver
import Foundation
import NIOConcurrencyHelpers
import Vapor
import VaporTesting

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

/// Where a test's fresh database lives: a new SQLite file, or, when ALONGSIDE_TEST_DATABASE_URL names
/// a PostgreSQL server, a new database created on it for this test alone and dropped afterwards.
enum TestDatabase {
    static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment["ALONGSIDE_TEST_DATABASE_URL"], url.hasPrefix("postgres")
        else { return nil }
        return url
    }

    static func make() async throws -> (DatabaseLocation, cleanUp: @Sendable () async throws -> Void) {
        let name = "alongside_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        if let base = postgresURL {
            try await admin(base) { sql in try await sql.raw("CREATE DATABASE \(unsafeRaw: String(name))").run() }
            guard var components = URLComponents(string: base) else { throw CommandFailure("bad test URL") }
            components.path = "/" + name
            let url = components.string ?? base
            return (
                .postgres(url: url),
                {
                    try await admin(base) { sql in
                        try await sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: String(name)) WITH (FORCE)").run()
                    }
                }
            )
        }
        let path = NSTemporaryDirectory() + name + ".sqlite"
        return (
            .sqlite(path: path),
            {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
        )
    }

    private static func admin(_ url: String, _ body: (any SQLDatabase) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        do {
            app.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: url)), as: .psql)
            try await body(app.db as! any SQLDatabase)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

/// Runs `body` against a fresh, migrated Alongside with a pinned clock and quick password hashing.
func withAlongside(
    _ body: (Application, TestClock) async throws -> Void
) async throws {
    let clock = TestClock()
    let (location, cleanUp) = try await TestDatabase.make()
    let app = try await Application.make(.testing)
    do {
        let config = AppConfig(
            database: location, rootDirectory: packageRoot, bcryptCost: 4, now: { clock.now })
        try await configure(app, config: config)
        app.useAlongsideCommands()
        try await app.autoMigrate()
        try await body(app, clock)
    } catch {
        try? await app.asyncShutdown()
        try? await cleanUp()
        throw error
    }
    try await app.asyncShutdown()
    try await cleanUp()
}
