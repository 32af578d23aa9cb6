import FluentKit

struct CreateStep: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("steps")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("what", .string, .required)
            .field("who", .string, .required)
            .field("due_on", .string)
            .field("done_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("steps").delete()
    }
}
