import AlongsideCore
import FluentKit
import Foundation

final class IntroductionModel: Model, @unchecked Sendable {
    static let schema = "introductions"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "source") var source: String
    @Field(key: "introducer_name") var introducerName: String
    @Field(key: "introducer_contact") var introducerContact: String
    @Field(key: "what_matters") var whatMatters: String
    @Field(key: "received_at") var receivedAt: Date
    @Field(key: "via_public_page") var viaPublicPage: Bool
    @Field(key: "route_note") var routeNote: String
    @OptionalField(key: "recorded_by_id") var recordedByID: UUID?

    init() {}
}

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

final class ConversationModel: Model, @unchecked Sendable {
    static let schema = "conversations"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "staff_id") var staffID: UUID
    @Field(key: "happened_on") var happenedOn: String
    @OptionalField(key: "minutes") var minutes: Int?
    @Field(key: "place") var place: String
    @Field(key: "who_was_there") var whoWasThere: String
    @Field(key: "notes") var notes: String
    @Field(key: "level") var level: Int
    @Field(key: "about") var about: String
    @Field(key: "shared") var shared: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "version") var version: Int
    @OptionalField(key: "struck_at") var struckAt: Date?
    @OptionalField(key: "struck_reason") var struckReason: String?
    @OptionalField(key: "struck_by_id") var struckByID: UUID?

    init() {}
}

final class GoodLifeModel: Model, @unchecked Sendable {
    static let schema = "good_lives"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "vision") var vision: String
    @Field(key: "strengths") var strengths: String
    @Field(key: "gifts_and_interests") var giftsAndInterests: String
    @Field(key: "what_matters") var whatMatters: String
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "updated_by_id") var updatedByID: UUID?

    init() {}
}

final class StepModel: Model, @unchecked Sendable {
    static let schema = "steps"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "what") var what: String
    @Field(key: "who") var who: String
    @OptionalField(key: "due_on") var dueOn: String?
    @OptionalField(key: "done_at") var doneAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    func step() throws -> Step {
        Step(id: .init(try requireID()), personID: .init(personID), what: what, who: who, dueOn: dueOn, doneAt: doneAt)
    }
}

final class PersonInLifeModel: Model, @unchecked Sendable {
    static let schema = "people_in_life"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @Field(key: "closeness") var closeness: Int
    @Field(key: "note") var note: String
    @Field(key: "added_at") var addedAt: Date

    init() {}

    func personInLife() throws -> PersonInLife {
        PersonInLife(
            id: .init(try requireID()), personID: .init(personID), name: name,
            kind: PersonInLife.Kind(rawValue: kind) ?? .friend,
            closeness: PersonInLife.Closeness(rawValue: closeness) ?? .inBetween, note: note, addedAt: addedAt)
    }
}

final class AuditEntryModel: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @OptionalField(key: "staff_id") var staffID: UUID?
    @OptionalField(key: "person_id") var personID: UUID?
    @Field(key: "action") var action: String
    @Field(key: "detail") var detail: String
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "address") var address: String?
    @Field(key: "at") var at: Date

    init() {}
}
