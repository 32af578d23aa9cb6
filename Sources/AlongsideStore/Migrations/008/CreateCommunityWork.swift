import FluentKit

struct CreateCommunityWork: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("community_work")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("ward_id", .uuid, .required, .references("wards", "id"))
            .field("staff_id", .uuid, .required, .references("staff", "id"))
            .field("kind", .string, .required)
            .field("happened_on", .string, .required)
            .field("minutes", .int)
            .field("notes", .string, .required)
            .field("recorded_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("community_work").delete()
    }
}
