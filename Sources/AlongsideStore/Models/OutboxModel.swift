import AlongsideCore
import FluentKit
import Foundation
import SQLKit

final class OutboxModel: Model, @unchecked Sendable {
    static let schema = "outbox"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @OptionalField(key: "staff_id") var staffID: UUID?
    @Field(key: "to_address") var toAddress: String
    @Field(key: "notice") var notice: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "send_after") var sendAfter: Date
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "claimed_until") var claimedUntil: Date?
    @OptionalField(key: "sent_at") var sentAt: Date?

    init() {}
}
