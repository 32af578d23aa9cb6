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
