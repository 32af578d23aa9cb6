import FluentKit

/// Postcodes keep their centroid (ONS `lat`/`long`) when the directory file has it, for "near me" searches.
struct UpdatePostcodeAddPlace: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("postcodes").field("latitude", .double).update()
        try await database.schema("postcodes").field("longitude", .double).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("postcodes").deleteField("latitude").update()
        try await database.schema("postcodes").deleteField("longitude").update()
    }
}
