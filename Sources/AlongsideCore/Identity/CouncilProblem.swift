/// What can go wrong with a council's own settings. Each case names the problem and carries only its data; the web layer
/// words it from the catalog and chooses its status (`ProblemWording`).
public enum CouncilProblem: DomainProblem, Equatable {
    case slugUnusable
    case slugTaken(String)
    case noContactDaysOutOfRange
    case nameMissing
    case hoursUnusable(field: String, limit: Int)
    case phoneUnusable(field: String)
    case investmentUnusable

    public var field: String? {
        switch self {
        case .hoursUnusable(let field, _): field
        case .phoneUnusable(let field): field
        case .slugUnusable: "slug"
        case .slugTaken: nil
        case .noContactDaysOutOfRange: "noContactDays"
        case .nameMissing: "name"
        case .investmentUnusable: "annualInvestment"
        }
    }

    public var kind: ProblemKind {
        switch self {
        case .slugUnusable, .noContactDaysOutOfRange, .nameMissing, .hoursUnusable, .phoneUnusable, .investmentUnusable:
            .invalid
        case .slugTaken: .conflict
        }
    }
}
