/// What can go wrong with outcomes and wellbeing measures. Each case names the problem and carries only its data; the web layer
/// words it from the catalog and chooses its status (`ProblemWording`).
public enum EvidenceProblem: DomainProblem, Equatable {
    case ons4Incomplete
    case swemwbsIncomplete
    case lonelinessIncomplete
    case lonelinessAnswerOutOfRange
    case swemwbsAnswerOutOfRange
    case outcomeDayMissing
    case measureDayMissing
    case ons4AnswerOutOfRange(question: String)
    case otherwiseTooLong
    case otherwiseMissing

    public var field: String? {
        switch self {
        case .ons4AnswerOutOfRange(let question): question
        case .ons4Incomplete: "ons4"
        case .swemwbsIncomplete, .swemwbsAnswerOutOfRange: "swemwbs"
        case .lonelinessIncomplete, .lonelinessAnswerOutOfRange: "ucla"
        case .outcomeDayMissing: "outcomeDate"
        case .measureDayMissing: "takenOn"
        case .otherwiseTooLong, .otherwiseMissing: "otherwise"
        }
    }

    public var kind: ProblemKind {
        .invalid
    }
}
