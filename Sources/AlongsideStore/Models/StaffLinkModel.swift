import AlongsideCore
import FluentKit
import Foundation
import SQLKit

final class StaffLinkModel: Model, @unchecked Sendable {
    static let schema = "staff_links"

    @ID(key: .id) var id: UUID?
    @Field(key: "staff_id") var staffID: UUID
    @Field(key: "purpose") var purpose: String
    @Field(key: "digest") var digest: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}
}
