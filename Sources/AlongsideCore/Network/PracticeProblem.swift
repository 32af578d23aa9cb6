/// What can go wrong with the practice library. Each case names the problem and carries only its data; the web layer
/// words it from the catalog and chooses its status (`ProblemWording`).
public enum PracticeProblem: DomainProblem, Equatable {
    case themesMissing
    case eventDayMissing
    case titleUnusable
    case noConsentToTell
    case onlyApprovedStories
    case eventPlaceMissing
    case storyAlreadyShared
    case personalDetails(field: String, found: String)
    case bodyUnusable

    public var field: String? {
        switch self {
        case .personalDetails(let field, _): field
        case .themesMissing: "themes"
        case .eventDayMissing: "eventOn"
        case .titleUnusable: "title"
        case .noConsentToTell, .onlyApprovedStories, .storyAlreadyShared: nil
        case .eventPlaceMissing: "eventPlace"
        case .bodyUnusable: "body"
        }
    }

    public var kind: ProblemKind {
        switch self {
        case .themesMissing, .eventDayMissing, .titleUnusable, .eventPlaceMissing, .personalDetails, .bodyUnusable:
            .invalid
        case .noConsentToTell, .onlyApprovedStories, .storyAlreadyShared: .conflict
        }
    }
}
