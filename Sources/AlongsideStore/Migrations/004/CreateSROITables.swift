import FluentKit

/// A council's own proxy values, and saved SROI reports.
struct CreateSROITables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("proxies")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("kind", .string, .required)
            .field("definition", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "council_id", "kind")
            .create()
        try await database.schema("sroi_reports")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("title", .string, .required)
            .field("scope", .string, .required)
            .field("model", .string, .required)
            .field("created_by_id", .uuid, .references("staff", "id"))
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sroi_reports").delete()
        try await database.schema("proxies").delete()
    }
}
