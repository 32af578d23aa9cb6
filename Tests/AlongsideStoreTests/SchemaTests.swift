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

    /// Every column that refers to a person, read from the schema: a `person_id`, or a foreign key to
    /// `people`. Each must be one merge moves (and its undo puts back) or one of the logs that keep naming
    /// whom they named, so a table added later that refers to a person cannot be forgotten by merge.
    @Test func everyTableThatRefersToAPersonIsHandledByMerge() async throws {
        try await withDatabase { db in
            let sql = try db.sql
            var references: Set<String> = []
            if sql.dialect.name == "sqlite" {
                let tables = try await sql.raw(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                ).all().map { try $0.decode(column: "name", as: String.self) }
                for table in tables {
                    for column in try await sql.raw("PRAGMA table_info(\(ident: table))").all() {
                        let name = try column.decode(column: "name", as: String.self)
                        if name == "person_id" { references.insert("\(table).\(name)") }
                    }
                    for key in try await sql.raw("PRAGMA foreign_key_list(\(ident: table))").all()
                    where try key.decode(column: "table", as: String.self) == "people" {
                        references.insert("\(table).\(try key.decode(column: "from", as: String.self))")
                    }
                }
            } else {
                for row in try await sql.raw(
                    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'person_id'"
                ).all() {
                    references.insert(
                        "\(try row.decode(column: "table_name", as: String.self)).person_id")
                }
                for row in try await sql.raw(
                    """
                    SELECT kcu.table_name, kcu.column_name FROM information_schema.table_constraints tc
                    JOIN information_schema.key_column_usage kcu
                      ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
                    JOIN information_schema.constraint_column_usage ccu
                      ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
                    WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public' AND ccu.table_name = 'people'
                    """
                ).all() {
                    references.insert(
                        "\(try row.decode(column: "table_name", as: String.self)).\(try row.decode(column: "column_name", as: String.self))"
                    )
                }
            }
            let handled =
                Set(PersonTables.moved.map { "\($0.table).person_id" })
                .union(PersonTables.stay.map { "\($0).person_id" })
                .union(["people.merged_into_id", "merges.kept_id", "merges.merged_id"])
            #expect(references.count >= 15)
            let forgotten = references.subtracting(handled).sorted()
            #expect(forgotten.isEmpty, "Tables that refer to a person but merge does not handle: \(forgotten)")
            // And merge names no table that does not exist or no longer refers to a person.
            let stale = Set(PersonTables.moved.map { "\($0.table).person_id" }).subtracting(references).sorted()
            #expect(stale.isEmpty, "Merge moves tables with no person column: \(stale)")
        }
    }
}
