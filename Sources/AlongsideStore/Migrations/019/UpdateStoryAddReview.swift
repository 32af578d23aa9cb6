import FluentKit

/// A team leader's note when a story is sent back to be changed, or not used.
struct UpdateStoryAddReview: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("stories").field("review_note", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("stories").deleteField("review_note").update()
    }
}
