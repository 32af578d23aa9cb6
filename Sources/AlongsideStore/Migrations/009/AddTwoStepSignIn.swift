import FluentKit
import FluentSQL
import SQLKit

/// Two-step sign-in: each account's one-time-code secret, the last code used (a code works once), and
/// its recovery codes (hashed); a council can require it for everyone.
struct AddTwoStepSignIn: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("staff").field("totp_secret", .string).update()
        try await database.schema("staff").field("totp_last_counter", .int64).update()
        try await database.schema("staff").field("recovery_codes", .string).update()
        try await database.schema("councils").field("require_two_step", .bool, .required, .sql(.default(false)))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("councils").deleteField("require_two_step").update()
        try await database.schema("staff").deleteField("recovery_codes").update()
        try await database.schema("staff").deleteField("totp_last_counter").update()
        try await database.schema("staff").deleteField("totp_secret").update()
    }
}
