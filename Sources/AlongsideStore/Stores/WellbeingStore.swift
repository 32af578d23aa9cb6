import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Distance travelled worked out in the database: each person's first and latest answered reading of a
/// measure are paired with window functions and averaged per group, by the rule of
/// `DistanceTravelled.cohort` (people with two or more readings; means to two places). No reading is
/// loaded into Swift, so a council-year of a million people costs one aggregate query.
public struct WellbeingStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// What the cohorts are grouped by within each council.
    public enum Grouping: Sendable {
        case council, ward, coordinator, category
    }

    /// A group's key: its council and, below the council, the ward, coordinator or label (nil when the
    /// people have none).
    public struct Key: Hashable, Sendable {
        public let councilID: Council.ID
        public let group: String?

        public init(councilID: Council.ID, group: String? = nil) {
            self.councilID = councilID
            self.group = group
        }
    }

    /// Cohorts of `kind` for each of `councils`, grouped as asked, counting readings taken on or before
    /// `upTo` (a London day, yyyy-MM-dd) when given. Groups below the council are of people not merged away.
    public func cohorts(
        _ kind: MeasureKind, councils: [Council.ID], by grouping: Grouping = .council, upTo: String? = nil
    ) async throws -> [Key: DistanceTravelled.Cohort] {
        if councils.isEmpty { return [:] }
        var readings: SQLQueryString = """
            SELECT council_id, person_id, score_hundredths AS s, \
            ROW_NUMBER() OVER (PARTITION BY person_id ORDER BY taken_on, created_at, id) AS a, \
            ROW_NUMBER() OVER (PARTITION BY person_id ORDER BY taken_on DESC, created_at DESC, id DESC) AS z \
            FROM measures WHERE council_id IN (\(binds: councils.map(\.uuid))) AND kind = \(bind: kind.rawValue) \
            AND declined = \(bind: false) AND score_hundredths IS NOT NULL
            """
        if let upTo { readings += " AND taken_on <= \(bind: upTo)" }
        let pairs: SQLQueryString = """
            SELECT council_id, person_id, MAX(CASE WHEN a = 1 THEN s END) AS f, MAX(CASE WHEN z = 1 THEN s END) AS l \
            FROM r GROUP BY council_id, person_id HAVING COUNT(*) >= 2
            """
        let select: SQLQueryString
        switch grouping {
        case .council:
            select =
                "SELECT p.council_id, NULL AS g, COUNT(*) AS n, CAST(SUM(p.f) AS BIGINT) AS sf, CAST(SUM(p.l) AS BIGINT) AS sl FROM p"
        case .ward, .coordinator:
            let column = grouping == .ward ? "ward_id" : "coordinator_id"
            select = """
                SELECT p.council_id, pe.\(unsafeRaw: column) AS g, COUNT(*) AS n, CAST(SUM(p.f) AS BIGINT) AS sf, CAST(SUM(p.l) AS BIGINT) AS sl \
                FROM p JOIN people pe ON pe.id = p.person_id AND pe.merged_into_id IS NULL
                """
        case .category:
            var labels: SQLQueryString = "SELECT \(bind: ReportingCategory.allCases[0].rawValue) AS label"
            for category in ReportingCategory.allCases.dropFirst() {
                labels += " UNION ALL SELECT \(bind: category.rawValue)"
            }
            select = """
                SELECT p.council_id, c.label AS g, COUNT(*) AS n, CAST(SUM(p.f) AS BIGINT) AS sf, CAST(SUM(p.l) AS BIGINT) AS sl \
                FROM p JOIN people pe ON pe.id = p.person_id AND pe.merged_into_id IS NULL \
                JOIN (\(labels)) c ON (',' || pe.categories || ',') LIKE ('%,' || c.label || ',%')
                """
        }
        let query: SQLQueryString = "WITH r AS (\(readings)), p AS (\(pairs)) \(select) GROUP BY p.council_id, g"
        var result: [Key: DistanceTravelled.Cohort] = [:]
        for row in try await database.sql.raw(query).all() {
            let council = Council.ID(try row.decode(column: "council_id", as: UUID.self))
            let group: String? =
                switch grouping {
                case .council: nil
                case .ward, .coordinator: try row.decode(column: "g", as: UUID?.self)?.uuidString
                case .category: try row.decode(column: "g", as: String?.self)
                }
            result[Key(councilID: council, group: group)] = DistanceTravelled.cohort(
                paired: try row.decode(column: "n", as: Int.self),
                firstHundredths: try row.decode(column: "sf", as: Int.self),
                latestHundredths: try row.decode(column: "sl", as: Int.self))
        }
        return result
    }
}
