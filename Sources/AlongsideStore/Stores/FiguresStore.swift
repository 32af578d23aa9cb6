import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// The figures of `Figure`, counted one way for every page: the dashboard, its CSV, the quarterly report,
/// the Network comparison and `GET /api/v1/figures`. Each is one SQL aggregate over the councils asked
/// for, grouped by council (and, when asked, by the ward each person was in on the period's last day), so
/// a council's figure is its row in the Network comparison, and its wards' figures add up to it.
///
/// The world as it was: a person's level and ward are read as they stood on the period's last day (from
/// the journey events that changed them); wards covered and coordinators from the ward assignments in
/// force that day (or now, for a period still under way).
public struct FiguresStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    var sql: any SQLDatabase { get throws { try database.sql } }

    /// Whose figures: a council, or one of its wards (`ward` nil with `byWard` is the people with no ward).
    public struct Key: Hashable, Sendable {
        public let councilID: Council.ID
        /// nil for the council as a whole.
        public let ward: WardKey?

        public init(councilID: Council.ID, ward: WardKey? = nil) {
            self.councilID = councilID
            self.ward = ward
        }
    }

    /// A ward, or no ward (people not in one on the period's last day).
    public enum WardKey: Hashable, Sendable {
        case ward(Ward.ID)
        case none
    }

    /// Each council's figures for `period`, and each ward's too when `byWard`. `now` bounds "the period's
    /// last day" for a period under way.
    public func figures(councils: [Council.ID], period: Period, byWard: Bool = false, now: Date) async throws -> [Key:
        PeriodFigures]
    {
        try await figures(councils: councils, period: period, byWard: byWard, now: now, kept: nil)
    }

    /// As `figures(councils:period:byWard:now:)`, with the summary totals when the caller has read them
    /// already (the Network comparison reads them once for its breakdowns too).
    func figures(
        councils: [Council.ID], period: Period, byWard: Bool = false, now: Date, kept: [Council.ID: [String: Int]]?
    ) async throws -> [Key: PeriodFigures] {
        guard !councils.isEmpty else { return [:] }
        let ids = councils.map(\.uuid)
        let (start, end) = period.bounds
        var result: [Key: PeriodFigures] = [:]
        for council in councils { result[Key(councilID: council)] = PeriodFigures() }

        func add(_ council: UUID, _ wardText: String?, _ figure: Figure, _ n: Int) {
            let councilID = Council.ID(council)
            result[Key(councilID: councilID), default: PeriodFigures()].counts[figure, default: 0] += n
            if byWard {
                let key = Key(councilID: councilID, ward: Self.wardKey(wardText))
                result[key, default: PeriodFigures()].counts[figure, default: 0] += n
            }
        }
        let ward: SQLQueryString = byWard ? Self.wardAtEnd(end) : "CAST(NULL AS TEXT)"
        // The person is read only for their ward: a council's own figures need no look at people.
        let join: SQLQueryString = byWard ? "LEFT JOIN people p ON p.id = x.person_id" : ""

        // A named period: the totals kept as records are written (`FigureSummaries`), one grouped read for
        // every council (and its wards, when asked). Any other days: counted from the rows.
        var totals: [Council.ID: [String: Int]]? = nil
        if FigureSummaries.isSummarised(period) {
            let read: [Council.ID: [String: Int]]
            if let kept, !byWard {
                read = kept
            } else {
                read = try await FigureSummaries(database).totals(councils: councils, period: period, byWard: byWard)
            }
            for (council, codes) in read {
                var own: [String: Int] = [:]
                var wards: [String: [String: Int]] = [:]
                for (code, n) in codes {
                    guard code.hasPrefix(FigureSummaries.Code.wardPrefix) else {
                        own[code] = n
                        continue
                    }
                    let rest = code.dropFirst(FigureSummaries.Code.wardPrefix.count)
                    guard let slash = rest.firstIndex(of: "/") else { continue }
                    wards[String(rest[..<slash]), default: [:]][String(rest[rest.index(after: slash)...])] = n
                }
                result[Key(councilID: council)] = Self.figures(fromTotals: own)
                for (ward, codes) in wards where byWard {
                    result[Key(councilID: council, ward: Self.wardKey(ward))] = Self.figures(fromTotals: codes)
                }
            }
            totals = read.mapValues { $0.filter { !$0.key.hasPrefix(FigureSummaries.Code.wardPrefix) } }
        } else {
            // Events: each belongs to the one period it happened in.
            let events: [(Figure, SQLQueryString)] = [
                (
                    .introductions,
                    "SELECT x.council_id, \(ward) AS w FROM introductions x \(join) WHERE x.council_id IN (\(binds: ids)) AND x.received_at >= \(bind: start) AND x.received_at < \(bind: end)"
                ),
                (
                    .connections,
                    "SELECT x.council_id, \(ward) AS w FROM connections x \(join) WHERE x.council_id IN (\(binds: ids)) AND x.started_on >= \(bind: period.from) AND x.started_on <= \(bind: period.to) AND x.struck_at IS NULL"
                ),
                (
                    .connectionsLasting,
                    "SELECT x.council_id, \(ward) AS w FROM connections x \(join) WHERE x.council_id IN (\(binds: ids)) AND x.started_on >= \(bind: period.from) AND x.started_on <= \(bind: period.to) AND x.struck_at IS NULL AND x.lasting = \(bind: true)"
                ),
                (
                    .contributions,
                    "SELECT x.council_id, \(ward) AS w FROM contributions x \(join) WHERE x.council_id IN (\(binds: ids)) AND x.started_on >= \(bind: period.from) AND x.started_on <= \(bind: period.to) AND x.struck_at IS NULL"
                ),
                (
                    .avoidedCrises,
                    "SELECT x.council_id, \(ward) AS w FROM outcomes x \(join) WHERE x.council_id IN (\(binds: ids)) AND x.happened_on >= \(bind: period.from) AND x.happened_on <= \(bind: period.to) AND x.struck_at IS NULL AND x.kind IN (\(binds: Self.avoidedKinds))"
                ),
                (
                    .outcomes,
                    "SELECT x.council_id, \(ward) AS w FROM outcomes x \(join) WHERE x.council_id IN (\(binds: ids)) AND x.happened_on >= \(bind: period.from) AND x.happened_on <= \(bind: period.to) AND x.struck_at IS NULL AND x.kind NOT IN (\(binds: Self.avoidedKinds))"
                ),
            ]
            for (figure, select) in events {
                let query: SQLQueryString =
                    "SELECT council_id, w, COUNT(*) AS n FROM (\(select)) e GROUP BY council_id, w"
                for row in try await sql.raw(query).all() {
                    add(
                        try row.decode(column: "council_id", as: UUID.self),
                        try row.decode(column: "w", as: String?.self),
                        figure, try row.decode(column: "n", as: Int?.self) ?? 0)
                }
            }

            // People supported, by their level on the period's last day.
            let people: SQLQueryString = """
                SELECT council_id, w, lv, COUNT(*) AS n FROM (SELECT p.council_id, \(ward) AS w, \(Self.levelAtEnd(end)) AS lv \
                FROM people p WHERE p.council_id IN (\(binds: ids)) AND p.merged_into_id IS NULL AND p.id IN (\(Self.supported(ids, period))) \
                ) s GROUP BY council_id, w, lv
                """
            for row in try await sql.raw(people).all() {
                let council = try row.decode(column: "council_id", as: UUID.self)
                let wardText = try row.decode(column: "w", as: String?.self)
                let n = try row.decode(column: "n", as: Int.self)
                add(council, wardText, .peopleSupported, n)
                let level = try row.decode(column: "lv", as: String?.self)
                add(council, wardText, level == "2" ? .walkedAlongside : .levelOneContacts, n)
            }

            // Wellbeing: people supported in the period with two or more SWEMWBS readings by its last day,
            // first to latest.
            var sums: [Key: (first: Int, latest: Int)] = [:]
            let readings: SQLQueryString = """
                SELECT m.council_id, m.person_id, m.taken_on, FIRST_VALUE(m.score_hundredths) OVER w AS f, \
                LAST_VALUE(m.score_hundredths) OVER w AS l, FIRST_VALUE(m.taken_on) OVER w AS ft, COUNT(*) OVER w AS c, \
                ROW_NUMBER() OVER w AS a FROM measures m WHERE m.council_id IN (\(binds: ids)) \
                AND m.kind = \(bind: MeasureKind.swemwbs.rawValue) AND m.declined = \(bind: false) \
                AND m.score_hundredths IS NOT NULL AND m.struck_at IS NULL AND m.taken_on <= \(bind: period.to) \
                AND m.person_id IN (\(Self.supported(ids, period))) \
                WINDOW w AS (PARTITION BY m.council_id, m.person_id ORDER BY m.taken_on, m.created_at, m.id \
                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
                """
            let pairs: SQLQueryString = """
                WITH r AS (\(readings)) SELECT council_id, w, COUNT(*) AS n, CAST(SUM(f) AS BIGINT) AS sf, \
                CAST(SUM(l) AS BIGINT) AS sl, SUM(CASE WHEN ft < \(bind: period.from) THEN 1 ELSE 0 END) AS spanning FROM (\
                SELECT r.council_id, r.f, r.l, r.ft, \(ward) AS w FROM r JOIN people p ON p.id = r.person_id \
                AND p.merged_into_id IS NULL WHERE r.a = 1 AND r.c >= 2) q GROUP BY council_id, w
                """
            for row in try await sql.raw(pairs).all() {
                let council = try row.decode(column: "council_id", as: UUID.self)
                let wardText = try row.decode(column: "w", as: String?.self)
                add(council, wardText, .pairedReadings, try row.decode(column: "n", as: Int.self))
                let first = try row.decode(column: "sf", as: Int?.self) ?? 0
                let latest = try row.decode(column: "sl", as: Int?.self) ?? 0
                let spanning = try row.decode(column: "spanning", as: Int?.self) ?? 0
                var keys = [Key(councilID: .init(council))]
                if byWard { keys.append(Key(councilID: .init(council), ward: Self.wardKey(wardText))) }
                for key in keys {
                    sums[key, default: (0, 0)].first += first
                    sums[key, default: (0, 0)].latest += latest
                    result[key, default: PeriodFigures()].pairsSpanningPeriods += spanning
                }
            }
            for (key, sum) in sums {
                let paired = result[key]?[.pairedReadings] ?? 0
                result[key]?.wellbeingChange =
                    DistanceTravelled.cohort(paired: paired, firstHundredths: sum.first, latestHundredths: sum.latest)
                    .meanChange
            }

        }

        // Wards covered and coordinators named, on the period's last day (or now).
        let moment = min(end, now)
        let covered: SQLQueryString = """
            SELECT council_id, CAST(ward_id AS TEXT) AS w, COUNT(DISTINCT coordinator_id) AS n FROM ward_assignments \
            WHERE council_id IN (\(binds: ids)) AND started_at < \(bind: moment) \
            AND (ended_at IS NULL OR ended_at >= \(bind: moment)) GROUP BY council_id, ward_id
            """
        var coordinators: [UUID: Set<UUID>] = [:]
        for row in try await sql.raw(covered).all() {
            let council = try row.decode(column: "council_id", as: UUID.self)
            let wardText = try row.decode(column: "w", as: String?.self)
            add(council, wardText, .wardsCovered, 1)
            if byWard {
                result[Key(councilID: .init(council), ward: Self.wardKey(wardText))]?.counts[.coordinators] =
                    try row.decode(column: "n", as: Int.self)
            }
        }
        let named: SQLQueryString = """
            SELECT DISTINCT council_id, coordinator_id FROM ward_assignments WHERE council_id IN (\(binds: ids)) \
            AND started_at < \(bind: moment) AND (ended_at IS NULL OR ended_at >= \(bind: moment))
            """
        for row in try await sql.raw(named).all() {
            coordinators[try row.decode(column: "council_id", as: UUID.self), default: []].insert(
                try row.decode(column: "coordinator_id", as: UUID.self))
        }
        for council in councils {
            result[Key(councilID: council)]?.counts[.coordinators] = coordinators[council.uuid]?.count ?? 0
        }
        try await socialValue(
            councils, period, today: ISODay.string(now), into: &result,
            outcomes: totals?.mapValues(Self.outcomeCounts(fromTotals:)),
            wellbeing: totals?.mapValues(Self.wellbeing(fromTotals:)))
        return result
    }

    /// Social value and its ratio: each council's default SROI model for the period, as
    /// `SROIStore.periodModel` builds it (the SROI page's own default: its proxy library brought to one
    /// price year, WELLBYs included, against its yearly investment setting for the days of the period so
    /// far), every council's inputs read in one grouped query each (`SROIStore.periodModels`).
    func socialValue(
        _ councils: [Council.ID], _ period: Period, today: String, into result: inout [Key: PeriodFigures],
        outcomes: [Council.ID: [RecordedOutcome.Kind: Int]]? = nil, wellbeing: [Council.ID: Wellby.Change]? = nil
    ) async throws {
        for (council, built) in try await SROIStore.periodModels(
            of: councils, period: period, today: today, on: database, outcomes: outcomes, wellbeing: wellbeing)
        {
            result[Key(councilID: council)]?.socialValue = built.socialValue
            result[Key(councilID: council)]?.investment =
                built.basis.investmentSource == .none ? nil : built.basis.investment
        }
    }

    /// One council's figures for a period (no wards).
    public func figures(council: Council.ID, period: Period, now: Date) async throws -> PeriodFigures {
        try await figures(councils: [council], period: period, now: now)[Key(councilID: council)] ?? PeriodFigures()
    }

    /// A council's figures from its summary totals (`FigureSummaries.Code`), as the rows would count them.
    static func figures(fromTotals totals: [String: Int]) -> PeriodFigures {
        var figures = PeriodFigures()
        for figure in [
            Figure.introductions, .connections, .connectionsLasting, .contributions, .peopleSupported,
            .levelOneContacts, .walkedAlongside, .pairedReadings,
        ] {
            if let n = totals[figure.rawValue], n != 0 { figures.counts[figure] = n }
        }
        var avoided = 0
        var outcomes = 0
        for (code, n) in totals where code.hasPrefix(FigureSummaries.Code.outcome("")) {
            let kind = RecordedOutcome.Kind(rawValue: String(code.dropFirst(FigureSummaries.Code.outcome("").count)))
            if kind?.isAvoidedEvent == true { avoided += n } else { outcomes += n }
        }
        if avoided != 0 { figures.counts[.avoidedCrises] = avoided }
        if outcomes != 0 { figures.counts[.outcomes] = outcomes }
        figures.pairsSpanningPeriods = totals[FigureSummaries.Code.pairedSpanning] ?? 0
        let paired = figures[.pairedReadings]
        if paired > 0 {
            figures.wellbeingChange =
                DistanceTravelled.cohort(
                    paired: paired, firstHundredths: totals[FigureSummaries.Code.pairedFirst] ?? 0,
                    latestHundredths: totals[FigureSummaries.Code.pairedLatest] ?? 0
                ).meanChange
        }
        return figures
    }

    /// Outcomes by kind (the known kinds) from summary totals, as `SROIStore.outcomeCounts` counts them.
    static func outcomeCounts(fromTotals totals: [String: Int]) -> [RecordedOutcome.Kind: Int] {
        var counts: [RecordedOutcome.Kind: Int] = [:]
        let prefix = FigureSummaries.Code.outcome("")
        for (code, n) in totals where code.hasPrefix(prefix) && n != 0 {
            if let kind = RecordedOutcome.Kind(rawValue: String(code.dropFirst(prefix.count))) { counts[kind] = n }
        }
        return counts
    }

    /// The life-satisfaction change from summary totals, as `Wellby.change` works it out from the readings.
    static func wellbeing(fromTotals totals: [String: Int]) -> Wellby.Change {
        Wellby.Change(
            people: totals[FigureSummaries.Code.wellbyPeople] ?? 0,
            gained: Decimal(totals[FigureSummaries.Code.wellbyGained] ?? 0) / 100,
            lost: Decimal(totals[FigureSummaries.Code.wellbyLost] ?? 0) / 100)
    }

    static var avoidedKinds: [String] {
        RecordedOutcome.Kind.allCases.filter(\.isAvoidedEvent).map(\.rawValue)
    }

    /// The people supported in the period: an introduction or a conversation in it (not struck out).
    static func supported(_ ids: [UUID], _ period: Period) -> SQLQueryString {
        let (start, end) = period.bounds
        return """
            SELECT person_id FROM introductions WHERE council_id IN (\(binds: ids)) \
            AND received_at >= \(bind: start) AND received_at < \(bind: end) UNION \
            SELECT person_id FROM conversations WHERE council_id IN (\(binds: ids)) \
            AND happened_on >= \(bind: period.from) AND happened_on <= \(bind: period.to) AND struck_at IS NULL
            """
    }

    /// The ward person `p` was in just before `end`: the last move before it, else where the first move
    /// after it came from, else their ward now; "none" for no ward.
    static func wardAtEnd(_ end: Date) -> SQLQueryString {
        """
        COALESCE((SELECT COALESCE(e.to_value, 'none') FROM journey_events e WHERE e.person_id = p.id \
        AND e.kind = 'ward' AND e.at < \(bind: end) ORDER BY e.at DESC, e.id DESC LIMIT 1), \
        (SELECT COALESCE(e.from_value, 'none') FROM journey_events e WHERE e.person_id = p.id AND e.kind = 'ward' \
        AND e.at >= \(bind: end) ORDER BY e.at, e.id LIMIT 1), CAST(p.ward_id AS TEXT), 'none')
        """
    }

    /// The level ("1" or "2") person `p` was at just before `end`, by the same rule as `wardAtEnd`.
    static func levelAtEnd(_ end: Date) -> SQLQueryString {
        """
        COALESCE((SELECT e.to_value FROM journey_events e WHERE e.person_id = p.id AND e.kind = 'level' \
        AND e.at < \(bind: end) ORDER BY e.at DESC, e.id DESC LIMIT 1), \
        (SELECT e.from_value FROM journey_events e WHERE e.person_id = p.id AND e.kind = 'level' \
        AND e.at >= \(bind: end) ORDER BY e.at, e.id LIMIT 1), CAST(p.level AS TEXT))
        """
    }

    static func wardKey(_ text: String?) -> WardKey {
        guard let text, let id = UUID(uuidString: text) else { return .none }
        return .ward(Ward.ID(id))
    }
}
