import Foundation

/// Two records of one person made one: the rules of what the kept record ends up holding. Which rows
/// move is the store's business; what the person's own fields become is decided here.
public enum PersonMerge {
    /// A merge can be undone by a team leader for this long.
    public static let undoWindow: TimeInterval = 30 * 24 * 60 * 60

    /// The details a coordinator chooses between, field by field. Where they live is one choice (address,
    /// postcode and the ward it routes to go together).
    public enum Field: String, CaseIterable, Codable, Sendable {
        case fullName
        case preferredName
        case dateOfBirth
        case phone
        case email
        case address
        case contactPreference
        case preferredLanguage
        case household
        case ownWords

        public var label: String {
            switch self {
            case .fullName: return Wording.current("people.merge.field.full-name")
            case .preferredName: return Wording.current("people.merge.field.preferred-name")
            case .dateOfBirth: return Wording.current("people.merge.field.date-of-birth")
            case .phone: return Wording.current("people.merge.field.phone")
            case .email: return Wording.current("people.merge.field.email")
            case .address: return Wording.current("people.merge.field.address")
            case .contactPreference: return Wording.current("people.merge.field.contact-preference")
            case .preferredLanguage: return Wording.current("people.merge.field.preferred-language")
            case .household: return Wording.current("people.merge.field.household")
            case .ownWords: return Wording.current("people.merge.field.own-words")
            }
        }

        /// The field's value on `person`, as shown side by side ("" when empty).
        public func shown(on person: Person) -> String {
            switch self {
            case .fullName: return person.fullName
            case .preferredName: return person.preferredName
            case .dateOfBirth: return person.dateOfBirth ?? ""
            case .phone: return person.phone
            case .email: return person.email
            case .address:
                return [person.address, person.postcode].filter { !$0.isEmpty }.joined(separator: ", ")
            case .contactPreference: return person.contactPreference?.label ?? ""
            case .preferredLanguage: return person.preferredLanguage?.nativeName ?? ""
            case .household: return person.household
            case .ownWords: return person.ownWords
            }
        }

        /// Copies this field from `source` onto `target`.
        func copy(from source: Person, to target: inout Person) {
            switch self {
            case .fullName: target.fullName = source.fullName
            case .preferredName: target.preferredName = source.preferredName
            case .dateOfBirth:
                target.dateOfBirth = source.dateOfBirth
                target.ageBand = source.ageBand
            case .phone: target.phone = source.phone
            case .email: target.email = source.email
            case .address:
                target.address = source.address
                target.postcode = source.postcode
                target.wardID = source.wardID
            case .contactPreference: target.contactPreference = source.contactPreference
            case .preferredLanguage: target.preferredLanguage = source.preferredLanguage
            case .household: target.household = source.household
            case .ownWords: target.ownWords = source.ownWords
            }
        }
    }

    /// The field choices a form or an API request names, or the first name it does not know.
    public static func fields(named names: [String]) -> (fields: Set<Field>, unknown: String?) {
        var chosen: Set<Field> = []
        for name in names {
            guard let field = Field(rawValue: name) else { return ([], name) }
            chosen.insert(field)
        }
        return (chosen, nil)
    }

    /// The fields whose value would be taken from `other` when nobody chooses: those empty on `kept`.
    public static func defaultTaken(kept: Person, other: Person) -> Set<Field> {
        Set(Field.allCases.filter { $0.shown(on: kept).isEmpty && !$0.shown(on: other).isEmpty })
    }

    /// The kept record after the merge: the fields named in `taking` from `other` (an empty value never
    /// replaces one), anything empty on the kept record filled from `other` (nothing is lost for want of a tick), every label of both, the
    /// latest contact, and the more advanced stage with its level. The coordinator is the kept record's,
    /// or the other's when the kept record has none.
    public static func combined(kept: Person, other: Person, taking: Set<Field>) -> Person {
        var result = kept
        for field in Field.allCases
        where (taking.contains(field) || field.shown(on: kept).isEmpty) && !field.shown(on: other).isEmpty {
            field.copy(from: other, to: &result)
        }
        result.categories = Array(Set(kept.categories + other.categories)).sorted { $0.rawValue < $1.rawValue }
        if let otherContact = other.lastContactAt, kept.lastContactAt.map({ otherContact > $0 }) ?? true {
            result.lastContactAt = otherContact
        }
        if moreAdvanced(other.stage, than: kept.stage) {
            result.stage = other.stage
            result.endReason = other.endReason
            result.level = other.level
        } else if other.stage == kept.stage && other.level == .two {
            result.level = .two
        }
        if result.coordinatorID == nil {
            result.coordinatorID = other.coordinatorID
            if other.coordinatorID != nil { result.queueReason = nil }
        }
        if let dueOther = other.nextStepDue, result.nextStepDue.map({ dueOther < $0 }) ?? true {
            result.nextStepDue = dueOther
        }
        return result
    }

    /// Whether `stage` is further along the journey than `other`: any active stage is ahead of an ended
    /// relationship (the person is being walked alongside now), and among active stages the later one.
    public static func moreAdvanced(_ stage: JourneyStage, than other: JourneyStage) -> Bool {
        func rank(_ stage: JourneyStage) -> Int {
            switch stage {
            case .ended: return 0
            case .introduced: return 1
            case .gettingToKnow: return 2
            case .walkingAlongside: return 3
            case .stayingConnected: return 4
            }
        }
        return rank(stage) > rank(other)
    }
}

extension PersonMerge {
    /// What a record holds, counted for the side-by-side page so nobody merges blind.
    public enum Part: String, CaseIterable, Codable, Sendable {
        case introductions, conversations, steps, peopleInLife, readings, outcomes, connections, contributions
        case helpRequests, programmes, stories, consents, vision

        public var label: String {
            switch self {
            case .introductions: return Wording.current("people.merge.part.introductions")
            case .conversations: return Wording.current("people.merge.part.conversations")
            case .steps: return Wording.current("people.merge.part.steps")
            case .peopleInLife: return Wording.current("people.merge.part.people-in-life")
            case .readings: return Wording.current("people.merge.part.readings")
            case .outcomes: return Wording.current("people.merge.part.outcomes")
            case .connections: return Wording.current("people.merge.part.connections")
            case .contributions: return Wording.current("people.merge.part.contributions")
            case .helpRequests: return Wording.current("people.merge.part.help-requests")
            case .programmes: return Wording.current("people.merge.part.programmes")
            case .stories: return Wording.current("people.merge.part.stories")
            case .consents: return Wording.current("people.merge.part.consents")
            case .vision: return Wording.current("people.merge.part.vision")
            }
        }
    }

    /// A merge as the record shows it: who merged which record in, when, and whether it was undone.
    public struct Record: Sendable, Equatable {
        public typealias ID = Identifier<Record>
        public let id: ID
        public let keptID: Person.ID
        public let mergedID: Person.ID
        public let mergedName: String
        public let byID: StaffMember.ID?
        public let at: Date
        public let undoneAt: Date?

        public init(
            id: ID, keptID: Person.ID, mergedID: Person.ID, mergedName: String, byID: StaffMember.ID?, at: Date,
            undoneAt: Date?
        ) {
            self.id = id
            self.keptID = keptID
            self.mergedID = mergedID
            self.mergedName = mergedName
            self.byID = byID
            self.at = at
            self.undoneAt = undoneAt
        }

        /// Whether a team leader may still undo it at `now`.
        public func canUndo(at now: Date) -> Bool {
            undoneAt == nil && now.timeIntervalSince(at) <= PersonMerge.undoWindow
        }
    }

    /// The kept record after an undo: each field the merge changed and nobody has changed since goes back to
    /// what it was before; a field changed after the merge keeps its newer value.
    public static func undone(current: Person, before: Person, after: Person) -> Person {
        var result = current
        for field in Field.allCases where field.shown(on: current) == field.shown(on: after) {
            field.copy(from: before, to: &result)
        }
        if current.categories == after.categories { result.categories = before.categories }
        if current.lastContactAt == after.lastContactAt { result.lastContactAt = before.lastContactAt }
        if current.stage == after.stage && current.level == after.level {
            result.stage = before.stage
            result.endReason = before.endReason
            result.level = before.level
        }
        if current.coordinatorID == after.coordinatorID {
            result.coordinatorID = before.coordinatorID
            result.queueReason = before.queueReason
        }
        return result
    }
}
