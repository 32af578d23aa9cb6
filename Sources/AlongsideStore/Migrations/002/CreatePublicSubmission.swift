import FluentKit

/// When the public introduction page was used, by address, for its rate limit. Holds no personal data
/// beyond the address, and old rows are pruned.
struct CreatePublicSubmission: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("public_submissions")
            .id()
            .field("address", .string, .required)
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("public_submissions").delete()
    }
}
