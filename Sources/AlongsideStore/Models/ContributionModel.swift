import AlongsideCore
import FluentKit
import Foundation

final class ContributionModel: Model, @unchecked Sendable {
    static let schema = "contributions"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "what") var what: String
    @Field(key: "started_on") var startedOn: String
    @OptionalField(key: "added_by_id") var addedByID: UUID?
    @Field(key: "added_at") var addedAt: Date
    /// Set when the entry was struck out: it leaves the record's lists and every count.
    @OptionalField(key: "struck_at") var struckAt: Date?

    init() {}
}
