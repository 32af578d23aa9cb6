/// What can go wrong with a community resource in the directory. Each case names the problem and carries only its data; the web layer
/// words it from the catalog and chooses its status (`ProblemWording`).
public enum DirectoryProblem: DomainProblem, Equatable {
    case ageUnusable
    case dayMissing
    case organisationMissing
    case webAddressUnusable
    case emailUnusable
    case oneOffDayMissing
    case nameMissing
    case organisationNameMissing
    case postcodeUnusable
    case timesUnusable
    case descriptionTooLong
    case noSuchCategory(String)
    case whenMissing
    case agesReversed

    public var field: String? {
        switch self {
        case .ageUnusable: "minimumAge"
        case .dayMissing, .whenMissing: "day"
        case .organisationMissing: "organisation"
        case .webAddressUnusable: "url"
        case .emailUnusable: "email"
        case .oneOffDayMissing: "startsOn"
        case .nameMissing: "name"
        case .organisationNameMissing: "organisationName"
        case .postcodeUnusable: "postcode"
        case .timesUnusable: "opensAt"
        case .descriptionTooLong: "description"
        case .noSuchCategory: "category"
        case .agesReversed: "maximumAge"
        }
    }

    public var kind: ProblemKind {
        .invalid
    }
}
