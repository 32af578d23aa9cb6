import FluentKit

struct CreatePerson: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("people")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("full_name", .string, .required)
            .field("name_key", .string, .required)
            .field("preferred_name", .string, .required)
            .field("date_of_birth", .string)
            .field("age_band", .string)
            .field("phone", .string, .required)
            .field("phone_digits", .string, .required)
            .field("email", .string, .required)
            .field("contact_preference", .string)
            .field("address", .string, .required)
            .field("postcode", .string, .required)
            .field("ward_id", .uuid, .references("wards", "id"))
            .field("household", .string, .required)
            .field("own_words", .string, .required)
            .field("categories", .string, .required)
            .field("level", .int, .required)
            .field("stage", .string, .required)
            .field("end_reason", .string)
            .field("coordinator_id", .uuid, .references("staff", "id"))
            .field("queue_reason", .string)
            .field("created_at", .datetime, .required)
            .field("last_contact_at", .datetime)
            .field("next_step_due", .string)
            .field("merged_into_id", .uuid)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("people").delete()
    }
}
