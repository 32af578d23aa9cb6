import FluentKit
import FluentSQL
import SQLKit

/// A programme's version, so two people editing one programme at once cannot overwrite each other.
struct UpdateProgrammeAddVersion: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("programmes").field("version", .int, .required, .sql(.default(0))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("programmes").deleteField("version").update()
    }
}
