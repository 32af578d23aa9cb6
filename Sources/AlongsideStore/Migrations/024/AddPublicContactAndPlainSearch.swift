import FluentKit
import FluentSQL
import SQLKit

/// How residents reach a council's team, shown on its public pages (issue 27): the team's phone number
/// and hours, and the council's out-of-hours line, each empty until a council admin sets it.
struct UpdateCouncilAddPublicContact: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for column in ["public_phone", "public_hours", "out_of_hours_phone"] {
            try await database.schema("councils").field(.string(column), .string, .required, .sql(.default("")))
                .update()
        }
    }

    func revert(on database: any Database) async throws {
        for column in ["out_of_hours_phone", "public_hours", "public_phone"] {
            try await database.schema("councils").deleteField(.string(column)).update()
        }
    }
}

/// Directory search finds Welsh words as typed (issue 27): beside the English (stemmed) index, a plain one,
/// not stemmed, with accents folded (`DirectoryQuery.folded`). SQLite gains a second FTS5 table,
/// `directory_search_plain` (unicode61, diacritics removed, no porter), keyed by council like the first;
/// PostgreSQL's `search` tsvector gains 'simple' lexemes beside its 'english' ones. Every resource is
/// indexed again.
struct AddPlainDirectorySearch: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql
        if sql.dialect.name == "sqlite" {
            try await sql.raw(
                """
                CREATE VIRTUAL TABLE directory_search_plain USING fts5(
                    council_id UNINDEXED, resource_id UNINDEXED, council_key, name, body,
                    tokenize = 'unicode61 remove_diacritics 2')
                """
            ).run()
        }
        try await DirectoryStore.reindexAll(on: database)
    }

    /// SQLite drops the plain table; PostgreSQL keeps the extra 'simple' lexemes, which the earlier search
    /// never asks for.
    func revert(on database: any Database) async throws {
        let sql = try database.sql
        guard sql.dialect.name == "sqlite" else { return }
        try await sql.raw("DROP TABLE IF EXISTS directory_search_plain").run()
    }
}
