import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// One routine job as the database knows it.
public struct JobState: Sendable, Equatable {
    public let name: String
    public let nextRunAt: Date
    public let lastStartedAt: Date?
    public let lastFinishedAt: Date?
    public let lastOK: Bool?
    public let lastResult: String?
    public let leaseUntil: Date?
}

/// The routine jobs' schedule and results. A job is taken with a lease: `UPDATE … WHERE` it is due and
/// nobody holds it, which exactly one server wins; a server that stops mid-job leaves the lease to run out.
///
/// The `jobs` table has no Fluent model: a row is keyed by the job's name (no id of its own) and is taken
/// by that conditional `UPDATE`, which a model's save cannot express. This store is the one place that reads
/// and writes it.
public struct JobStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// Makes sure each job has its row (first run at its `firstRun`), reading which exist once; a row another
    /// server made first is kept.
    public func register(_ jobs: [(name: String, firstRun: Date)]) async throws {
        let sql = try database.sql
        let known = Set(
            try await sql.select().column("name").from("jobs").all().map {
                try $0.decode(column: "name", as: String.self)
            })
        for job in jobs where !known.contains(job.name) {
            do {
                try await sql.insert(into: "jobs").columns("name", "next_run_at")
                    .values(SQLBind(job.name), SQLBind(job.firstRun)).run()
            } catch {
                // Another server registered it at the same moment.
                guard try await sql.select().column("name").from("jobs").where("name", .equal, job.name).first() != nil
                else { throw error }
            }
        }
    }

    /// Takes the job if it is due and free: true when this caller holds it until `now + lease`.
    public func take(_ name: String, lease: TimeInterval, at now: Date) async throws -> Bool {
        let taken = try await database.sql.update("jobs")
            .set("lease_until", to: now.addingTimeInterval(lease)).set("last_started_at", to: now)
            .where("name", .equal, name).where("next_run_at", .lessThanOrEqual, now)
            .where(
                SQLGroupExpression(
                    SQLList(
                        [
                            SQLBinaryExpression(SQLColumn("lease_until"), .is, SQLLiteral.null),
                            SQLBinaryExpression(SQLColumn("lease_until"), .lessThan, SQLBind(now)),
                        ], separator: SQLRaw(" OR ")))
            )
            .returning("name").all()
        return !taken.isEmpty
    }

    /// Records how a run went and when the next is due, and lets the job go.
    public func finish(_ name: String, ok: Bool, result: String, next: Date, at now: Date) async throws {
        try await database.sql.update("jobs")
            .set("last_finished_at", to: now).set("last_ok", to: ok).set("last_result", to: String(result.prefix(500)))
            .set("next_run_at", to: next).set(SQLColumn("lease_until"), to: SQLLiteral.null)
            .where("name", .equal, name).run()
    }

    /// Every job, by name.
    public func all() async throws -> [JobState] {
        try await database.sql.select()
            .columns(
                ["name", "next_run_at", "last_started_at", "last_finished_at", "last_ok", "last_result", "lease_until"]
                    .map { SQLColumn($0) }
            )
            .from("jobs").orderBy("name").all().map { row in
                JobState(
                    name: try row.decode(column: "name", as: String.self),
                    nextRunAt: try row.decode(column: "next_run_at", as: Date.self),
                    lastStartedAt: try row.decode(column: "last_started_at", as: Date?.self),
                    lastFinishedAt: try row.decode(column: "last_finished_at", as: Date?.self),
                    lastOK: try row.decode(column: "last_ok", as: Bool?.self),
                    lastResult: try row.decode(column: "last_result", as: String?.self),
                    leaseUntil: try row.decode(column: "lease_until", as: Date?.self))
            }
    }
}
