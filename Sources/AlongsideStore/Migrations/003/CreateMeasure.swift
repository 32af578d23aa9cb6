import FluentKit

struct CreateMeasure: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("measures")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("kind", .string, .required)
            .field("taken_on", .string, .required)
            .field("answers", .string, .required)
            .field("declined", .bool, .required)
            .field("recorded_by_id", .uuid, .references("staff", "id"))
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("measures").delete()
    }
}
