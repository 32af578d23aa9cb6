/// What can go wrong with social return on investment: proxies, deflators, reports. Each case names the problem and carries only its data; the web layer
/// words it from the catalog and chooses its status (`ProblemWording`).
public enum SROIProblem: DomainProblem, Equatable {
    case investmentUnusable
    case proxyNegative(RecordedOutcome.Kind)
    case priceYearUnusable
    case proxyPriceYearUnusable(RecordedOutcome.Kind, latest: Int)
    case deflatorPublishedMissing
    case deflatorRowsUnusable
    case deflatorSourceMissing
    case reportTitleMissing
    case proxyUnusable(RecordedOutcome.Kind, SROI.ModelProblem)

    public var field: String? {
        switch self {
        case .proxyNegative(let p0): p0.rawValue
        case .proxyPriceYearUnusable(let p0, _): p0.rawValue
        case .proxyUnusable(let p0, _): p0.rawValue
        case .investmentUnusable: "investment"
        case .priceYearUnusable: "priceYear"
        case .deflatorPublishedMissing: "published"
        case .deflatorRowsUnusable: "rows"
        case .deflatorSourceMissing: "source"
        case .reportTitleMissing: "title"
        }
    }

    public var kind: ProblemKind {
        .invalid
    }
}
