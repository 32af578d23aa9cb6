import FluentKit

struct CreateJourneyEvent: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("journey_events")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("kind", .string, .required)
            .field("from_value", .string)
            .field("to_value", .string)
            .field("reason", .string)
            .field("staff_id", .uuid, .references("staff", "id"))
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("journey_events").delete()
    }
}
