import FluentKit
import FluentSQL
import SQLKit

/// A volunteer's version, so two people changing one volunteer at once (an edit, a check added, a rest)
/// cannot overwrite each other.
struct UpdateVolunteerAddVersion: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("volunteers").field("version", .int, .required, .sql(.default(0))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("volunteers").deleteField("version").update()
    }
}
