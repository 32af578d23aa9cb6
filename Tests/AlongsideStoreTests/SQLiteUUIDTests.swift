import AlongsideCore
import AlongsideTestSupport
import Fluent
import Foundation
import SQLKit
import Testing

@testable import AlongsideStore

/// Ids on SQLite are read and written by `UUID`'s own `SQLiteDataConvertible` (not Foundation's parser):
/// still kept as the upper-case text databases already hold, and read back from it, through Fluent and SQLKit.
@Suite("Ids on SQLite")
struct SQLiteUUIDTests {
    @Test func idsAreWrittenAndReadBackThroughFluentAndSQLKit() async throws {
        try await withDatabase { db in
            let sql = try db.sql
            let council = try await CouncilStore(db).create(slug: "testshire", name: "Testshire")
            let found = try await sql.select().column("id").from("councils").where("id", .equal, council.id.uuid)
                .first()?.decode(column: "id", as: UUID.self)
            #expect(found == council.id.uuid)
            #expect(try await CouncilStore(db).find(council.id)?.id == council.id)
        }
    }

    @Test(.enabled(if: TestDatabase.postgresURL == nil, "SQLite's text ids"))
    func idsAreKeptAsTheTextDatabasesAlreadyHoldAndReadBack() async throws {
        try await withDatabase { db in
            let sql = try db.sql
            try #require(sql.dialect.name == "sqlite")
            let council = try await CouncilStore(db).create(slug: "testshire", name: "Testshire")
            let stored = try await sql.raw("SELECT typeof(id) AS kind, id AS text FROM councils").first()
            #expect(try stored?.decode(column: "kind", as: String.self) == "text")
            #expect(try stored?.decode(column: "text", as: String.self) == council.id.uuid.uuidString)
            // A row written before (by Foundation's text) and one in lower case are read alike.
            let lower = UUID()
            try await sql.raw("UPDATE councils SET id = \(bind: lower.uuidString.lowercased())").run()
            #expect(
                try await sql.select().column("id").from("councils").first()?.decode(column: "id", as: UUID.self)
                    == lower)
            try await sql.raw("UPDATE councils SET id = 'not an id'").run()
            await #expect(throws: (any Error).self) {
                try await sql.select().column("id").from("councils").first()?.decode(column: "id", as: UUID.self)
            }
        }
    }
}
