import Foundation

/// The kinds of wellbeing measure Alongside records.
public enum MeasureKind: String, CaseIterable, Codable, Sendable {
    case swemwbs, ons4, ucla3

    public var label: String {
        switch self {
        case .swemwbs: return Wording.current("people.label.swemwbs-wellbeing")
        case .ons4: return Wording.current("people.label.ons4-personal-wellbeing")
        case .ucla3: return Wording.current("people.label.ucla-3-item-loneliness")
        }
    }

    public var answerCount: Int {
        switch self {
        case .swemwbs: return 7
        case .ons4: return 4
        case .ucla3: return 3
        }
    }
}

/// One time a person answered a measure (or chose not to).
public struct MeasureReading: Hashable, Sendable, Codable {
    public typealias ID = Identifier<MeasureReading>
    public let id: ID
    public let personID: Person.ID
    public let kind: MeasureKind
    /// yyyy-MM-dd
    public let takenOn: String
    public let answers: [Int]
    public let declined: Bool

    public init(id: ID, personID: Person.ID, kind: MeasureKind, takenOn: String, answers: [Int], declined: Bool) {
        self.id = id
        self.personID = personID
        self.kind = kind
        self.takenOn = takenOn
        self.answers = answers
        self.declined = declined
    }

    /// Checks the answers for the kind of measure; nothing to check when the person declined.
    public static func validate(kind: MeasureKind, answers: [Int], declined: Bool) throws(EvidenceProblem) {
        if declined { return }
        switch kind {
        case .swemwbs: _ = try SWEMWBS.score(answers)
        case .ucla3: _ = try UCLA3.total(answers)
        case .ons4:
            guard answers.count == 4 else {
                throw EvidenceProblem.ons4Incomplete
            }
            for (question, answer) in zip(ONS4.Question.allCases, answers) { _ = try ONS4.band(question, answer) }
        }
    }

    /// The figure a cohort's distance travelled is measured in: SWEMWBS metric, UCLA total, ONS4 life
    /// satisfaction (the four ONS answers are never added together).
    public var headline: Decimal? {
        guard !declined else { return nil }
        switch kind {
        case .swemwbs: return try? SWEMWBS.score(answers).metric
        case .ucla3: return (try? UCLA3.total(answers)).map { Decimal($0) }
        case .ons4: return answers.first.map { Decimal($0) }
        }
    }

    /// The headline in hundredths, as stored beside the answers so the database can pair and average
    /// readings itself (every headline has at most two decimal places, so the sums stay exact).
    public var headlineHundredths: Int? {
        headline.map { NSDecimalNumber(decimal: $0 * 100).intValue }
    }

    /// The reading in words, for the record.
    public var summary: String {
        if declined { return Wording.current("people.label.chose-not-to-answer") }
        switch kind {
        case .swemwbs:
            guard let score = try? SWEMWBS.score(answers) else { return Wording.current("people.label.incomplete") }
            return Wording.current("people.label.raw-metric-score", score.raw, score.metric)
        case .ucla3:
            guard let total = try? UCLA3.total(answers) else { return Wording.current("people.label.incomplete") }
            return Wording.current("people.label.total-of-9-higher-is-lonelier", total)
        case .ons4:
            return zip(ONS4.Question.allCases, answers).map { question, answer in
                let band = (try? ONS4.band(question, answer))?.rawValue ?? "?"
                let name: String
                switch question {
                case .lifeSatisfaction: name = Wording.current("people.label.life-satisfaction")
                case .worthwhile: name = Wording.current("people.label.ons4-worthwhile")
                case .happiness: name = Wording.current("people.label.ons4-happiness")
                case .anxiety: name = Wording.current("people.label.ons4-anxiety")
                }
                return "\(name) \(answer) (\(band))"
            }.joined(separator: "; ")
        }
    }
}

/// A life outcome the person reached, or a crisis avoided, as the coordinator recorded it.
public struct RecordedOutcome: Hashable, Sendable, Codable {
    public typealias ID = Identifier<RecordedOutcome>

    public enum Kind: String, CaseIterable, Codable, Sendable {
        // Outcomes
        case newFriendship = "new-friendship"
        case joinedGroup = "joined-group"
        case startedVolunteering = "started-volunteering"
        case intoWorkOrLearning = "into-work-or-learning"
        case stableHome = "stable-home"
        case debtRelieved = "debt-relieved"
        // Avoided events
        case gpAppointment = "avoided-gp-appointment"
        case aAndE = "avoided-a-and-e"
        case hospitalAdmission = "avoided-hospital-admission"
        case socialCareAssessment = "avoided-social-care-assessment"
        case carePackage = "avoided-care-package"
        case safeguardingConcern = "avoided-safeguarding-concern"
        case eviction = "avoided-eviction"
        case mentalHealthReferral = "avoided-mental-health-referral"
        case outOfAreaPlacement = "avoided-out-of-area-placement"
        case policeCallOut = "avoided-police-call-out"

        public var isAvoidedEvent: Bool { rawValue.hasPrefix("avoided-") }

        public var label: String {
            switch self {
            case .newFriendship: return Wording.current("people.label.new-friendship")
            case .joinedGroup: return Wording.current("people.label.joined-a-group")
            case .startedVolunteering: return Wording.current("people.label.started-volunteering")
            case .intoWorkOrLearning: return Wording.current("people.label.into-work-or-learning")
            case .stableHome: return Wording.current("people.label.stable-home")
            case .debtRelieved: return Wording.current("people.label.debt-relieved")
            case .gpAppointment: return Wording.current("people.label.gp-appointment-avoided")
            case .aAndE: return Wording.current("people.label.a-e-attendance-avoided")
            case .hospitalAdmission: return Wording.current("people.label.hospital-admission-avoided")
            case .socialCareAssessment: return Wording.current("people.label.adult-social-care-assessment-avoided")
            case .carePackage: return Wording.current("people.label.care-package-avoided")
            case .safeguardingConcern: return Wording.current("people.label.safeguarding-concern-avoided")
            case .eviction: return Wording.current("people.label.eviction-avoided")
            case .mentalHealthReferral: return Wording.current("people.label.mental-health-referral-avoided")
            case .outOfAreaPlacement: return Wording.current("people.label.out-of-area-placement-avoided")
            case .policeCallOut: return Wording.current("people.label.police-call-out-avoided")
            }
        }
    }

    public enum Confidence: String, CaseIterable, Codable, Sendable {
        case low, medium, high

        public var label: String { rawValue.capitalized }
    }

    public let id: ID
    public let personID: Person.ID
    public let kind: Kind
    public let happenedOn: String
    /// For an avoided event: what would likely have happened otherwise.
    public let otherwise: String
    public let confidence: Confidence

    public init(
        id: ID, personID: Person.ID, kind: Kind, happenedOn: String, otherwise: String, confidence: Confidence
    ) {
        self.id = id
        self.personID = personID
        self.kind = kind
        self.happenedOn = happenedOn
        self.otherwise = otherwise
        self.confidence = confidence
    }
}
