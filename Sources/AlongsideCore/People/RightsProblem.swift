/// What can go wrong with consent, erasure and a person's other rights. Each case names the problem and carries only its data; the web layer
/// words it from the catalog and chooses its status (`ProblemWording`).
public enum RightsProblem: DomainProblem, Equatable {
    case alreadyErased
    case consentDayUnreadable
    case partnerMissing
    case erasureReasonMissing

    public var field: String? {
        switch self {
        case .alreadyErased: nil
        case .consentDayUnreadable: "givenOn"
        case .partnerMissing: "partner"
        case .erasureReasonMissing: "erasureReason"
        }
    }

    public var kind: ProblemKind {
        switch self {
        case .alreadyErased: .conflict
        case .consentDayUnreadable, .partnerMissing, .erasureReasonMissing: .invalid
        }
    }
}
