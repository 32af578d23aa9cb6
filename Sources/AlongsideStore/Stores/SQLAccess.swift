import AlongsideCore
import FluentKit
import SQLKit

/// A setup mistake only an operator can fix (it is logged, and a person sees the usual apology).
public enum StoreSetupProblem: Error, Sendable {
    /// Alongside needs an SQL database: SQLite or PostgreSQL.
    case notSQL
}

extension Database {
    /// The database as SQLKit sees it, for reports and hot paths. Alongside's drivers (SQLite and
    /// PostgreSQL) are both SQL databases; anything else is a setup mistake.
    public var sql: any SQLDatabase {
        get throws {
            guard let sql = self as? any SQLDatabase else { throw StoreSetupProblem.notSQL }
            return sql
        }
    }
}

extension Database {
    /// A transaction for a change: `body` reads and writes in one transaction, and is run again (from the
    /// start, a few times, after a short wait) when SQLite says the database is busy. On SQLite a
    /// transaction that reads before it writes is refused outright when another connection wrote in between
    /// (SQLITE_BUSY_SNAPSHOT: the busy handler does not wait for that), so two people saving at once would
    /// otherwise see an error. PostgreSQL waits for row locks itself and never gets here. Inside another
    /// transaction it is that transaction. Once it commits, the summaries of the figures are brought up to
    /// date with what it wrote (`FigureSummaries.catchUp`).
    ///
    /// The reader's wording goes in with `body`: Fluent runs a transaction's closure in a task of its own,
    /// which does not inherit `Wording.chosen`, so every message made inside a change was English.
    public func change<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let wording = Wording.chosen
        let result = try await retryingTransaction { db in
            try await Wording.$chosen.withValue(wording) { try await body(db) }
        }
        guard !inTransaction else { return result }
        // The figures' summaries follow the rows as soon as the change commits (`FigureSummaries`): the
        // database marked the people it touched in the change's own transaction, so the totals with those
        // marks are exact at every moment, and a read of the totals catches up on any mark still there.
        // Folding the marks in here, not inside the change, keeps the change's own transaction as short as
        // it was (many writers at once on SQLite each wait for the others' transactions).
        do {
            _ = try await CatchUpTurn.shared.run {
                try await retryingTransaction { db in try await FigureSummaries(db).catchUp() }
            }
        } catch {
            logger.warning("The figures' summaries will catch up at their next read: \(String(describing: error))")
        }
        return result
    }

    /// A transaction run again (from the start, a few times, after a short wait) when SQLite says the
    /// database is busy: `change` without the figures' catch-up, for the summaries' own batches.
    func retryingTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T)
        async throws -> T
    {
        var attempt = 0
        while true {
            do {
                return try await transaction(body)
            } catch  where !inTransaction && attempt < 6 && Self.isBusy(error) {
                attempt += 1
                try await Task.sleep(for: .milliseconds(Int.random(in: 5...20) << attempt))
            }
        }
    }

    /// Whether `error` is SQLite saying the database is busy or locked.
    static func isBusy(_ error: any Error) -> Bool {
        // SQLiteNIO describes both busy and busy-in-snapshot as "…: database is locked".
        String(describing: error).contains("database is locked")
    }
}
