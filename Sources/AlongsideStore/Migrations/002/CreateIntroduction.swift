import FluentKit

struct CreateIntroduction: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("introductions")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("source", .string, .required)
            .field("introducer_name", .string, .required)
            .field("introducer_contact", .string, .required)
            .field("what_matters", .string, .required)
            .field("received_at", .datetime, .required)
            .field("via_public_page", .bool, .required)
            .field("route_note", .string, .required)
            .field("recorded_by_id", .uuid, .references("staff", "id"))
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("introductions").delete()
    }
}
