import AlongsideStore
import Fluent
import SQLKit
import Vapor

/// Sessions kept in the database, written only when a request changed them. Vapor's sessions middleware
/// saves the session after every request that has one, which on a busy team is a database write per page
/// view (and on SQLite a wait for the one writer); this driver remembers what it read and skips the save
/// when nothing changed.
struct QuietSessions: SessionDriver {
    let stored: any SessionDriver

    private struct ReadKey: StorageKey { typealias Value = SessionData }

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        stored.createSession(data, for: request)
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        stored.readSession(sessionID, for: request).map { data in
            if let data { request.storage[ReadKey.self] = data }
            return data
        }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<
        SessionID
    > {
        if request.storage[ReadKey.self] == data { return request.eventLoop.makeSucceededFuture(sessionID) }
        return stored.updateSession(sessionID, to: data, for: request)
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        stored.deleteSession(sessionID, for: request)
    }
}

/// Fluent's session table, read with SQLKit: every page reads its session, and Fluent would hydrate a model
/// by reflection to do it. The read brings the member of staff the session names and their council in the
/// same statement (`StaffSessionAuthenticator` would read them next; each statement is a hop to the database
/// and back). Sessions are created, changed and ended through Fluent's own driver.
struct SessionTable: SessionDriver {
    let fluent: any SessionDriver

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        fluent.createSession(data, for: request)
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        request.eventLoop.makeFutureWithTask {
            guard let row = try await Self.read(sessionID.string, on: request.db.sql) else { return nil }
            if try !row.decodeNil(column: "staff.id"), try !row.decodeNil(column: "council.id") {
                request.keepSessionStaff(
                    SignedInStaff(
                        member: try StaffRow.member(row, prefix: "staff."),
                        council: try CouncilRow.council(row, prefix: "council.")))
            }
            return try row.decode(column: "data", as: SessionData.self)
        }
    }

    /// The session's data, with the active member of staff it names and their council (null columns when it
    /// names nobody, or someone no longer active).
    static func read(_ key: String, on sql: any SQLDatabase) async throws -> (any SQLRow)? {
        let sessions = SessionRecord.schema
        let staff = StaffRow.table
        let data: SQLQueryString = "\(ident: sessions).\(ident: "data")"
        let staffKey = StaffSessionAuthenticator.staffKey
        // The id as the session keeps it (text), comparable with `staff.id`, and never an error for text that
        // is not an id: SQLite keeps ids as upper-case text, PostgreSQL as uuid.
        let named: SQLQueryString =
            sql.dialect.name == "sqlite"
            ? "upper(json_extract(\(data), \(literal: "$." + staffKey)))"
            : """
            CASE WHEN \(data) ->> \(literal: staffKey) ~* \(literal: uuidPattern) \
            THEN CAST(\(data) ->> \(literal: staffKey) AS uuid) END
            """
        let councils = CouncilRow.table
        return try await sql.select()
            .column(SQLColumn("data", table: sessions))
            .columns(StaffRow.columns(prefix: "staff."))
            .columns(CouncilRow.columns(prefix: "council."))
            .from(sessions)
            .join(
                staff, method: SQLJoinMethod.left,
                on: "\(ident: staff).\(ident: "id") = \(named) AND \(ident: staff).\(ident: "active") = \(bind: true)"
                    as SQLQueryString
            )
            .join(
                councils, method: SQLJoinMethod.left,
                on: SQLColumn("id", table: councils), .equal, SQLColumn("council_id", table: staff)
            )
            .where(SQLColumn("key", table: sessions), .equal, SQLBind(key)).first()
    }

    private static let uuidPattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<
        SessionID
    > {
        fluent.updateSession(sessionID, to: data, for: request)
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        fluent.deleteSession(sessionID, for: request)
    }
}
