import FluentKit
import Foundation

/// An API token. Only a SHA-256 digest of the token is stored.
final class APITokenModel: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "staff_id") var staffID: UUID
    @Field(key: "token_digest") var tokenDigest: String
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "scope") var scope: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(councilID: UUID, staffID: UUID, tokenDigest: String, expiresAt: Date) {
        self.councilID = councilID
        self.staffID = staffID
        self.tokenDigest = tokenDigest
        self.expiresAt = expiresAt
        self.scope = "read-write"
    }
}

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

final class PublicSubmissionModel: Model, @unchecked Sendable {
    static let schema = "public_submissions"

    @ID(key: .id) var id: UUID?
    @Field(key: "address") var address: String
    @Field(key: "at") var at: Date

    init() {}
}
