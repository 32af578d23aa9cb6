import FluentKit
import FluentSQL
import SQLKit

/// What a sign-in attempt tried: a `password` or a two-step `code`. Wrong codes are counted per member on
/// their own, and a right password no longer clears them, so codes cannot be guessed between passwords.
struct UpdateSignInAttemptAddKind: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sign_in_attempts")
            .field("kind", .string, .required, .sql(.default("password")))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sign_in_attempts").deleteField("kind").update()
    }
}
