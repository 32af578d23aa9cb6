import AlongsideStore
import Fluent
import FluentSQLiteDriver
import SQLiteKit
import Vapor

/// `alongside backup FILE`: a consistent copy of the SQLite database, taken while the server runs
/// (`VACUUM INTO` reads one snapshot). On PostgreSQL, use `pg_dump` (docs/operators.md).
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Where to write the backup. It must not exist yet.")
        var file: String

        init() {}
    }

    var help: String {
        "Writes a consistent backup of the SQLite database to FILE while Alongside keeps running. On PostgreSQL, use pg_dump."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard case .sqlite = app.alongside.database else {
            throw CommandFailure(
                "This deployment runs on PostgreSQL: back it up with pg_dump --format=custom (see docs/operators.md).")
        }
        guard !FileManager.default.fileExists(atPath: signature.file) else {
            throw CommandFailure(
                "\(signature.file) already exists. Choose a new file name, so no backup is overwritten.")
        }
        let sql = try app.db.sql
        try await sql.raw("VACUUM INTO \(bind: signature.file)" as SQLQueryString).run()
        let problems = try await Self.check(signature.file, on: app)
        guard problems.isEmpty else {
            throw CommandFailure(
                "The backup at \(signature.file) failed its integrity check: \(problems.joined(separator: "; "))")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: signature.file)[.size] as? Int) ?? 0
        context.console.success(
            "Backed up to \(signature.file) (\(ByteCountFormatter.string(fromByteCount: Int64(size), countStyle: .file))); integrity check ok."
        )
    }

    /// Opens a database file on its own and runs SQLite's integrity check; also checks it is Alongside's.
    static func check(_ path: String, on app: Application) async throws -> [String] {
        let connection = try await SQLiteConnection.open(storage: .file(path: path))
        defer { _ = connection.close() }
        let database = connection.sql()
        let result = try await database.raw("PRAGMA integrity_check").all().map {
            try $0.decode(column: "integrity_check", as: String.self)
        }
        var problems = result == ["ok"] ? [] : result
        let tables = try await database.raw(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('_fluent_migrations', 'people', 'audit_entries')"
        ).all()
        if tables.count != 3 { problems.append("it is not an Alongside database") }
        return problems
    }
}

/// `alongside restore FILE --yes`: puts a backup back in place of the SQLite database. The server must be
/// stopped; the database being replaced is kept beside it first.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "A backup made by `alongside backup`.")
        var file: String

        init() {}
    }

    var help: String {
        "Replaces the SQLite database with a backup made by `alongside backup`, after checking it. Stop the server first; the current database is kept as DATABASE.before-restore-TIME."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard case .sqlite(let path) = app.alongside.database else {
            throw CommandFailure(
                "This deployment runs on PostgreSQL: restore it with pg_restore (see docs/operators.md).")
        }
        guard FileManager.default.fileExists(atPath: signature.file) else {
            throw CommandFailure("There is no backup at \(signature.file).")
        }
        let problems = try await BackupCommand.check(signature.file, on: app)
        guard problems.isEmpty else {
            throw CommandFailure(
                "\(signature.file) cannot be restored: \(problems.joined(separator: "; ")). Nothing was changed.")
        }
        // `--yes` is ConsoleKit's own "answer yes to every confirmation" flag.
        guard context.console.confirmOverride == true else {
            throw CommandFailure(
                "This replaces \(path) with \(signature.file). Stop Alongside, then run again with --yes. Nothing was changed."
            )
        }
        let manager = FileManager.default
        let stamp = Int(app.alongside.now().timeIntervalSince1970)
        var kept: String? = nil
        if manager.fileExists(atPath: path) {
            kept = "\(path).before-restore-\(stamp)"
            try manager.moveItem(atPath: path, toPath: kept!)
        }
        for suffix in ["-wal", "-shm"] where manager.fileExists(atPath: path + suffix) {
            try manager.moveItem(atPath: path + suffix, toPath: (kept ?? path) + suffix)
        }
        try manager.copyItem(atPath: signature.file, toPath: path)
        context.console.success(
            "Restored \(signature.file) to \(path)." + (kept.map { " The database it replaced is at \($0)." } ?? ""))
    }
}
