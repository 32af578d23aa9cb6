/// What can go wrong with a person's journey (stage and level of support). Each case names the problem and carries only its data; the web layer
/// words it from the catalog and chooses its status (`ProblemWording`).
public enum JourneyProblem: DomainProblem, Equatable {
    case alreadyAtLevel(SupportLevel)
    case levelAfterEnding
    case endingReasonMissing
    case comingBackStartsAgain
    case alreadyAtStage(JourneyStage)

    public var field: String? {
        switch self {
        case .alreadyAtLevel, .levelAfterEnding: "level"
        case .endingReasonMissing: "reason"
        case .comingBackStartsAgain, .alreadyAtStage: "stage"
        }
    }

    public var kind: ProblemKind {
        .invalid
    }
}
