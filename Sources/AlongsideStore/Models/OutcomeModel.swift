import AlongsideCore
import FluentKit
import Foundation

final class OutcomeModel: Model, @unchecked Sendable {
    static let schema = "outcomes"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "happened_on") var happenedOn: String
    @Field(key: "otherwise") var otherwise: String
    @Field(key: "confidence") var confidence: String
    @OptionalField(key: "recorded_by_id") var recordedByID: UUID?
    @Field(key: "created_at") var createdAt: Date
    /// Set when the entry was struck out: it leaves the record's lists and every count.
    @OptionalField(key: "struck_at") var struckAt: Date?

    init() {}
}
