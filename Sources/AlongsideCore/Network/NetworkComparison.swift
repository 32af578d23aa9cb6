import Foundation

/// One council's figures for a period, exactly as counted inside the council. Never shown as they are:
/// `NetworkComparison.publish` is the one place that turns them into figures that may leave the council.
public struct CouncilFigures: Sendable, Equatable {
    public let councilID: Council.ID
    public let councilName: String
    /// Staff and wards: not about residents, so published exactly.
    public var coordinators: Int = 0
    public var wards: Int = 0
    public var wardsCovered: Int = 0
    public var introductionsBySource: [IntroductionSource: Int] = [:]
    /// People supported in the period (introduced, or with a conversation, in it), by their level now.
    public var supportedByLevel: [SupportLevel: Int] = [:]
    public var supportedByLabel: [ReportingCategory: Int] = [:]
    public var connections: Int = 0
    public var contributions: Int = 0
    /// SWEMWBS: people with a first and a later reading, and their mean change.
    public var wellbeingPaired: Int = 0
    public var wellbeingMeanChange: Decimal? = nil
    public var avoidedEvents: [RecordedOutcome.Kind: Int] = [:]
    /// The social value of the period's valued outcomes (present value, £), and the people they came from.
    public var socialValue: Decimal = 0
    public var peopleWithValuedOutcomes: Int = 0
    /// What the council invested in Local Area Coordination over the period (£), when it has said.
    public var investment: Decimal? = nil

    public init(councilID: Council.ID, councilName: String) {
        self.councilID = councilID
        self.councilName = councilName
    }

    public var introductions: Int { introductionsBySource.values.reduce(0, +) }
    public var supported: Int { supportedByLevel.values.reduce(0, +) }
    public var avoided: Int { avoidedEvents.values.reduce(0, +) }
}

/// The Network's side-by-side comparison of councils, with statistical disclosure control applied to
/// every figure about people (see `DisclosureControl`).
public struct NetworkComparison: Sendable, Equatable, Codable {
    /// A figure as it may be published: its text, the number behind it for charts (nil when it is
    /// suppressed or not given), and whether it was suppressed.
    public struct Figure: Sendable, Equatable, Codable {
        public let text: String
        public let value: Double?
        public let suppressed: Bool

        public static let hidden = Figure(text: "*", value: nil, suppressed: true)
        public static let notGiven = Figure(text: "not given", value: nil, suppressed: false)

        public static func exact(_ value: Int) -> Figure {
            // The formatter made once (NumberStyle), not once for each of the comparison's figures.
            Figure(text: NumberStyle.shared.string(value, .english), value: Double(value), suppressed: false)
        }

        public static func cell(_ cell: DisclosureControl.Cell) -> Figure {
            switch cell {
            case .suppressed: return .hidden
            case .shown(let value): return .exact(value)
            }
        }

        static func decimal(_ value: Decimal, places: Int, prefix: String = "", sign: Bool = false) -> Figure {
            var rounded = Decimal()
            var source = value
            NSDecimalRound(&rounded, &source, places, .plain)
            let number = NSDecimalNumber(decimal: rounded)
            let text = String(format: "%.\(places)f", number.doubleValue)
            return Figure(
                text: (sign && rounded > 0 ? "+" : "") + prefix + text, value: number.doubleValue, suppressed: false)
        }
    }

    /// One line of a table: a label and a figure per council (and the Network total where the line has one).
    public struct Line: Sendable, Equatable, Codable {
        public let label: String
        public let figures: [Figure]
        public let total: Figure?
        /// What the line counts, in words, when it is one of the defined figures (`AlongsideCore.Figure`).
        public var definition: String? = nil
    }

    /// A table of counts, categories down and councils across, published with totals and so with
    /// secondary suppression.
    public struct Table: Sendable, Equatable, Codable {
        public let id: String
        public let title: String
        public let lines: [Line]
        /// Each council's total, and the Network's.
        public let totals: Line?
    }

    public let councils: [String]
    public let summary: [Line]
    public let tables: [Table]

    /// Turns each council's raw figures into published ones. Counts about people: 1 to 9 suppressed,
    /// others rounded to the nearest 5; rates and means on fewer than 10 people suppressed; tables with
    /// totals protected against working a suppressed cell out. People per coordinator is worked out from
    /// the rounded count, so it cannot undo the rounding.
    public static func publish(_ councils: [CouncilFigures]) -> NetworkComparison {
        let count = { (value: Int) in Figure.cell(DisclosureControl.count(value)) }
        func line(_ label: String, _ figure: (CouncilFigures) -> Figure) -> Line {
            Line(label: label, figures: councils.map(figure), total: nil)
        }
        /// A line for one of the defined figures: its name, and its definition beside it.
        func line(_ defined: AlongsideCore.Figure, _ figure: (CouncilFigures) -> Figure) -> Line {
            Line(label: defined.name, figures: councils.map(figure), total: nil, definition: defined.definition)
        }
        let summary = [
            line(.coordinators) { .exact($0.coordinators) },
            line(Wording.current("network.page.wards")) { .exact($0.wards) },
            line(.wardsCovered) { .exact($0.wardsCovered) },
            line(.introductions) { count($0.introductions) },
            line(.peopleSupported) { count($0.supported) },
            line(Wording.current("network.page.people-supported-per-coordinator")) { figures in
                guard DisclosureControl.measure((), basedOn: figures.supported) != nil, figures.coordinators > 0,
                    case .shown(let rounded) = DisclosureControl.count(figures.supported)
                else { return figures.coordinators == 0 && figures.supported == 0 ? .notGiven : .hidden }
                return .decimal(Decimal(rounded) / Decimal(figures.coordinators), places: 1)
            },
            line(.connections) { count($0.connections) },
            line(.contributions) { count($0.contributions) },
            line(.pairedReadings) {
                count($0.wellbeingPaired)
            },
            line(.wellbeingChange) { figures in
                guard let change = figures.wellbeingMeanChange else { return .notGiven }
                return DisclosureControl.measure(change, basedOn: figures.wellbeingPaired).map {
                    .decimal($0, places: 2, sign: true)
                } ?? .hidden
            },
            line(.avoidedCrises) { count($0.avoided) },
            line(.sroi) { figures in
                guard let investment = figures.investment, investment > 0 else { return .notGiven }
                return DisclosureControl.measure(
                    figures.socialValue / investment, basedOn: figures.peopleWithValuedOutcomes
                )
                .map { .decimal($0, places: 2, prefix: "£") } ?? .hidden
            },
        ]
        let tables = [
            table(
                "by-source", Wording.current("network.page.introductions-by-source"), councils,
                IntroductionSource.allCases.map { source in (source.label, { $0.introductionsBySource[source] ?? 0 }) }),
            table(
                "by-level", Wording.current("network.page.people-supported-by-level"), councils,
                SupportLevel.allCases.map { level in (level.label, { $0.supportedByLevel[level] ?? 0 }) }),
            table(
                "avoided", Wording.current("network.page.crises-avoided-by-kind"), councils,
                RecordedOutcome.Kind.allCases.filter(\.isAvoidedEvent).map { kind in
                    (kind.label, { $0.avoidedEvents[kind] ?? 0 })
                }),
            // A person can carry several labels, so this table has no totals: each count stands alone.
            Table(
                id: "by-label", title: Wording.current("network.page.people-supported-by-label-a-person"),
                lines: ReportingCategory.allCases.map { category in
                    line(category.label) { count($0.supportedByLabel[category] ?? 0) }
                }, totals: nil),
        ]
        return NetworkComparison(councils: councils.map(\.councilName), summary: summary, tables: tables)
    }

    static func table(
        _ id: String, _ title: String, _ councils: [CouncilFigures],
        _ rows: [(String, (CouncilFigures) -> Int)]
    ) -> Table {
        let counts = rows.map { row in councils.map(row.1) }
        let published = DisclosureControl.table(counts)
        let lines = rows.enumerated().map { index, row in
            Line(
                label: row.0, figures: published.cells[index].map(Figure.cell),
                total: Figure.cell(published.rowTotals[index]))
        }
        let grand = counts.flatMap { $0 }.reduce(0, +)
        let totals = Line(
            label: Wording.current("network.page.total"), figures: published.columnTotals.map(Figure.cell),
            total: Figure.cell(protectGrand(published, grand)))
        return Table(id: id, title: title, lines: lines, totals: totals)
    }

    /// The grand total stays shown unless it would let a suppressed row or column total be worked out:
    /// that happens when exactly one row total (or one column total) is hidden.
    static func protectGrand(
        _ published: (
            cells: [[DisclosureControl.Cell]], rowTotals: [DisclosureControl.Cell],
            columnTotals: [DisclosureControl.Cell]
        ),
        _ grand: Int
    ) -> DisclosureControl.Cell {
        let hiddenRows = published.rowTotals.filter(\.isSuppressed).count
        let hiddenColumns = published.columnTotals.filter(\.isSuppressed).count
        return hiddenRows == 1 || hiddenColumns == 1 ? .suppressed : DisclosureControl.count(grand)
    }
}
