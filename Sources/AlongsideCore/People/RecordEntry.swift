import Foundation

/// The entries on a person's record that can be corrected field by field or struck out with a reason
/// (conversations have their own form). Each says which fields a correction may change and what each
/// field takes, so a page, the API and the store check a correction alike.
public struct RecordEntry: Sendable {
    /// What a field takes.
    public enum Kind: Sendable, Equatable {
        /// Text of at most `limit` characters; `required` ones cannot be emptied.
        case text(limit: Int, required: Bool)
        /// A day (typed day/month/year or yyyy-MM-dd); `future` days allowed only where said.
        case day(required: Bool, future: Bool)
        /// One of the codes offered.
        case choice([String])
        /// A whole number in a range.
        case whole(ClosedRange<Int>)
        /// A wellbeing reading's answers in question order, separated by commas or spaces, checked against
        /// the measure the reading is of (its `kind`, read alongside).
        case answers
    }

    public struct Field: Sendable {
        public let name: String
        public let kind: Kind

        public var label: String { Correction.fieldLabel(name) }

    }

    public let entry: Correction.Entry
    public let fields: [Field]

    /// The words for one of a choice's codes, in the reader's language.
    public func optionLabel(_ field: Field, _ code: String) -> String {
        switch (entry, field.name) {
        case (.personInLife, "kind"): return PersonInLife.Kind(rawValue: code)?.label ?? code
        case (.personInLife, "closeness"):
            return Int(code).flatMap(PersonInLife.Closeness.init(rawValue:))?.label ?? code
        case (.contribution, "kind"): return Contribution.Kind(rawValue: code)?.label ?? code
        case (.outcome, "confidence"): return RecordedOutcome.Confidence(rawValue: code)?.label ?? code
        default: return code
        }
    }

    /// The codes a field offers (a whole number's range as codes too).
    public func options(_ field: Field) -> [String] {
        switch field.kind {
        case .choice(let codes): return codes
        case .whole(let range): return range.map(String.init)
        default: return []
        }
    }

    public static func of(_ entry: Correction.Entry) -> RecordEntry? {
        all.first { $0.entry == entry }
    }

    public static let all: [RecordEntry] = [
        RecordEntry(
            entry: .step,
            fields: [
                Field(name: "what", kind: .text(limit: 500, required: true)),
                Field(name: "who", kind: .text(limit: 200, required: false)),
                Field(name: "dueOn", kind: .day(required: false, future: true)),
            ]),
        RecordEntry(
            entry: .personInLife,
            fields: [
                Field(name: "name", kind: .text(limit: 160, required: true)),
                Field(name: "kind", kind: .choice(PersonInLife.Kind.allCases.map(\.rawValue))),
                Field(name: "closeness", kind: .whole(1...3)),
                Field(name: "note", kind: .text(limit: 500, required: false)),
            ]),
        RecordEntry(
            entry: .connection,
            fields: [
                Field(name: "name", kind: .text(limit: 160, required: true)),
                Field(name: "startedOn", kind: .day(required: true, future: false)),
                Field(name: "note", kind: .text(limit: 500, required: false)),
            ]),
        RecordEntry(
            entry: .contribution,
            fields: [
                Field(name: "kind", kind: .choice(Contribution.Kind.allCases.map(\.rawValue))),
                Field(name: "what", kind: .text(limit: 500, required: true)),
                Field(name: "startedOn", kind: .day(required: true, future: false)),
            ]),
        RecordEntry(
            entry: .measure,
            fields: [
                Field(name: "takenOn", kind: .day(required: true, future: false)),
                Field(name: "answers", kind: .answers),
            ]),
        RecordEntry(
            entry: .outcome,
            fields: [
                Field(name: "happenedOn", kind: .day(required: true, future: false)),
                Field(name: "otherwise", kind: .text(limit: 1_000, required: false)),
                Field(name: "confidence", kind: .choice(RecordedOutcome.Confidence.allCases.map(\.rawValue))),
            ]),
    ]

    /// A reading's answers in their stored form ("4,3,5"), or nil when they do not fit the measure (a declined
    /// reading, with no answers, takes none: it is struck out and taken again).
    static func checkedAnswers(_ typed: String, current: [String: String]) -> String? {
        guard let kind = current["kind"].flatMap(MeasureKind.init(rawValue:)), !(current["answers"] ?? "").isEmpty
        else { return nil }
        let parts = typed.split(whereSeparator: { $0 == "," || $0 == " " })
        let answers = parts.compactMap { Int($0) }
        guard parts.count == answers.count,
            (try? MeasureReading.validate(kind: kind, answers: answers, declined: false)) != nil
        else { return nil }
        return answers.map(String.init).joined(separator: ",")
    }

    /// The values of a correction as they will be stored: each given field checked and put in its stored
    /// form (a day as yyyy-MM-dd); fields not given keep `current`. Every problem at once.
    public func checked(_ given: [String: String], current: [String: String], today: String) throws -> [String: String]
    {
        var result = current
        var problems: [any DomainProblem] = []
        for field in fields {
            guard let raw = given[field.name] else { continue }
            let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            func problem(_ found: (String) -> CorrectionProblem) { problems.append(found(field.name)) }
            switch field.kind {
            case .text(let limit, let required):
                if required && value.isEmpty {
                    problem(CorrectionProblem.entryMissing)
                } else if value.count > limit || value.unicodeScalars.contains(where: { $0.value == 0 }) {
                    problem(CorrectionProblem.entryTooLong)
                } else {
                    result[field.name] = value
                }
            case .day(let required, let future):
                if value.isEmpty {
                    if required {
                        problem(CorrectionProblem.entryMissing)
                    } else {
                        result[field.name] = ""
                    }
                } else if let day = Person.isoDate(value) {
                    if !future && day > today {
                        problem(CorrectionProblem.entryDayInFuture)
                    } else {
                        result[field.name] = day
                    }
                } else {
                    problem(CorrectionProblem.entryDayUnreadable)
                }
            case .choice(let codes):
                if codes.contains(value) {
                    result[field.name] = value
                } else {
                    problem(CorrectionProblem.entryNotOnTheList)
                }
            case .whole(let range):
                if let number = Int(value), range.contains(number) {
                    result[field.name] = String(number)
                } else {
                    problem(CorrectionProblem.entryNotOnTheList)
                }
            case .answers:
                if let stored = Self.checkedAnswers(value, current: current) {
                    result[field.name] = stored
                } else if (current[field.name] ?? "").isEmpty {
                    problem(CorrectionProblem.declinedHasNoAnswers)
                } else {
                    let count = current["kind"].flatMap(MeasureKind.init(rawValue:))?.answerCount ?? 0
                    problem { CorrectionProblem.answersUnusable(field: $0, count: count) }
                }
            }
        }
        if entry == .outcome, let kind = current["kind"].flatMap(RecordedOutcome.Kind.init(rawValue:)),
            kind.isAvoidedEvent, (result["otherwise"] ?? "").isEmpty,
            !problems.contains(where: { $0.field == "otherwise" })
        {
            problems.append(
                CorrectionProblem.otherwiseMissing)
        }
        if !problems.isEmpty { throw AlongsideValidation(problems: problems) }
        return result
    }
}
