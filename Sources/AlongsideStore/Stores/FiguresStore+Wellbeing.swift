import AlongsideCore
import FluentKit
import Foundation
import SQLKit

extension FiguresStore {
    /// For each measure, the people supported in `period` with two or more readings by its last day (the
    /// `paired-readings` rule), by the direction of their own change first to latest against the measure's
    /// published threshold (`MeasureKind.meaningfulChangeHundredths`).
    public func individualChanges(council: Council.ID, period: Period) async throws -> [MeasureKind: IndividualChange] {
        let ids = [council.uuid]
        let readings: SQLQueryString = """
            SELECT m.kind, m.person_id, FIRST_VALUE(m.score_hundredths) OVER w AS f, \
            LAST_VALUE(m.score_hundredths) OVER w AS l, COUNT(*) OVER w AS c, ROW_NUMBER() OVER w AS a \
            FROM measures m WHERE m.council_id IN (\(binds: ids)) AND m.declined = \(bind: false) \
            AND m.score_hundredths IS NOT NULL AND m.struck_at IS NULL AND m.taken_on <= \(bind: period.to) \
            AND m.person_id IN (\(Self.supported(ids, period))) \
            WINDOW w AS (PARTITION BY m.kind, m.person_id ORDER BY m.taken_on, m.created_at, m.id \
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
            """
        let query: SQLQueryString = """
            WITH r AS (\(readings)) SELECT r.kind, r.l - r.f AS d, COUNT(*) AS n FROM r \
            JOIN people p ON p.id = r.person_id AND p.merged_into_id IS NULL WHERE r.a = 1 AND r.c >= 2 \
            GROUP BY r.kind, r.l - r.f
            """
        var result: [MeasureKind: IndividualChange] = [:]
        for row in try await sql.raw(query).all() {
            guard let kind = MeasureKind(rawValue: try row.decode(column: "kind", as: String.self)) else { continue }
            let n = try row.decode(column: "n", as: Int.self)
            switch IndividualChange.direction(of: try row.decode(column: "d", as: Int.self), on: kind) {
            case 1: result[kind, default: .init()].improved += n
            case -1: result[kind, default: .init()].worsened += n
            default: result[kind, default: .init()].same += n
            }
        }
        return result
    }
}
