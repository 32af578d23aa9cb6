import FluentKit
import Foundation

/// A sign-in attempt, good or bad, kept for throttling. Holds the email as typed (lower-cased) and
/// the address it came from; old rows are pruned.
final class SignInAttemptModel: Model, @unchecked Sendable {
    static let schema = "sign_in_attempts"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "address") var address: String
    @Field(key: "succeeded") var succeeded: Bool
    @Field(key: "attempted_at") var attemptedAt: Date
    /// `password` or `code` (`AccessStore.AttemptKind`).
    @Field(key: "kind") var kind: String

    init() {}

    init(email: String, address: String, succeeded: Bool, attemptedAt: Date, kind: String) {
        self.email = email
        self.address = address
        self.succeeded = succeeded
        self.attemptedAt = attemptedAt
        self.kind = kind
    }
}
