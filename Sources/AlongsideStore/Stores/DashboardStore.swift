import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// The counts behind a council's dashboard, read with plain SQL aggregates scoped by council.
public struct DashboardStore: Sendable {
    let database: any Database
    public let councilID: Council.ID

    public init(_ database: any Database, councilID: Council.ID) {
        self.database = database
        self.councilID = councilID
    }

    var sql: any SQLDatabase { get throws { try database.sql } }

    /// The column that says when a row of `table` happened: a London day (yyyy-MM-dd) or a moment.
    static let dated: [String: (column: String, isDay: Bool)] = [
        "introductions": ("received_at", false), "connections": ("started_on", true),
        "contributions": ("started_on", true), "outcomes": ("happened_on", true),
        "community_work": ("happened_on", true), "help_requests": ("created_at", false),
    ]

    /// Counts of `column` in `table` for this council (optionally only active people, or only rows of
    /// `period`), most first.
    func counts(_ table: String, by column: String, activeOnly: Bool = false, in period: Period? = nil)
        async throws -> [(String, Int)]
    {
        // The key as text on both databases: PostgreSQL would not give an integer column (`level`) as a
        // String, so the by-level counts came back empty there.
        var query = try sql.select().column(SQLQueryString("CAST(\(ident: column) AS TEXT)"), as: "key")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(table).where("council_id", .equal, councilID.uuid)
        if let period, let dated = Self.dated[table] {
            if dated.isDay {
                query = query.where(SQLColumn(dated.column), .greaterThanOrEqual, SQLBind(period.from))
                    .where(SQLColumn(dated.column), .lessThanOrEqual, SQLBind(period.to))
            } else {
                let (start, end) = period.bounds
                query = query.where(SQLColumn(dated.column), .greaterThanOrEqual, SQLBind(start))
                    .where(SQLColumn(dated.column), .lessThan, SQLBind(end))
            }
        }
        if PersonTables.correctable.contains(table) {
            query = query.where(SQLColumn("struck_at"), .is, SQLLiteral.null)
        }
        if activeOnly {
            query = query.where("stage", .notEqual, JourneyStage.ended.rawValue).where(
                SQLColumn("merged_into_id"), .is, SQLLiteral.null)
        }
        let rows = try await query.groupBy(column).all()
        return try rows.map { row in
            let key = try row.decodeNil(column: "key") ? "" : try row.decode(column: "key", as: String.self)
            return (key, try row.decode(column: "n", as: Int.self))
        }.sorted { $0.1 == $1.1 ? $0.0 < $1.0 : $0.1 > $1.1 }
    }

    public func introductionsBySource(in period: Period? = nil) async throws -> [(IntroductionSource, Int)] {
        try await counts("introductions", by: "source", in: period).compactMap { key, n in
            IntroductionSource(rawValue: key).map { ($0, n) }
        }
    }

    /// Introductions in each calendar month the period touches (the latest 24 at most), each month cut to
    /// the period's own days, so the bars add up to the period's introductions.
    public func introductionsByMonth(in period: Period) async throws -> [(String, Int)] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .gmt
        let (start, end) = period.bounds
        let last = end.addingTimeInterval(-1)
        let lastMonth = calendar.date(from: calendar.dateComponents([.year, .month], from: last)) ?? last
        var months: [Date] = [lastMonth]
        while months.count < 24, let first = months.first, first > start,
            let before = calendar.date(byAdding: .month, value: -1, to: first)
        {
            months.insert(before, at: 0)
        }
        let bounds: [(Date, Date)] = months.map { month in
            let next = calendar.date(byAdding: .month, value: 1, to: month) ?? month
            return (max(month, start), min(next, end))
        }.filter { $0.0 < $0.1 }
        guard !bounds.isEmpty else { return [] }
        var query: SQLQueryString = "SELECT "
        for (index, bound) in bounds.enumerated() {
            if index > 0 { query += ", " }
            query +=
                "SUM(CASE WHEN received_at >= \(bind: bound.0) AND received_at < \(bind: bound.1) THEN 1 ELSE 0 END) AS m\(unsafeRaw: String(index))"
        }
        query +=
            " FROM introductions WHERE council_id = \(bind: councilID.uuid) AND received_at >= \(bind: bounds[0].0) AND received_at < \(bind: bounds[bounds.count - 1].1)"
        let row = try await sql.raw(query).first()
        return try bounds.enumerated().map { index, bound in
            let parts = calendar.dateComponents([.year, .month], from: bound.0)
            let key = String(format: "%04d-%02d", parts.year ?? 0, parts.month ?? 0)
            return (key, try row?.decode(column: "m\(index)", as: Int?.self) ?? 0)
        }
    }

    public func activeByStage() async throws -> [(JourneyStage, Int)] {
        try await counts("people", by: "stage", activeOnly: true).compactMap { key, n in
            JourneyStage(rawValue: key).map { ($0, n) }
        }
    }

    public func activeByLevel() async throws -> [(SupportLevel, Int)] {
        try await counts("people", by: "level", activeOnly: true).compactMap { key, n in
            Int(key).flatMap(SupportLevel.init(rawValue:)).map { ($0, n) }
        }
    }

    /// Active people by ward id (nil key for people with no ward).
    public func activeByWard() async throws -> [(Ward.ID?, Int)] {
        try await counts("people", by: "ward_id", activeOnly: true).map { key, n in (Ward.ID(key), n) }
    }

    /// One count for each reporting label, `c0`, `c1`… in `ReportingCategory.allCases` order, of the rows
    /// whose comma-separated `categories` hold it.
    static var categorySums: SQLQueryString {
        var sums: SQLQueryString = ""
        for (index, category) in ReportingCategory.allCases.enumerated() {
            if index > 0 { sums += ", " }
            sums +=
                "SUM(CASE WHEN (',' || categories || ',') LIKE \(bind: "%,\(category.rawValue),%") THEN 1 ELSE 0 END) AS c\(unsafeRaw: String(index))"
        }
        return sums
    }

    public func activeByCategory() async throws -> [(ReportingCategory, Int)] {
        var query: SQLQueryString = "SELECT " + Self.categorySums
        query +=
            " FROM people WHERE council_id = \(bind: councilID.uuid) AND stage <> \(bind: JourneyStage.ended.rawValue) AND merged_into_id IS NULL"
        let row = try await sql.raw(query).first()
        return try ReportingCategory.allCases.enumerated().map { index, category in
            (category, try row?.decode(column: "c\(index)", as: Int?.self) ?? 0)
        }
    }

    public func outcomesByKind(in period: Period? = nil) async throws -> [(RecordedOutcome.Kind, Int)] {
        try await counts("outcomes", by: "kind", in: period).compactMap { key, n in
            RecordedOutcome.Kind(rawValue: key).map { ($0, n) }
        }
    }

}
