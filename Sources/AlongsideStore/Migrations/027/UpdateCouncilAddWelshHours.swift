import FluentKit
import FluentSQL
import SQLKit

/// The team's hours in Welsh (issue 27): the hours are a council's own words, so a council that offers Welsh
/// writes them in Welsh too, and a Welsh reader of the thank-you page sees those. Empty until set (the English
/// hours are shown meanwhile).
struct UpdateCouncilAddWelshHours: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("councils").field("public_hours_cy", .string, .required, .sql(.default("")))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("councils").deleteField("public_hours_cy").update()
    }
}
