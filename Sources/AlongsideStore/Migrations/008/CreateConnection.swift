import FluentKit

struct CreateConnection: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("connections")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("kind", .string, .required)
            .field("resource_id", .uuid)
            .field("name", .string, .required)
            .field("started_on", .string, .required)
            .field("ended_on", .string)
            .field("lasting", .bool)
            .field("note", .string, .required)
            .field("added_by_id", .uuid, .references("staff", "id"))
            .field("added_at", .datetime, .required)
            .create()
        try await database.schema("contributions")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("kind", .string, .required)
            .field("what", .string, .required)
            .field("started_on", .string, .required)
            .field("added_by_id", .uuid, .references("staff", "id"))
            .field("added_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("contributions").delete()
        try await database.schema("connections").delete()
    }
}
