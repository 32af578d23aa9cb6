import FluentKit
import FluentSQL
import SQLKit

/// Languages: which a council offers (English only, or Welsh and English), the council's own reviewed
/// wording for the string catalog, and the language a person prefers to be contacted in.
struct AddLanguages: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("councils")
            .field("languages", .string, .required, .sql(.default("en")))
            .update()
        try await database.schema("councils")
            .field("wording_version", .int, .required, .sql(.default(0)))
            .update()
        try await database.schema("people").field("preferred_language", .string).update()
        try await database.schema("council_wording")
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("language", .string, .required)
            .field("key", .string, .required)
            .field("text", .string, .required)
            .field("updated_by_id", .uuid, .references("staff", "id"))
            .field("updated_at", .datetime, .required)
            .unique(on: "council_id", "language", "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("council_wording").delete()
        try await database.schema("people").deleteField("preferred_language").update()
        try await database.schema("councils").deleteField("wording_version").update()
        try await database.schema("councils").deleteField("languages").update()
    }
}
