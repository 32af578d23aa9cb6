import FluentKit

/// The day a member left a programme: its report counts only what happened while each member belonged.
struct UpdateProgrammeMemberAddLeftOn: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("programme_members").field("left_on", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("programme_members").deleteField("left_on").update()
    }
}
