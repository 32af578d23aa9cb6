import FluentKit
import SQLKit

/// The Network's "people supported in the period" reads who was introduced or talked with in a period.
/// With the person in the day indexes, that is a range of each index alone; before, it looked into every
/// person's history, a million lookups into ten million conversations at network size.
struct AddPeriodIndexes: AsyncMigration {
    static let indexes: [(name: String, table: String, before: [String], after: [String])] = [
        (
            "conversations_council_day", "conversations", ["council_id", "happened_on"],
            ["council_id", "happened_on", "person_id"]
        ),
        (
            "introductions_council_received", "introductions", ["council_id", "received_at"],
            ["council_id", "received_at", "person_id"]
        ),
    ]

    func prepare(on database: any Database) async throws {
        for index in Self.indexes { try await Self.replace(index.name, on: index.table, with: index.after, database) }
    }

    func revert(on database: any Database) async throws {
        for index in Self.indexes { try await Self.replace(index.name, on: index.table, with: index.before, database) }
    }

    static func replace(_ name: String, on table: String, with columns: [String], _ database: any Database)
        async throws
    {
        let sql = try database.sql
        try await sql.drop(index: name).run()
        var builder = sql.create(index: name).on(table)
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }
}
