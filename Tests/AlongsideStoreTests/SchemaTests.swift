import AlongsideCore
import AlongsideTestSupport
import Fluent
import Foundation
import SQLKit
import Testing

@testable import AlongsideStore

/// The schema keeps councils apart and ready to distribute by council: every table with a `council_id`
/// requires it, and has an index that starts with it.
@Suite("Schema")
struct SchemaTests {
    @Test func everyCouncilOwnedTableRequiresItsCouncilAndIsIndexedByIt() async throws {
        try await withDatabase { db in
            let sql = try db.sql
            var owned: [String: (required: Bool, indexed: Bool)] = [:]
            if sql.dialect.name == "sqlite" {
                let tables = try await sql.raw(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'directory_search%'"
                ).all().map { try $0.decode(column: "name", as: String.self) }
                for table in tables {
                    let columns = try await sql.raw("PRAGMA table_info(\(ident: table))").all()
                    guard
                        let council = try columns.first(where: {
                            try $0.decode(column: "name", as: String.self) == "council_id"
                        })
                    else { continue }
                    var indexed = false
                    for index in try await sql.raw("PRAGMA index_list(\(ident: table))").all() {
                        let name = try index.decode(column: "name", as: String.self)
                        let first = try await sql.raw("PRAGMA index_info(\(ident: name))").all()
                            .first { try $0.decode(column: "seqno", as: Int.self) == 0 }
                        if try first?.decode(column: "name", as: String.self) == "council_id" { indexed = true }
                    }
                    owned[table] = (try council.decode(column: "notnull", as: Int.self) == 1, indexed)
                }
            } else {
                for row in try await sql.raw(
                    "SELECT table_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'council_id'"
                ).all() {
                    let table = try row.decode(column: "table_name", as: String.self)
                    let indexes = try await sql.raw(
                        "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = \(bind: table)"
                    ).all().map { try $0.decode(column: "indexdef", as: String.self) }
                    owned[table] = (
                        try row.decode(column: "is_nullable", as: String.self) == "NO",
                        indexes.contains { $0.contains("(council_id") }
                    )
                }
            }
            #expect(owned.count >= 30)
            for (table, facts) in owned.sorted(by: { $0.key < $1.key }) {
                #expect(facts.required, "\(table).council_id may be empty")
                #expect(facts.indexed, "\(table) has no index starting with council_id")
            }
        }
    }
}
