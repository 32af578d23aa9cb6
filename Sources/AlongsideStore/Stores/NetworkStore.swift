import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// The raw figures behind the Network's comparison, for the councils that share them. Each figure is one
/// SQL aggregate grouped by council, so the work is the same for three councils or three hundred. What
/// comes out is still raw: only `NetworkComparison.publish` may turn it into figures that are shown.
public struct NetworkStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    var sql: any SQLDatabase { get throws { try database.sql } }

    /// Figures for `period`, one per sharing council, by name. The headline figures are
    /// `FiguresStore`'s, so a council's row here is the figure its own dashboard shows for the period;
    /// this adds the breakdowns only the comparison shows (by source, by label, by kind of crisis).
    public func figures(period: Period, now: Date) async throws -> [CouncilFigures] {
        let councils = try await CouncilStore(database).sharingWithNetwork()
        guard !councils.isEmpty else { return [] }
        let (start, end) = period.bounds
        let (from, to) = (period.from, period.to)
        let ids = councils.map(\.id.uuid)
        var figures = Dictionary(
            uniqueKeysWithValues: councils.map { ($0.id, CouncilFigures(councilID: $0.id, councilName: $0.name)) })
        // A named period's summary totals, read once for the headline figures and the breakdowns.
        let kept =
            FigureSummaries.isSummarised(period)
            ? try await FigureSummaries(database).totals(councils: councils.map(\.id), period: period) : nil
        let defined = try await FiguresStore(database).figures(
            councils: councils.map(\.id), period: period, now: now, kept: kept)
        for council in councils {
            guard let own = defined[FiguresStore.Key(councilID: council.id)] else { continue }
            figures[council.id]?.coordinators = own[.coordinators]
            figures[council.id]?.wardsCovered = own[.wardsCovered]
            figures[council.id]?.supportedByLevel = [.one: own[.levelOneContacts], .two: own[.walkedAlongside]]
            figures[council.id]?.connections = own[.connections]
            figures[council.id]?.contributions = own[.contributions]
            figures[council.id]?.wellbeingPaired = own[.pairedReadings]
            figures[council.id]?.wellbeingMeanChange = own.wellbeingChange
            figures[council.id]?.socialValue = own.socialValue ?? 0
            figures[council.id]?.investment = own.investment
        }
        for (council, n) in try await countByCouncil(
            "SELECT council_id, COUNT(*) AS n FROM wards WHERE council_id IN (\(binds: ids)) GROUP BY council_id")
        { figures[council]?.wards = n }

        let libraries = try await SROIStore.libraries(of: councils.map(\.id), on: database)
        if let totals = kept {
            // A named period: the breakdowns from the same summary totals as the headline figures.
            for council in councils {
                // As the rows' query: every label counted (if only as 0) for a council that supported anyone.
                if (totals[council.id]?[Figure.peopleSupported.rawValue] ?? 0) > 0 {
                    for category in ReportingCategory.allCases { figures[council.id]?.supportedByLabel[category] = 0 }
                }
                let valued = Set(
                    (libraries[council.id] ?? ProxyLibrary.starter).filter { $0.value > 0 }.map(\.kind.rawValue))
                for (code, n) in totals[council.id] ?? [:] where n != 0 {
                    let parts = code.split(separator: ":", maxSplits: 1).map(String.init)
                    guard parts.count == 2 else { continue }
                    switch parts[0] {
                    case "introductions":
                        if let source = IntroductionSource(rawValue: parts[1]) {
                            figures[council.id]?.introductionsBySource[source] = n
                        }
                    case "label":
                        if let category = ReportingCategory(rawValue: parts[1]) {
                            figures[council.id]?.supportedByLabel[category] = n
                        }
                    case "outcome":
                        if let kind = RecordedOutcome.Kind(rawValue: parts[1]), kind.isAvoidedEvent {
                            figures[council.id]?.avoidedEvents[kind] = n
                        }
                    case "kinds":
                        if parts[1].split(separator: ",").contains(where: { valued.contains(String($0)) }) {
                            figures[council.id]?.peopleWithValuedOutcomes += n
                        }
                    default: continue
                    }
                }
            }
            return councils.compactMap { figures[$0.id] }
        }
        for row in try await sql.raw(
            "SELECT council_id, source, COUNT(*) AS n FROM introductions WHERE council_id IN (\(binds: ids)) AND received_at >= \(bind: start) AND received_at < \(bind: end) GROUP BY council_id, source"
        ).all() {
            let council = Council.ID(try row.decode(column: "council_id", as: UUID.self))
            if let source = IntroductionSource(rawValue: try row.decode(column: "source", as: String.self)) {
                figures[council]?.introductionsBySource[source] = try row.decode(column: "n", as: Int.self)
            }
        }

        try await supportedByLabel(ids: ids, period: period, into: &figures)

        for row in try await sql.raw(
            "SELECT council_id, kind, COUNT(*) AS n FROM outcomes WHERE council_id IN (\(binds: ids)) AND happened_on >= \(bind: from) AND happened_on <= \(bind: to) AND struck_at IS NULL GROUP BY council_id, kind"
        ).all() {
            let council = Council.ID(try row.decode(column: "council_id", as: UUID.self))
            if let kind = RecordedOutcome.Kind(rawValue: try row.decode(column: "kind", as: String.self)),
                kind.isAvoidedEvent
            {
                figures[council]?.avoidedEvents[kind] = try row.decode(column: "n", as: Int.self)
            }
        }
        var byValuedKinds: [[String]: [Council.ID]] = [:]
        for council in councils {
            let library = libraries[council.id] ?? ProxyLibrary.starter
            let valued = library.filter { $0.value > 0 }.map(\.kind.rawValue).sorted()
            if !valued.isEmpty { byValuedKinds[valued, default: []].append(council.id) }
        }
        // People with a valued outcome: one query for each set of valued kinds (usually one, the starter set).
        for (valued, group) in byValuedKinds {
            for (council, n) in try await countByCouncil(
                "SELECT council_id, COUNT(DISTINCT person_id) AS n FROM outcomes WHERE council_id IN (\(binds: group.map(\.uuid))) AND happened_on >= \(bind: from) AND happened_on <= \(bind: to) AND kind IN (\(binds: valued)) AND struck_at IS NULL GROUP BY council_id"
            ) { figures[council]?.peopleWithValuedOutcomes = n }
        }
        return councils.compactMap { figures[$0.id] }
    }

    /// People supported in the period (`FiguresStore.supported`), by label (a person may have several).
    func supportedByLabel(ids: [UUID], period: Period, into figures: inout [Council.ID: CouncilFigures])
        async throws
    {
        var query: SQLQueryString = "SELECT council_id, " + DashboardStore.categorySums
        query +=
            """
             FROM people p WHERE p.council_id IN (\(binds: ids)) AND p.merged_into_id IS NULL \
            AND p.id IN (\(FiguresStore.supported(ids, period))) GROUP BY council_id
            """
        for row in try await sql.raw(query).all() {
            let council = Council.ID(try row.decode(column: "council_id", as: UUID.self))
            for (index, category) in ReportingCategory.allCases.enumerated() {
                figures[council]?.supportedByLabel[category, default: 0] +=
                    try row.decode(column: "c\(index)", as: Int?.self) ?? 0
            }
        }
    }

    func countByCouncil(_ query: SQLQueryString) async throws -> [(Council.ID, Int)] {
        try await sql.raw(query).all().map { row in
            (Council.ID(try row.decode(column: "council_id", as: UUID.self)), try row.decode(column: "n", as: Int.self))
        }
    }
}
