import Foundation

/// A change to something already recorded: who changed what, when, from what to what, and why. The
/// earlier version is kept here; an entry struck out stays too, with its reason, and leaves every count.
public struct Correction: Sendable, Equatable, Codable {
    public typealias ID = Identifier<Correction>

    /// What was corrected.
    public enum Entry: String, Codable, Sendable {
        case details, conversation, step
        case personInLife = "person-in-life"
        case connection, contribution, measure, outcome, story
        case helpRequest = "help-request"

        public var label: String {
            switch self {
            case .details: return Wording.current("people.correction.entry.details")
            case .conversation: return Wording.current("people.correction.entry.conversation")
            case .step: return Wording.current("people.correction.entry.step")
            case .personInLife: return Wording.current("people.correction.entry.person-in-life")
            case .connection: return Wording.current("people.correction.entry.connection")
            case .contribution: return Wording.current("people.correction.entry.contribution")
            case .measure: return Wording.current("people.correction.entry.measure")
            case .outcome: return Wording.current("people.correction.entry.outcome")
            case .story: return Wording.current("people.correction.entry.story")
            case .helpRequest: return Wording.current("people.correction.entry.help-request")
            }
        }
    }

    /// One field, before and after, as shown (codes worded when shown, never stored as sentences).
    public struct Change: Sendable, Equatable, Codable {
        public let field: String
        public let from: String
        public let to: String

        public init(field: String, from: String, to: String) {
            self.field = field
            self.from = from
            self.to = to
        }
    }

    public let id: ID
    public let personID: Person.ID
    public let entry: Entry
    public let entryID: UUID
    public let changes: [Change]
    public let reason: String
    /// Struck out rather than changed.
    public let struck: Bool
    public let byID: StaffMember.ID?
    public let at: Date

    public init(
        id: ID, personID: Person.ID, entry: Entry, entryID: UUID, changes: [Change], reason: String, struck: Bool,
        byID: StaffMember.ID?, at: Date
    ) {
        self.id = id
        self.personID = personID
        self.entry = entry
        self.entryID = entryID
        self.changes = changes
        self.reason = reason
        self.struck = struck
        self.byID = byID
        self.at = at
    }

    /// A correction of anything recorded more than a day ago asks for a short reason.
    public static func needsReason(recordedAt: Date, now: Date) -> Bool {
        now.timeIntervalSince(recordedAt) > 24 * 60 * 60
    }

    /// The longest reason kept.
    public static let reasonLimit = 500

    /// The reason as given, trimmed; a problem when one is needed and missing, or too long.
    public static func checkedReason(_ reason: String, required: Bool) throws -> String {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if required && reason.isEmpty {
            throw CorrectionProblem.reasonMissing
        }
        if reason.count > reasonLimit {
            throw CorrectionProblem.reasonTooLong
        }
        return reason
    }

    /// The differences between two sets of shown values, field by field, in the order of `fields`.
    public static func changes(_ fields: [String], before: [String: String], after: [String: String]) -> [Change] {
        fields.compactMap { field in
            let (from, to) = (before[field] ?? "", after[field] ?? "")
            return from == to ? nil : Change(field: field, from: from, to: to)
        }
    }

    /// The label of a field a correction names.
    public static func fieldLabel(_ field: String) -> String {
        if let detail = PersonMerge.Field(rawValue: field) { return detail.label }
        switch field {
        case "postcode": return Wording.current("people.correction.field.postcode")
        case "categories": return Wording.current("people.correction.field.categories")
        case "happenedOn": return Wording.current("people.correction.field.date")
        case "minutes": return Wording.current("people.correction.field.minutes")
        case "place": return Wording.current("people.correction.field.place")
        case "whoWasThere": return Wording.current("people.correction.field.who-was-there")
        case "notes": return Wording.current("people.correction.field.notes")
        case "what": return Wording.current("people.correction.field.what")
        case "who": return Wording.current("people.correction.field.who")
        case "dueOn": return Wording.current("people.correction.field.due-on")
        case "name": return Wording.current("people.correction.field.name")
        case "kind": return Wording.current("people.correction.field.kind")
        case "closeness": return Wording.current("people.correction.field.closeness")
        case "note": return Wording.current("people.correction.field.note")
        case "startedOn": return Wording.current("people.correction.field.started-on")
        case "takenOn": return Wording.current("people.correction.field.taken-on")
        case "answers": return Wording.current("people.correction.field.answers")
        case "otherwise": return Wording.current("people.correction.field.otherwise")
        case "confidence": return Wording.current("people.correction.field.confidence")
        case "title": return Wording.current("people.correction.field.title")
        case "body": return Wording.current("people.correction.field.body")
        case "details": return Wording.current("people.correction.field.details")
        case "neededOn": return Wording.current("people.correction.field.needed-on")
        default: return field
        }
    }
}

/// Someone else changed a record after the form was opened: nothing was written, and here is what they
/// changed, so the coordinator can look and save again.
public struct RecordChanged: Error, Sendable, Equatable {
    /// The record's version now, which a second try sends.
    public let currentVersion: Int
    /// What was changed since the form's version, oldest first (empty when the record moved on in a way
    /// the log does not hold, such as a stage change).
    public let corrections: [Correction]

    public init(currentVersion: Int, corrections: [Correction]) {
        self.currentVersion = currentVersion
        self.corrections = corrections
    }
}

extension Correction {
    /// A corrected conversation's values checked: its day as yyyy-MM-dd, or every problem at once (a day that
    /// cannot be read or is after tomorrow, a length out of range, texts that do not fit).
    public static func checkedConversation(
        happenedOn: String, minutes: Int?, whoWasThere: String, notes: String, at now: Date
    ) throws(AlongsideValidation) -> String {
        var problems: [CorrectionProblem] = []
        let day = Person.isoDate(happenedOn)
        if let day {
            if (ISODay.date(day) ?? now) > now.addingTimeInterval(24 * 60 * 60) { problems.append(.dayInFuture) }
        } else {
            problems.append(.dayUnreadable)
        }
        if let minutes, !(0...1440).contains(minutes) { problems.append(.minutesOutOfRange) }
        if whoWasThere.count > 300 { problems.append(.whoWasThereTooLong) }
        if notes.count > 20_000 { problems.append(.notesTooLong) }
        guard let day, problems.isEmpty else { throw AlongsideValidation(problems: problems) }
        return day
    }
}
