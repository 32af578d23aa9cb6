/// What can go wrong with a person's record. Each case names the problem and carries only its data; the web layer
/// words it from the catalog and chooses its status (`ProblemWording`).
public enum PersonProblem: DomainProblem, Equatable {
    case coordinatorMissing

    public var field: String? {
        switch self {
        case .coordinatorMissing: "coordinator"
        }
    }

    public var kind: ProblemKind {
        .invalid
    }
}
