import FluentKit
import SQLKit

/// SQLite's directory search index gains an indexed token for the council (`DirectoryStore.councilKey`), so
/// a search matches only its own council's resources instead of every council's and filtering after: at
/// network size a common word matched a hundred councils' directories. PostgreSQL keeps its tsvector.
struct ScopeDirectorySearch: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql
        guard sql.dialect.name == "sqlite" else { return }
        try await sql.raw(
            """
            CREATE VIRTUAL TABLE directory_search_scoped USING fts5(
                council_id UNINDEXED, resource_id UNINDEXED, council_key, name, body, tokenize = 'porter unicode61')
            """
        ).run()
        try await sql.raw(
            """
            INSERT INTO directory_search_scoped (council_id, resource_id, council_key, name, body) \
            SELECT council_id, resource_id, 'c' || lower(replace(council_id, '-', '')), name, body FROM directory_search
            """
        ).run()
        try await sql.raw("DROP TABLE directory_search").run()
        try await sql.raw("ALTER TABLE directory_search_scoped RENAME TO directory_search").run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql
        guard sql.dialect.name == "sqlite" else { return }
        try await sql.raw(
            """
            CREATE VIRTUAL TABLE directory_search_unscoped USING fts5(
                council_id UNINDEXED, resource_id UNINDEXED, name, body, tokenize = 'porter unicode61')
            """
        ).run()
        try await sql.raw(
            """
            INSERT INTO directory_search_unscoped (council_id, resource_id, name, body) \
            SELECT council_id, resource_id, name, body FROM directory_search
            """
        ).run()
        try await sql.raw("DROP TABLE directory_search").run()
        try await sql.raw("ALTER TABLE directory_search_unscoped RENAME TO directory_search").run()
    }
}
