import FluentKit

struct CreateWard: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("wards")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .unique(on: "council_id", "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("wards").delete()
    }
}
