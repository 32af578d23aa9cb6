/// What can go wrong with Good Neighbours volunteers and requests for help. Each case names the problem and carries only its data; the web layer
/// words it from the catalog and chooses its status (`ProblemWording`).
public enum GoodNeighbourProblem: DomainProblem, Equatable {
    case alreadyClosed
    case alreadyOffered
    case cannotBeOffered(volunteer: String, because: String?)
    case changedMeanwhile
    case helpsWithMissing
    case volunteerPostcodeMissing
    case helpDayUnreadable
    case checkExpiryMissing
    case checkIssuedMissing
    case hoursMissing
    case volunteerNameMissing
    case volunteerPostcodeUnusable
    case offerFirst
    case onlyOfferedMayBeDeclined
    case onlyTakenOnMayBeDone
    case onlyWhileArranged
    case travelMissing
    case helpDetailsMissing
    case volunteerErased

    public var field: String? {
        switch self {
        case .alreadyClosed, .alreadyOffered, .cannotBeOffered, .changedMeanwhile, .offerFirst,
            .onlyOfferedMayBeDeclined, .onlyTakenOnMayBeDone, .onlyWhileArranged, .volunteerErased:
            nil
        case .helpsWithMissing: "helpsWith"
        case .volunteerPostcodeMissing, .volunteerPostcodeUnusable: "volunteerPostcode"
        case .helpDayUnreadable: "helpNeededOn"
        case .checkExpiryMissing: "expiresOn"
        case .checkIssuedMissing: "issuedOn"
        case .hoursMissing: "hours"
        case .volunteerNameMissing: "volunteerName"
        case .travelMissing: "travel"
        case .helpDetailsMissing: "helpDetails"
        }
    }

    public var kind: ProblemKind {
        switch self {
        case .alreadyClosed, .alreadyOffered, .cannotBeOffered, .changedMeanwhile, .offerFirst,
            .onlyOfferedMayBeDeclined, .onlyTakenOnMayBeDone, .onlyWhileArranged, .volunteerErased:
            .conflict
        case .helpsWithMissing, .volunteerPostcodeMissing, .helpDayUnreadable, .checkExpiryMissing, .checkIssuedMissing,
            .hoursMissing, .volunteerNameMissing, .volunteerPostcodeUnusable, .travelMissing, .helpDetailsMissing:
            .invalid
        }
    }
}
