import FluentKit

struct CreatePostcode: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("postcodes")
            .field("postcode", .string, .identifier(auto: false))
            .field("ward_code", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("postcodes").delete()
    }
}
