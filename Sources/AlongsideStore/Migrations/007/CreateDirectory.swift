import FluentKit
import SQLKit

/// The community directory. Ids are the Open Referral ids, kept as they came so other directories can
/// update what they sent; they are unique within a council (`council_id`, `id`), so two councils can hold
/// copies of the same feed. Each resource is kept whole as JSON (`document`) with the columns that lists
/// and filters need beside it. Full-text search: an FTS5 table on SQLite, a `tsvector` column on PostgreSQL.
struct CreateDirectory: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("directory_taxonomies")
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("id", .uuid, .required)
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("uri", .string)
            .field("version", .string)
            .compositeIdentifier(over: "council_id", "id")
            .create()
        try await database.schema("directory_terms")
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("id", .uuid, .required)
            .field("taxonomy_id", .uuid, .required)
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("code", .string)
            .field("parent_id", .uuid)
            .compositeIdentifier(over: "council_id", "id")
            .create()
        try await database.schema("directory_organisations")
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("id", .uuid, .required)
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("email", .string)
            .field("website", .string)
            .field("modified_at", .datetime, .required)
            .compositeIdentifier(over: "council_id", "id")
            .create()
        try await database.schema("directory_resources")
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("id", .uuid, .required)
            .field("organisation_id", .uuid, .required)
            .field("name", .string, .required)
            .field("status", .string, .required)
            .field("modified_at", .datetime, .required)
            .field("checked_on", .string)
            .field("minimum_age", .int)
            .field("maximum_age", .int)
            .field("days", .string, .required)
            .field("version", .int, .required)
            .field("document", .string, .required)
            .compositeIdentifier(over: "council_id", "id")
            .create()
        try await database.schema("directory_resource_terms")
            .field("council_id", .uuid, .required)
            .field("resource_id", .uuid, .required)
            .field("term_id", .uuid, .required)
            .compositeIdentifier(over: "council_id", "resource_id", "term_id")
            .create()
        try await database.schema("directory_sites")
            .field("council_id", .uuid, .required)
            .field("id", .uuid, .required)
            .field("resource_id", .uuid, .required)
            .field("location_id", .uuid, .required)
            .field("postcode", .string, .required)
            .field("ward_code", .string)
            .field("latitude", .double)
            .field("longitude", .double)
            .compositeIdentifier(over: "council_id", "id")
            .create()
        try await database.schema("directory_versions")
            .field("council_id", .uuid, .required)
            .field("resource_id", .uuid, .required)
            .field("version", .int, .required)
            .field("changed_by_id", .uuid)
            .field("changed_by", .string, .required)
            .field("changed_at", .datetime, .required)
            .field("changes", .string, .required)
            .field("document", .string, .required)
            .compositeIdentifier(over: "council_id", "resource_id", "version")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        for (name, table, columns) in [
            ("directory_resources_modified", "directory_resources", ["council_id", "modified_at"]),
            ("directory_resources_organisation", "directory_resources", ["council_id", "organisation_id"]),
            ("directory_resource_terms_term", "directory_resource_terms", ["council_id", "term_id"]),
            ("directory_sites_resource", "directory_sites", ["council_id", "resource_id"]),
            ("directory_sites_ward", "directory_sites", ["council_id", "ward_code"]),
        ] {
            var builder = sql.create(index: name).on(table)
            for column in columns { builder = builder.column(column) }
            try await builder.run()
        }
        if sql.dialect.name == "sqlite" {
            try await sql.raw(
                """
                CREATE VIRTUAL TABLE directory_search USING fts5(
                    council_id UNINDEXED, resource_id UNINDEXED, name, body, tokenize = 'porter unicode61')
                """
            ).run()
        } else {
            try await sql.raw("ALTER TABLE directory_resources ADD COLUMN search tsvector").run()
            try await sql.raw("CREATE INDEX directory_resources_search ON directory_resources USING gin (search)").run()
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" {
            try await sql.raw("DROP TABLE IF EXISTS directory_search").run()
        }
        for table in [
            "directory_versions", "directory_sites", "directory_resource_terms", "directory_resources",
            "directory_organisations", "directory_terms", "directory_taxonomies",
        ] {
            try await database.schema(table).delete()
        }
    }
}
