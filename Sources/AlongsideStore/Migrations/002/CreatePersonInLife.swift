import FluentKit

struct CreatePersonInLife: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("people_in_life")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("closeness", .int, .required)
            .field("note", .string, .required)
            .field("added_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("people_in_life").delete()
    }
}
