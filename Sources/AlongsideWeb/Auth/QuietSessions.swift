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
/// by reflection to do it. Sessions are created, changed and ended through Fluent's own driver.
struct SessionTable: SessionDriver {
    let fluent: any SessionDriver

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        fluent.createSession(data, for: request)
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        request.eventLoop.makeFutureWithTask {
            try await request.db.sql.select().column("data").from(SessionRecord.schema)
                .where("key", .equal, sessionID.string).first()?.decode(column: "data", as: SessionData.self)
        }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<
        SessionID
    > {
        fluent.updateSession(sessionID, to: data, for: request)
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        fluent.deleteSession(sessionID, for: request)
    }
}
