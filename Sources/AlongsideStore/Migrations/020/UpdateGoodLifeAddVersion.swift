import FluentKit
import FluentSQL
import SQLKit

/// A good-life vision's version, so two people saving it at once cannot overwrite each other.
struct UpdateGoodLifeAddVersion: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("good_lives").field("version", .int, .required, .sql(.default(0))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("good_lives").deleteField("version").update()
    }
}
