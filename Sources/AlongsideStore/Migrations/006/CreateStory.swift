import FluentKit

struct CreateStory: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("stories")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("consent_wording", .string, .required)
            .field("status", .string, .required)
            .field("written_by_id", .uuid, .references("staff", "id"))
            .field("written_at", .datetime, .required)
            .field("approved_by_id", .uuid, .references("staff", "id"))
            .field("approved_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("stories").delete()
    }
}
