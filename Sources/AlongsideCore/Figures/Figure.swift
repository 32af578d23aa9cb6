import Foundation

/// One figure the service reports, with one definition. The dashboard, its CSV, the quarterly report,
/// SROI, programme reports, the Network page and `GET /api/v1/figures` all count it this way, so one
/// council and one period give one number everywhere; the wording of each definition is shown beside it.
public enum Figure: String, CaseIterable, Codable, Sendable {
    /// Introductions received in the period.
    case introductions
    /// People with a conversation or an introduction in the period, counted once.
    case peopleSupported = "people-supported"
    /// People supported in the period who were at Level 1 on its last day.
    case levelOneContacts = "level-1-contacts"
    /// People supported in the period who were at Level 2 on its last day.
    case walkedAlongside = "walked-alongside"
    /// Connections started in the period.
    case connections
    /// Connections started in the period that were still going when asked at three months.
    case connectionsLasting = "connections-lasting"
    /// Contributions people began making in the period.
    case contributions
    /// Crises avoided (recorded events that did not happen) in the period.
    case avoidedCrises = "avoided-crises"
    /// Life outcomes recorded as happening in the period.
    case outcomes
    /// People supported in the period with two or more SWEMWBS readings by its last day.
    case pairedReadings = "paired-readings"
    /// Their mean change, first reading to latest, in metric points.
    case wellbeingChange = "wellbeing-change"
    /// Wards with a named coordinator on the period's last day.
    case wardsCovered = "wards-covered"
    /// Coordinators named for a ward on the period's last day.
    case coordinators
    /// Present value (£) of the outcomes and avoided crises recorded in the period, from the proxy library.
    case socialValue = "social-value"
    /// Social value for each £1 of the council's investment for the period (its annual setting, by days).
    case sroi

    /// Whether the figure for a year is the figure of its four quarters added up (an event belongs to one
    /// period; a person or a ward may be counted in several).
    public var isAdditive: Bool {
        switch self {
        case .introductions, .connections, .connectionsLasting, .contributions, .avoidedCrises, .outcomes: return true
        case .peopleSupported, .levelOneContacts, .walkedAlongside, .pairedReadings, .wellbeingChange, .wardsCovered,
            .coordinators, .socialValue, .sroi:
            return false
        }
    }

    /// Whether the figure is a count of people, wards or events (a whole number); otherwise a measure
    /// (points, pounds or a ratio).
    public var isCount: Bool { ![.wellbeingChange, .socialValue, .sroi].contains(self) }

    /// The figure's name, as a heading or table label.
    public var name: String { Wording.current("figures.\(rawValue).name") }

    /// What is counted, in a sentence shown beside the figure.
    public var definition: String { Wording.current("figures.\(rawValue).definition") }
}

/// A council's (or a ward's) figures for one period. Counts are whole numbers; the wellbeing change,
/// social value and ratio are nil when there is nothing to work them out from.
public struct PeriodFigures: Sendable, Equatable {
    public var counts: [Figure: Int]
    public var wellbeingChange: Decimal?
    public var socialValue: Decimal?
    public var investment: Decimal?
    /// Reading pairs whose first reading was taken before the period began (they span periods).
    public var pairsSpanningPeriods: Int

    public init(
        counts: [Figure: Int] = [:], wellbeingChange: Decimal? = nil, socialValue: Decimal? = nil,
        investment: Decimal? = nil, pairsSpanningPeriods: Int = 0
    ) {
        self.counts = counts
        self.wellbeingChange = wellbeingChange
        self.socialValue = socialValue
        self.investment = investment
        self.pairsSpanningPeriods = pairsSpanningPeriods
    }

    public subscript(_ figure: Figure) -> Int { counts[figure] ?? 0 }

    /// Social value for each £1 invested, to two places; nil without an investment.
    public var ratio: Decimal? {
        guard let socialValue, let investment, investment > 0 else { return nil }
        return SROI.round(socialValue / investment, 2)
    }

    /// A figure's value as a number: a count, points, pounds or a ratio; nil when it cannot be worked out.
    public func value(_ figure: Figure) -> Decimal? {
        switch figure {
        case .wellbeingChange: return wellbeingChange
        case .socialValue: return socialValue.map { SROI.round($0, 2) }
        case .sroi: return ratio
        default: return Decimal(self[figure])
        }
    }
}
