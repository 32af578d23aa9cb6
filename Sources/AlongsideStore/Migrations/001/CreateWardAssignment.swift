import FluentKit

struct CreateWardAssignment: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("ward_assignments")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("ward_id", .uuid, .required, .references("wards", "id"))
            .field("coordinator_id", .uuid, .required, .references("staff", "id"))
            .field("assigned_by_id", .uuid, .references("staff", "id"))
            .field("started_at", .datetime, .required)
            .field("ended_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("ward_assignments").delete()
    }
}
