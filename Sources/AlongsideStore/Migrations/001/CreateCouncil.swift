import FluentKit

struct CreateCouncil: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("councils")
            .id()
            .field("slug", .string, .required)
            .field("name", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "slug")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("councils").delete()
    }
}
