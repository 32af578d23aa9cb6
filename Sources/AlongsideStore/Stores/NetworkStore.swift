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

    /// Figures for the period `from`...`to` (London days, both included), one per sharing council, by name.
    public func figures(from: String, to: String) async throws -> [CouncilFigures] {
        let councils = try await CouncilStore(database).sharingWithNetwork()
        guard !councils.isEmpty, let start = ISODay.date(from), let last = ISODay.date(to) else { return [] }
        let end = last.addingTimeInterval(86_400)
        let ids = councils.map(\.id.uuid)
        var figures = Dictionary(
            uniqueKeysWithValues: councils.map { ($0.id, CouncilFigures(councilID: $0.id, councilName: $0.name)) })

        for (council, n) in try await countByCouncil(
            "SELECT council_id, COUNT(*) AS n FROM staff WHERE role = \(bind: Role.coordinator.rawValue) AND active = \(bind: true) AND council_id IN (\(binds: ids)) GROUP BY council_id"
        ) { figures[council]?.coordinators = n }
        for (council, n) in try await countByCouncil(
            "SELECT council_id, COUNT(*) AS n FROM wards WHERE council_id IN (\(binds: ids)) GROUP BY council_id")
        { figures[council]?.wards = n }
        for (council, n) in try await countByCouncil(
            "SELECT council_id, COUNT(DISTINCT ward_id) AS n FROM ward_assignments WHERE ended_at IS NULL AND council_id IN (\(binds: ids)) GROUP BY council_id"
        ) { figures[council]?.wardsCovered = n }

        for row in try await sql.raw(
            "SELECT council_id, source, COUNT(*) AS n FROM introductions WHERE council_id IN (\(binds: ids)) AND received_at >= \(bind: start) AND received_at < \(bind: end) GROUP BY council_id, source"
        ).all() {
            let council = Council.ID(try row.decode(column: "council_id", as: UUID.self))
            if let source = IntroductionSource(rawValue: try row.decode(column: "source", as: String.self)) {
                figures[council]?.introductionsBySource[source] = try row.decode(column: "n", as: Int.self)
            }
        }

        try await supported(ids: ids, from: from, to: to, start: start, end: end, into: &figures)

        for (council, n) in try await countByCouncil(
            "SELECT council_id, COUNT(*) AS n FROM connections WHERE council_id IN (\(binds: ids)) AND started_on >= \(bind: from) AND started_on <= \(bind: to) AND struck_at IS NULL GROUP BY council_id"
        ) { figures[council]?.connections = n }
        for (council, n) in try await countByCouncil(
            "SELECT council_id, COUNT(*) AS n FROM contributions WHERE council_id IN (\(binds: ids)) AND started_on >= \(bind: from) AND started_on <= \(bind: to) AND struck_at IS NULL GROUP BY council_id"
        ) { figures[council]?.contributions = n }

        var outcomes: [Council.ID: [RecordedOutcome.Kind: Int]] = [:]
        for row in try await sql.raw(
            "SELECT council_id, kind, COUNT(*) AS n FROM outcomes WHERE council_id IN (\(binds: ids)) AND happened_on >= \(bind: from) AND happened_on <= \(bind: to) AND struck_at IS NULL GROUP BY council_id, kind"
        ).all() {
            let council = Council.ID(try row.decode(column: "council_id", as: UUID.self))
            if let kind = RecordedOutcome.Kind(rawValue: try row.decode(column: "kind", as: String.self)) {
                outcomes[council, default: [:]][kind] = try row.decode(column: "n", as: Int.self)
            }
        }
        let years = Decimal(max(1, Int((end.timeIntervalSince(start) / 86_400).rounded()))) / 365
        let libraries = try await SROIStore.libraries(of: councils.map(\.id), on: database)
        var byValuedKinds: [[String]: [Council.ID]] = [:]
        for council in councils {
            let counts = outcomes[council.id] ?? [:]
            let library = libraries[council.id] ?? ProxyLibrary.starter
            figures[council.id]?.avoidedEvents = counts.filter { $0.key.isAvoidedEvent }
            let investment = council.annualInvestmentPence.map { Decimal($0) / 100 * years }
            let model = ProxyLibrary.model(counts: counts, library: library, investment: investment ?? 1)
            figures[council.id]?.socialValue = SROI.presentValue(model)
            figures[council.id]?.investment = investment
            let valued = library.filter { $0.value > 0 }.map(\.kind.rawValue).sorted()
            if !valued.isEmpty { byValuedKinds[valued, default: []].append(council.id) }
        }
        // People with a valued outcome: one query for each set of valued kinds (usually one, the starter set).
        for (valued, group) in byValuedKinds {
            for (council, n) in try await countByCouncil(
                "SELECT council_id, COUNT(DISTINCT person_id) AS n FROM outcomes WHERE council_id IN (\(binds: group.map(\.uuid))) AND happened_on >= \(bind: from) AND happened_on <= \(bind: to) AND kind IN (\(binds: valued)) AND struck_at IS NULL GROUP BY council_id"
            ) { figures[council]?.peopleWithValuedOutcomes = n }
        }

        // Wellbeing: SWEMWBS readings up to the end of the period, paired first-to-latest per person by
        // the same rule as the council's own dashboard.
        for (key, cohort) in try await WellbeingStore(database).cohorts(
            .swemwbs, councils: councils.map(\.id), upTo: to)
        {
            figures[key.councilID]?.wellbeingPaired = cohort.paired
            figures[key.councilID]?.wellbeingMeanChange = cohort.meanChange
        }
        return councils.compactMap { figures[$0.id] }
    }

    /// People supported in the period (introduced, or with a conversation, in it), by level and by label.
    /// The people come from the period's introductions and conversations, each read from its index on
    /// (council, day, person) alone, not from a look into every person's history: at network size that was
    /// a million lookups into ten million conversations.
    func supported(
        ids: [UUID], from: String, to: String, start: Date, end: Date, into figures: inout [Council.ID: CouncilFigures]
    ) async throws {
        var query: SQLQueryString = "SELECT council_id, level, COUNT(*) AS n, " + DashboardStore.categorySums
        query +=
            """
             FROM people p WHERE p.council_id IN (\(binds: ids)) AND p.merged_into_id IS NULL AND p.id IN (\
            SELECT person_id FROM introductions WHERE council_id IN (\(binds: ids)) \
            AND received_at >= \(bind: start) AND received_at < \(bind: end) UNION \
            SELECT person_id FROM conversations WHERE council_id IN (\(binds: ids)) \
            AND happened_on >= \(bind: from) AND happened_on <= \(bind: to) AND struck_at IS NULL) \
            GROUP BY council_id, level
            """
        for row in try await sql.raw(query).all() {
            let council = Council.ID(try row.decode(column: "council_id", as: UUID.self))
            guard let level = SupportLevel(rawValue: try row.decode(column: "level", as: Int.self)) else { continue }
            figures[council]?.supportedByLevel[level] = try row.decode(column: "n", as: Int.self)
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
