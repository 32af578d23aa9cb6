import AlongsideStore
import Fluent
import SQLKit
import Vapor

/// The server's own tidying, run hourly by the `prune` routine job: sessions idle past the sign-in timeout,
/// and sign-in attempts and public-form submissions older than a day (the limits look back 15 minutes and
/// an hour), are deleted.
enum Housekeeping {
    /// How long sign-in attempts are kept: long enough to look into a burst, far past the throttle's window.
    static let attemptsKept: TimeInterval = 24 * 60 * 60

    /// Deletes expired sessions and old sign-in attempts now.
    static func prune(_ app: Application) async throws {
        let now = app.alongside.now()
        try await app.stores.access.pruneAttempts(before: now.addingTimeInterval(-attemptsKept))
        try await app.stores.access.pruneSubmissions(before: now.addingTimeInterval(-attemptsKept))
        try await app.stores.outbox.prune(sentBefore: now.addingTimeInterval(-30 * 24 * 60 * 60))
        let idle = app.alongside.sessionIdleTimeout
        let sql = try app.db.sql
        let rows = try await sql.select().column("id").column("data").from(SessionRecord.schema).all()
        var expired: [UUID] = []
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            let data = (try? row.decode(column: "data", as: SessionData.self)) ?? SessionData()
            // The last time the session was used: a signed-in page moves "seen" on; a password waiting for its
            // code records when it was given. A session with neither is an old visitor's and has expired.
            let last =
                [StaffSessionAuthenticator.seenKey, TwoStep.pendingAtKey].compactMap {
                    data[$0].flatMap(Double.init)
                }.max() ?? 0
            if now.timeIntervalSince1970 - last > idle { expired.append(id) }
        }
        for start in stride(from: 0, to: expired.count, by: 200) {
            let chunk = expired[start..<min(start + 200, expired.count)]
            try await SessionRecord.query(on: app.db).filter(\.$id ~~ Array(chunk)).delete()
        }
    }
}
