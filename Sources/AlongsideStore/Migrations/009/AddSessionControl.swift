import FluentKit
import FluentSQL
import SQLKit

/// "Sign out everywhere" (sessions and tokens from before this moment stop working) and API token scopes.
struct AddSessionControl: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("staff").field("sessions_valid_from", .datetime).update()
        try await database.schema("api_tokens").field("scope", .string, .required, .sql(.default("read-write")))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("api_tokens").deleteField("scope").update()
        try await database.schema("staff").deleteField("sessions_valid_from").update()
    }
}
