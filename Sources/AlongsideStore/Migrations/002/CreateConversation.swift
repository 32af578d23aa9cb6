import FluentKit

struct CreateConversation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("conversations")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("staff_id", .uuid, .required, .references("staff", "id"))
            .field("happened_on", .string, .required)
            .field("minutes", .int)
            .field("place", .string, .required)
            .field("who_was_there", .string, .required)
            .field("notes", .string, .required)
            .field("level", .int, .required)
            .field("about", .string, .required)
            .field("shared", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("conversations").delete()
    }
}
