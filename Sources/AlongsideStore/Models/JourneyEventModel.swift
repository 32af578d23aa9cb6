import AlongsideCore
import FluentKit
import Foundation

/// A stage change or a change of coordinator.
final class JourneyEventModel: Model, @unchecked Sendable {
    static let schema = "journey_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "kind") var kind: String
    @OptionalField(key: "from_value") var fromValue: String?
    @OptionalField(key: "to_value") var toValue: String?
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "staff_id") var staffID: UUID?
    @Field(key: "at") var at: Date

    init() {}

    init(
        councilID: UUID, personID: UUID, kind: String, from: String?, to: String?, reason: String?, staffID: UUID?,
        at: Date
    ) {
        self.councilID = councilID
        self.personID = personID
        self.kind = kind
        self.fromValue = from
        self.toValue = to
        self.reason = reason
        self.staffID = staffID
        self.at = at
    }
}
