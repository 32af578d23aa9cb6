import FluentKit
import FluentSQL
import SQLKit

/// The Network: a council's choice to share its figures, what it invests a year (for the SROI ratio the
/// Network compares), and the practice library every council reads.
struct CreateNetwork: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("councils")
            .field("share_with_network", .bool, .required, .sql(.default(false)))
            .update()
        try await database.schema("councils").field("annual_investment_pence", .int64).update()
        try await database.schema("practice_items")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("themes", .string, .required)
            .field("event_on", .string)
            .field("event_place", .string)
            .field("source_story_id", .uuid)
            .field("published_by_id", .uuid, .references("staff", "id"))
            .field("published_at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "practice_items_council").on("practice_items").column("council_id")
            .column("published_at").run()
        try await sql.create(index: "practice_items_published").on("practice_items").column("published_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("practice_items").delete()
        try await database.schema("councils").deleteField("annual_investment_pence").update()
        try await database.schema("councils").deleteField("share_with_network").update()
    }
}
