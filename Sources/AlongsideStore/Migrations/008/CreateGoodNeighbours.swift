import FluentKit

/// Good Neighbours: volunteers (each kept whole as JSON with their checks), the check reminders sent,
/// and requests for help.
struct CreateGoodNeighbours: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("volunteers")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("name", .string, .required)
            .field("active", .bool, .required)
            .field("document", .string, .required)
            .field("added_at", .datetime, .required)
            .create()
        try await database.schema("check_reminders")
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("check_id", .uuid, .required)
            .field("days", .int, .required)
            .field("sent_at", .datetime, .required)
            .compositeIdentifier(over: "check_id", "days")
            .create()
        try await database.schema("help_requests")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("status", .string, .required)
            .field("volunteer_id", .uuid)
            .field("created_at", .datetime, .required)
            .field("created_by_id", .uuid, .references("staff", "id"))
            .field("document", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("help_requests").delete()
        try await database.schema("check_reminders").delete()
        try await database.schema("volunteers").delete()
    }
}
