/// What can go wrong with community work recorded for a ward. Each case names the problem and carries only its data; the web layer
/// words it from the catalog and chooses its status (`ProblemWording`).
public enum CommunityWorkProblem: DomainProblem, Equatable {
    case dayMissing
    case timeMissing
    case notesMissing

    public var field: String? {
        switch self {
        case .dayMissing: "happenedOn"
        case .timeMissing: "minutes"
        case .notesMissing: "notes"
        }
    }

    public var kind: ProblemKind {
        .invalid
    }
}
