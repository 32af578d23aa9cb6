import FluentKit
import FluentSQL

/// How long without contact before a person is flagged on the caseload; each council sets its own.
struct UpdateCouncilAddNoContactDays: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("councils").field("no_contact_days", .int, .required, .sql(.default(28))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("councils").deleteField("no_contact_days").update()
    }
}
