import FluentKit
import SQLKit

/// The log of merges: which record was kept, which merged into it, by whom and when, and what moved (the
/// `document`), so a team leader can undo a merge for 30 days and every moved row goes back.
struct CreateMerge: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("merges")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("kept_id", .uuid, .required, .references("people", "id"))
            .field("merged_id", .uuid, .required, .references("people", "id"))
            .field("by_id", .uuid, .references("staff", "id"))
            .field("at", .datetime, .required)
            .field("undone_at", .datetime)
            .field("undone_by_id", .uuid, .references("staff", "id"))
            .field("document", .string, .required)
            .create()
        try await (database as? any SQLDatabase)?.create(index: "merges_kept").on("merges")
            .column("council_id").column("kept_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("merges").delete()
    }
}
