import AlongsideCore
import FluentKit
import Foundation

final class CommunityWorkModel: Model, @unchecked Sendable {
    static let schema = "community_work"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "ward_id") var wardID: UUID
    @Field(key: "staff_id") var staffID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "happened_on") var happenedOn: String
    @OptionalField(key: "minutes") var minutes: Int?
    @Field(key: "notes") var notes: String
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}
}
