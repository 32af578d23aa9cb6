import FluentKit
import FluentSQL
import SQLKit

/// Erasure on people, retention periods on councils, and consent records.
struct AddPeoplesRights: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("people").field("erased_at", .datetime).update()
        try await database.schema("people").field("erasure_reason", .string).update()
        try await database.schema("councils").field("retention_level1_years", .int, .required, .sql(.default(2)))
            .update()
        try await database.schema("councils").field("retention_level2_years", .int, .required, .sql(.default(8)))
            .update()
        try await database.schema("consents")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("kind", .string, .required)
            .field("partner", .string)
            .field("wording", .string, .required)
            .field("given_on", .string, .required)
            .field("withdrawn_on", .string)
            .field("recorded_by_id", .uuid, .references("staff", "id"))
            .field("recorded_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("consents").delete()
        try await database.schema("councils").deleteField("retention_level2_years").update()
        try await database.schema("councils").deleteField("retention_level1_years").update()
        try await database.schema("people").deleteField("erasure_reason").update()
        try await database.schema("people").deleteField("erased_at").update()
    }
}
