import AlongsideStore
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Vapor

/// Where a test's fresh database lives: a new SQLite file, or, when ALONGSIDE_TEST_DATABASE_URL names
/// a PostgreSQL server, a new database created on it for this test alone and dropped afterwards.
public enum TestDatabase {
    public static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment["ALONGSIDE_TEST_DATABASE_URL"], url.hasPrefix("postgres")
        else { return nil }
        return url
    }

    /// PostgreSQL allows 100 connections by default; Swift Testing runs every test at once. At most this
    /// many tests hold a PostgreSQL database at a time.
    static let postgresSlots = AsyncSemaphore(8)

    public static func make() async throws -> (DatabaseLocation, cleanUp: @Sendable () async throws -> Void) {
        if postgresURL != nil {
            await postgresSlots.wait()
            do {
                let (location, drop) = try await makeDatabase()
                return (
                    location,
                    {
                        defer { Task { await postgresSlots.signal() } }
                        try await drop()
                    }
                )
            } catch {
                await postgresSlots.signal()
                throw error
            }
        }
        return try await makeDatabase()
    }

    static func makeDatabase() async throws -> (DatabaseLocation, cleanUp: @Sendable () async throws -> Void) {
        let name = "alongside_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        if let base = postgresURL {
            try await admin(base) { sql in try await sql.raw("CREATE DATABASE \(unsafeRaw: String(name))").run() }
            guard var components = URLComponents(string: base) else { throw URLError(.badURL) }
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
        try await shuttingDown(app) {
            app.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: url)), as: .psql)
            try await body(app.db as! any SQLDatabase)
        }
    }
}

/// Runs `body` with a fresh, migrated database of its own (SQLite, or PostgreSQL when asked).
public func withDatabase(_ body: (any Database) async throws -> Void) async throws {
    let (location, cleanUp) = try await TestDatabase.make()
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    try await shuttingDown(app, then: cleanUp) {
        switch location {
        case .sqlite(let path): app.databases.use(.sqlite(.file(path)), as: .sqlite)
        case .postgres(let url):
            app.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: url)), as: .psql)
        }
        app.migrations.add(AlongsideMigrations.all)
        try await app.autoMigrate()
        try await body(app.db)
    }
}

/// Runs `body`, then shuts `app` down and runs `cleanUp` (removing its database), whether `body` threw or
/// not. When `body` threw, that error is the one thrown: a shutdown or clean-up that fails after it is passed over.
public func shuttingDown(
    _ app: Application, then cleanUp: () async throws -> Void = {}, _ body: () async throws -> Void
) async throws {
    do {
        try await body()
    } catch {
        try? await app.asyncShutdown()
        try? await cleanUp()
        throw error
    }
    try await app.asyncShutdown()
    try await cleanUp()
}

/// A counting semaphore for async code.
actor AsyncSemaphore {
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int) { available = count }

    func wait() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func signal() {
        if waiters.isEmpty {
            available += 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}
