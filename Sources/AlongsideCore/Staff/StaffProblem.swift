/// What can go wrong with staff accounts. Each case names the problem and carries only its data; the web layer
/// words it from the catalog and chooses its status (`ProblemWording`).
public enum StaffProblem: DomainProblem, Equatable {
    case accountExists(email: String)
    case nameMissing
    case emailMissing
    case unknownRole(String)

    public var field: String? {
        switch self {
        case .accountExists: nil
        case .nameMissing: "name"
        case .emailMissing: "email"
        case .unknownRole: "role"
        }
    }

    public var kind: ProblemKind {
        switch self {
        case .accountExists: .conflict
        case .nameMissing, .emailMissing, .unknownRole: .invalid
        }
    }
}
