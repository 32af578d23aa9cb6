import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Distance travelled worked out in the database: each person's first and latest answered reading of a
/// measure are paired with window functions and averaged per group, by the rule of
/// `DistanceTravelled.cohort` (people with two or more readings; means to two places). No reading is
/// loaded into Swift, and one query gives every measure and every grouping a dashboard shows.
public struct WellbeingStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// What the cohorts are grouped by within each council.
    public enum Grouping: String, Sendable, CaseIterable {
        case council, ward, coordinator, category
    }

    /// A group's key: its council and, below the council, the ward id, coordinator id or label (nil when
    /// the people have none).
    public struct Key: Hashable, Sendable {
        public let councilID: Council.ID
        public let group: String?

        public init(councilID: Council.ID, group: String? = nil) {
            self.councilID = councilID
            self.group = group
        }
    }

    /// Cohorts for each measure in `kinds`, each grouping in `groupings`, each of `councils`, counting
    /// readings taken on or before `upTo` (a London day, yyyy-MM-dd) when given. Every grouping counts the
    /// same people (not merged away, readings not struck out), so a council's figure is its wards' together
    /// and its coordinators' together. With `supportedIn`, only people supported in that period count (the
    /// `paired-readings` figure's rule, with `upTo` its last day).
    public func cohorts(
        _ kinds: [MeasureKind], councils: [Council.ID], groupings: [Grouping], upTo: String? = nil,
        supportedIn: Period? = nil
    ) async throws -> [Grouping: [MeasureKind: [Key: DistanceTravelled.Cohort]]] {
        if councils.isEmpty || kinds.isEmpty || groupings.isEmpty { return [:] }
        var readings: SQLQueryString = """
            SELECT council_id, person_id, kind, FIRST_VALUE(score_hundredths) OVER w AS f, \
            LAST_VALUE(score_hundredths) OVER w AS l, COUNT(*) OVER w AS n, ROW_NUMBER() OVER w AS a \
            FROM measures WHERE council_id IN (\(binds: councils.map(\.uuid))) \
            AND kind IN (\(binds: kinds.map(\.rawValue))) AND declined = \(bind: false) AND score_hundredths IS NOT NULL \
            AND struck_at IS NULL
            """
        if let upTo { readings += " AND taken_on <= \(bind: upTo)" }
        if let supportedIn {
            readings += " AND person_id IN (\(FiguresStore.supported(councils.map(\.uuid), supportedIn)))"
        }
        // One window a person and measure, in the order of the `measures_pairing` index (so no sort): its
        // first and latest reading and how many there are, kept once (the first row) when there are two.
        readings +=
            " WINDOW w AS (PARTITION BY council_id, kind, person_id ORDER BY taken_on, created_at, id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)"
        let pairs: SQLQueryString = "SELECT council_id, person_id, kind, f, l FROM r WHERE a = 1 AND n >= 2"
        let people: SQLQueryString = """
            SELECT p.council_id, p.kind, p.f, p.l, pe.ward_id, pe.coordinator_id, pe.categories \
            FROM p JOIN people pe ON pe.id = p.person_id AND pe.merged_into_id IS NULL
            """
        let sums = "COUNT(*) AS n, CAST(SUM(f) AS BIGINT) AS sf, CAST(SUM(l) AS BIGINT) AS sl"
        var selects: [SQLQueryString] = []
        for grouping in groupings {
            let name = grouping.rawValue
            switch grouping {
            case .council:
                selects.append(
                    "SELECT '\(unsafeRaw: name)' AS grouped, council_id, kind, CAST(NULL AS TEXT) AS g, \(unsafeRaw: sums) FROM q GROUP BY council_id, kind"
                )
            case .ward, .coordinator:
                let column = grouping == .ward ? "ward_id" : "coordinator_id"
                selects.append(
                    "SELECT '\(unsafeRaw: name)' AS grouped, council_id, kind, CAST(\(unsafeRaw: column) AS TEXT) AS g, \(unsafeRaw: sums) FROM q GROUP BY council_id, kind, \(unsafeRaw: column)"
                )
            case .category:
                var labels: SQLQueryString = "SELECT \(bind: ReportingCategory.allCases[0].rawValue) AS label"
                for category in ReportingCategory.allCases.dropFirst() {
                    labels += " UNION ALL SELECT \(bind: category.rawValue)"
                }
                selects.append(
                    "SELECT '\(unsafeRaw: name)' AS grouped, council_id, kind, c.label AS g, \(unsafeRaw: sums) FROM q JOIN (\(labels)) c ON (',' || q.categories || ',') LIKE ('%,' || c.label || ',%') GROUP BY council_id, kind, c.label"
                )
            }
        }
        var query: SQLQueryString = "WITH r AS (\(readings)), p AS (\(pairs)), q AS (\(people)) "
        for (index, select) in selects.enumerated() {
            if index > 0 { query += " UNION ALL " }
            query += select
        }
        var result: [Grouping: [MeasureKind: [Key: DistanceTravelled.Cohort]]] = [:]
        for row in try await database.sql.raw(query).all() {
            guard let grouping = Grouping(rawValue: try row.decode(column: "grouped", as: String.self)),
                let kind = MeasureKind(rawValue: try row.decode(column: "kind", as: String.self))
            else { continue }
            var group = try row.decode(column: "g", as: String?.self)
            // Ids read back as text: the same spelling on every database.
            if grouping == .ward || grouping == .coordinator {
                group = group.flatMap { UUID(uuidString: $0) }?.uuidString
            }
            let key = Key(councilID: .init(try row.decode(column: "council_id", as: UUID.self)), group: group)
            result[grouping, default: [:]][kind, default: [:]][key] = DistanceTravelled.cohort(
                paired: try row.decode(column: "n", as: Int.self),
                firstHundredths: try row.decode(column: "sf", as: Int.self),
                latestHundredths: try row.decode(column: "sl", as: Int.self))
        }
        return result
    }

    /// Cohorts of one measure under one grouping.
    public func cohorts(
        _ kind: MeasureKind, councils: [Council.ID], by grouping: Grouping = .council, upTo: String? = nil
    ) async throws -> [Key: DistanceTravelled.Cohort] {
        try await cohorts([kind], councils: councils, groupings: [grouping], upTo: upTo)[grouping]?[kind] ?? [:]
    }
}
