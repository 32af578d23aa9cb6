import FluentKit

struct CreateStaff: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("staff")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("password_hash", .string, .required)
            .field("active", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "email")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("staff").delete()
    }
}
