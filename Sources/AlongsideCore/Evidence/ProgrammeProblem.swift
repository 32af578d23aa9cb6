/// What can go wrong with a funded programme. Each case names the problem and carries only its data; the web layer
/// words it from the catalog and chooses its status (`ProblemWording`).
public enum ProgrammeProblem: DomainProblem, Equatable {
    case alreadyLeft
    case extensionBeforeEnd
    case extraCoordinatorsUnusable
    case budgetUnusable
    case endDayUnreadable
    case nameUnusable
    case startDayUnreadable
    case funderMissing
    case leftBeforeJoining
    case endsBeforeStart

    public var field: String? {
        switch self {
        case .alreadyLeft: nil
        case .extensionBeforeEnd: "extendedTo"
        case .extraCoordinatorsUnusable: "extraCoordinators"
        case .budgetUnusable: "budget"
        case .endDayUnreadable, .endsBeforeStart: "endsOn"
        case .nameUnusable: "name"
        case .startDayUnreadable: "startsOn"
        case .funderMissing: "funder"
        case .leftBeforeJoining: "leftOn"
        }
    }

    public var kind: ProblemKind {
        switch self {
        case .alreadyLeft: .conflict
        case .extensionBeforeEnd, .extraCoordinatorsUnusable, .budgetUnusable, .endDayUnreadable, .nameUnusable,
            .startDayUnreadable, .funderMissing, .leftBeforeJoining, .endsBeforeStart:
            .invalid
        }
    }
}
