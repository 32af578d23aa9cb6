import AlongsideCore
import Fluent
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// Page views that change nothing in a session cost no database write: the last-seen time moves on at
/// most once a minute, and the session store skips saving a session that is as it was read.
@Suite("Session writes")
struct SessionWriteTests {
    @Test func browsingWithinAMinuteLeavesTheStoredSessionAsItWasAndLaterMovesLastSeenOn() async throws {
        try await withAlongside { app, clock in
            let council = try await Factory(app: app).council()
            try await Factory(app: app).staff(council, .coordinator, email: "c@testshire.example")
            let browser = Browser(app)
            _ = try await browser.signIn("c@testshire.example", password: testPassword)
            func storedSeen() async throws -> String? {
                try await SessionRecord.query(on: app.db).all().compactMap {
                    $0.data[StaffSessionAuthenticator.seenKey]
                }.first
            }
            let signedInSeen = try #require(try await storedSeen())
            clock.advance(30)
            #expect(try await browser.get("/caseload").status == .ok)
            #expect(try await storedSeen() == signedInSeen)
            clock.advance(31)
            #expect(try await browser.get("/caseload").status == .ok)
            let moved = try #require(try await storedSeen())
            #expect(Int(moved) == Int(signedInSeen).map { $0 + 61 })
        }
    }

    @Test func theStoreSavesOnlyASessionThatChanged() async throws {
        try await withAlongside { app, _ in
            let recorded = Recording()
            let sessions = QuietSessions(stored: recorded)
            let request = Request(application: app, on: app.eventLoopGroup.next())
            let id = SessionID(string: "s1")
            recorded.data.withLockedValue { $0[id.string] = ["staff": "x", "seen": "1"] }
            let read = try #require(try await sessions.readSession(id, for: request).get())
            _ = try await sessions.updateSession(id, to: read, for: request).get()
            #expect(recorded.updates.withLockedValue { $0 } == 0)
            var changed = read
            changed["seen"] = "2"
            _ = try await sessions.updateSession(id, to: changed, for: request).get()
            #expect(recorded.updates.withLockedValue { $0 } == 1)
            #expect(recorded.data.withLockedValue { $0[id.string]?["seen"] } == "2")
            // A request that never read the session (a new one) is saved as given.
            let fresh = Request(application: app, on: app.eventLoopGroup.next())
            _ = try await sessions.updateSession(id, to: changed, for: fresh).get()
            #expect(recorded.updates.withLockedValue { $0 } == 2)
        }
    }

    /// A session store outside the database that counts saves.
    final class Recording: SessionDriver, Sendable {
        let data = NIOLockedValueBox([String: SessionData]())
        let updates = NIOLockedValueBox(0)

        func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
            let id = SessionID(string: UUID().uuidString)
            self.data.withLockedValue { $0[id.string] = data }
            return request.eventLoop.makeSucceededFuture(id)
        }

        func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
            request.eventLoop.makeSucceededFuture(data.withLockedValue { $0[sessionID.string] })
        }

        func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<
            SessionID
        > {
            updates.withLockedValue { $0 += 1 }
            self.data.withLockedValue { $0[sessionID.string] = data }
            return request.eventLoop.makeSucceededFuture(sessionID)
        }

        func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
            data.withLockedValue { $0[sessionID.string] = nil }
            return request.eventLoop.makeSucceededFuture(())
        }
    }
}
