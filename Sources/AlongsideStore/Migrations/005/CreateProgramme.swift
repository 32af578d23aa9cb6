import FluentKit

struct CreateProgramme: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("programmes")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("name", .string, .required)
            .field("funder", .string, .required)
            .field("purpose", .string, .required)
            .field("cohort", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("extended_to", .string)
            .field("budget_pence", .int64, .required)
            .field("extra_coordinators", .int, .required)
            .create()
        try await database.schema("programme_members")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("programme_id", .uuid, .required, .references("programmes", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("joined_on", .string, .required)
            .unique(on: "programme_id", "person_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("programme_members").delete()
        try await database.schema("programmes").delete()
    }
}
