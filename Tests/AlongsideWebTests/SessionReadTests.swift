import AlongsideCore
import AlongsideStore
import Fluent
import SQLKit
import Testing
import Vapor

@testable import AlongsideWeb

/// A signed-in page reads its session, its member of staff and their council in one statement
/// (`SessionTable.read`). The member comes only when the session names an active one; text that is not an
/// id is never an error.
@Suite("Reading a session with its member of staff")
struct SessionReadTests {
    @Test func theSessionBringsItsActiveMemberOfStaffAndNobodyElse() async throws {
        try await withAlongside { app, _ in
            let (council, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let sql = try #require(app.db as? any SQLDatabase)
            func session(_ key: String, _ data: [String: String]) async throws {
                try await SessionRecord(key: SessionID(string: key), data: SessionData(initialData: data))
                    .create(on: app.db)
            }
            let staffKey = StaffSessionAuthenticator.staffKey
            try await session("named", [staffKey: coordinator.id.description, "seen": "1"])
            try await session("upper", [staffKey: coordinator.id.uuid.uuidString])
            try await session("nobody", ["seen": "1"])
            try await session("not-an-id", [staffKey: "'; DROP TABLE staff; --"])
            try await session("unknown", [staffKey: UUID().uuidString.lowercased()])

            let named = try #require(try await SessionTable.read("named", on: sql))
            #expect(try named.decode(column: "data", as: SessionData.self)["seen"] == "1")
            #expect(try StaffRow.member(named, prefix: "staff.") == coordinator)
            #expect(try CouncilRow.council(named, prefix: "council.").id == council.id)
            let upper = try #require(try await SessionTable.read("upper", on: sql))
            #expect(try StaffRow.member(upper, prefix: "staff.").id == coordinator.id)
            for key in ["nobody", "not-an-id", "unknown"] {
                let row = try #require(try await SessionTable.read(key, on: sql))
                #expect(try row.decodeNil(column: "staff.id"), "\(key)")
                #expect(try row.decode(column: "data", as: SessionData.self).snapshot.isEmpty == false)
            }
            #expect(try await SessionTable.read("no-such-session", on: sql) == nil)

            // Someone no longer active is not brought, though the session still names them.
            try await sql.update("staff").set("active", to: false).where("id", .equal, coordinator.id.uuid).run()
            let gone = try #require(try await SessionTable.read("named", on: sql))
            #expect(try gone.decodeNil(column: "staff.id"))
        }
    }
}
