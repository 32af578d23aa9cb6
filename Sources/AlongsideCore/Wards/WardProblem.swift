/// What can go wrong with wards and who coordinates them. Each case names the problem and carries only its data; the web layer
/// words it from the catalog and chooses its status (`ProblemWording`).
public enum WardProblem: DomainProblem, Equatable {
    case coordinatorMissing
    case codeTaken(String)
    case nameMissing
    case codeUnusable
    case notACoordinator(String)
    case nameTooLong

    public var field: String? {
        switch self {
        case .coordinatorMissing, .notACoordinator: "coordinator"
        case .codeTaken, .codeUnusable: "code"
        case .nameMissing, .nameTooLong: "name"
        }
    }

    public var kind: ProblemKind {
        .invalid
    }
}
