/// What can go wrong with a person's connections and contributions. Each case names the problem and carries only its data; the web layer
/// words it from the catalog and chooses its status (`ProblemWording`).
public enum ConnectionProblem: DomainProblem, Equatable {
    case connectionStartMissing
    case contributionStartMissing
    case contributionMissing
    case nameMissing

    public var field: String? {
        switch self {
        case .connectionStartMissing: "connectionStarted"
        case .contributionStartMissing: "contributionStarted"
        case .contributionMissing: "contributionWhat"
        case .nameMissing: "connectionName"
        }
    }

    public var kind: ProblemKind {
        .invalid
    }
}
