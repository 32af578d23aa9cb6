/// What can go wrong with a story of change. Each case names the problem and carries only its data; the web layer
/// words it from the catalog and chooses its status (`ProblemWording`).
public enum StoryProblem: DomainProblem, Equatable {
    case consentMissing
    case titleUnusable
    case noConsentToTell
    case onlyAwaitingApproval
    case onlyBeforeApproval
    case reviewNoteMissing
    case namesThem(String)
    case bodyUnusable

    public var field: String? {
        switch self {
        case .consentMissing: "consent"
        case .titleUnusable: "storyTitle"
        case .noConsentToTell, .onlyAwaitingApproval, .onlyBeforeApproval: nil
        case .reviewNoteMissing: "reviewNote"
        case .namesThem, .bodyUnusable: "storyBody"
        }
    }

    public var kind: ProblemKind {
        switch self {
        case .consentMissing, .titleUnusable, .reviewNoteMissing, .namesThem, .bodyUnusable: .invalid
        case .noConsentToTell, .onlyAwaitingApproval, .onlyBeforeApproval: .conflict
        }
    }
}
