/// What can go wrong with merging two records of one person. Each case names the problem and carries only its data; the web layer
/// words it from the catalog and chooses its status (`ProblemWording`).
public enum MergeProblem: DomainProblem, Equatable {
    case alreadyUndone
    case erased
    case intoItself
    case tooLateToUndo
    case laterMergeFirst

    public var field: String? {
        switch self {
        case .alreadyUndone, .erased, .tooLateToUndo, .laterMergeFirst: nil
        case .intoItself: "duplicate"
        }
    }

    public var kind: ProblemKind {
        switch self {
        case .alreadyUndone, .erased, .tooLateToUndo, .laterMergeFirst: .conflict
        case .intoItself: .invalid
        }
    }
}
