/// What can go wrong with an introduction to Local Area Coordination. Each case names the problem and carries only its data; the web layer
/// words it from the catalog and chooses its status (`ProblemWording`).
public enum IntroductionProblem: DomainProblem, Equatable {
    case notOnTheList(field: String, label: String)
    case dateOfBirthInFuture
    case postcodeUnusable
    case phoneUnusable
    case emailUnusable
    case dateOfBirthUnreadable
    case nameMissing
    case introducerNameMissing
    case noWayToReach
    case householdTooLong
    case personKnowsUnchecked
    case controlCharacters(field: String)
    case tooLong(field: String, limit: Int)
    case notOneLine(field: String)

    public var field: String? {
        switch self {
        case .notOnTheList(let field, _): field
        case .controlCharacters(let field): field
        case .tooLong(let field, _): field
        case .notOneLine(let field): field
        case .dateOfBirthInFuture, .dateOfBirthUnreadable: "dateOfBirth"
        case .postcodeUnusable: "postcode"
        case .phoneUnusable, .noWayToReach: "phone"
        case .emailUnusable: "email"
        case .nameMissing: "fullName"
        case .introducerNameMissing: "introducerName"
        case .householdTooLong: "household"
        case .personKnowsUnchecked: "personKnows"
        }
    }

    public var kind: ProblemKind {
        .invalid
    }
}
