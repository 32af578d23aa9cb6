import FluentKit

struct CreateGoodLife: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("good_lives")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("vision", .string, .required)
            .field("strengths", .string, .required)
            .field("gifts_and_interests", .string, .required)
            .field("what_matters", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by_id", .uuid, .references("staff", "id"))
            .unique(on: "person_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("good_lives").delete()
    }
}
