import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// The figures of every standard period (month, financial quarter, financial year) kept as records are
/// written, so the Network comparison reads a few rows a council whatever the number of people.
///
/// - `figure_summaries`: for each council, period key (`2026-07`, `fy2026-q2`, `fy2026`) and code
///   (`people-supported`, `introductions:gp`, `outcome:hospital-admission`, `paired-first`…), a total.
/// - `figure_contributions`: each person's own part of those totals (`Contribution`), so a change is
///   applied as the difference between what the person gave before and what they give now.
/// - `figure_pending`: the people whose rows changed since their part was last worked out. The database
///   fills it itself (triggers on every table a figure reads, written by migration 026), so no write can
///   be missed whichever path it takes. The marks are written in the change's own transaction, so the
///   totals with the marks still pending are exact at every moment; `Database.change` folds the marks in
///   as soon as its transaction commits, and a read of the summaries first folds in any still there
///   (writes outside `change`: plain transactions, the bulk loaders, imports).
///
/// A person's part is worked out from their own rows only (`Contribution.of`), by the very rules of
/// `FiguresStore`'s SQL; `FigureSummariesTests` checks the two agree after every kind of write.
///
/// The three tables have no Fluent model, and this is the one place that reads and writes them: their rows
/// are changed set-wise (a total moves by a difference in one `UPDATE`/`INSERT` a period; a person's
/// contributions are replaced for many people a statement; a rebuild deletes and writes a council's rows
/// whole), `figure_pending` is written by the database's own triggers, and none of them has an id of its own
/// (their keys are council, period and code; person; person).
public struct FigureSummaries: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    var sql: any SQLDatabase { get throws { try database.sql } }

    /// Whether a period has summary rows: the named periods do; any other days are counted from the rows.
    public static func isSummarised(_ period: Period) -> Bool { period.kind != .dates }

    // MARK: Codes

    enum Code {
        static let introductions = Figure.introductions.rawValue
        static let connections = Figure.connections.rawValue
        static let connectionsLasting = Figure.connectionsLasting.rawValue
        static let contributions = Figure.contributions.rawValue
        static let supported = Figure.peopleSupported.rawValue
        static let levelOne = Figure.levelOneContacts.rawValue
        static let levelTwo = Figure.walkedAlongside.rawValue
        static let paired = Figure.pairedReadings.rawValue
        static let pairedFirst = "paired-first"
        static let pairedLatest = "paired-latest"
        static let pairedSpanning = "paired-spanning"
        static let wellbyPeople = "wellby-people"
        static let wellbyGained = "wellby-gained"
        static let wellbyLost = "wellby-lost"
        static func source(_ source: String) -> String { "introductions:" + source }
        static func outcome(_ kind: String) -> String { "outcome:" + kind }
        static func label(_ category: String) -> String { "label:" + category }
        /// The kinds of outcome a person had in the period, sorted: "people with a valued outcome" depends on
        /// the council's library, so it is counted from these when read.
        static func kinds(_ kinds: [String]) -> String { "kinds:" + kinds.joined(separator: ",") }
        /// A figure's total for the people in a ward on the period's last day (`ward` is the ward's id, or
        /// "none"), for the dashboard's wards.
        static func inWard(_ ward: String, _ code: String) -> String { wardPrefix + ward + "/" + code }
        static let wardPrefix = "ward="
        /// The codes kept by ward too: the defined figures that are counted by ward.
        static func isByWard(_ code: String) -> Bool { byWard.contains(code) || code.hasPrefix(outcomePrefix) }
        /// Made once: `isByWard` is asked of each code a `Contribution.PeriodCache` numbers.
        static let byWard: Set<String> = [
            introductions, connections, connectionsLasting, contributions, supported, levelOne, levelTwo, paired,
            pairedFirst, pairedLatest, pairedSpanning,
        ]
        static let outcomePrefix = outcome("")
    }

    // MARK: One person's part

    /// A person's own rows, as the figures read them (struck-out entries left out).
    struct PersonRows {
        var exists = false
        var merged = false
        var level = 1
        var categories: [String] = []
        var introductions: [(at: Date, source: String)] = []
        var conversationDays: [String] = []
        var connections: [(day: String, lasting: Bool)] = []
        var contributionDays: [String] = []
        var outcomes: [(day: String, kind: String)] = []
        var levelEvents: [(at: Date, id: String, from: String?, to: String?)] = []
        var wardID: UUID? = nil
        var wardEvents: [(at: Date, id: String, from: String?, to: String?)] = []
        var swemwbs: [Wellby.Reading] = []
        var ons4: [Wellby.Reading] = []
    }

    // MARK: Bringing the summaries up to date

    /// Works out again the part of every person waiting in `figure_pending` (all councils, or one) and
    /// applies the differences to `figure_summaries`, in batches of `batch` people; `progress` is told how
    /// many are done after each batch. Inside a transaction, it is that transaction.
    @discardableResult
    public func catchUp(council: Council.ID? = nil, batch: Int = 500, progress: ((Int) -> Void)? = nil)
        async throws -> Int
    {
        let sql = try sql
        var filter: SQLQueryString = ""
        if let council { filter = " WHERE council_id = \(bind: council.uuid)" }
        let probe: SQLQueryString = "SELECT person_id FROM figure_pending" + filter + " LIMIT 1"
        guard try await sql.raw(probe).first() != nil else { return 0 }
        if sql.dialect.name == "postgresql" {
            // One catch-up at a time: a person's part is read, worked out and written back, so two at once
            // could apply the same difference twice. Held to the end of the transaction.
            try await sql.raw("SELECT pg_advisory_xact_lock(\(unsafeRaw: String(Self.lockKey)))").run()
        }
        let pending: SQLQueryString = "SELECT DISTINCT council_id, person_id FROM figure_pending" + filter
        var people: [UUID: [UUID]] = [:]
        for row in try await sql.raw(pending).all() {
            people[try row.decode(column: "council_id", as: UUID.self), default: []].append(
                try row.decode(column: "person_id", as: UUID.self))
        }
        var done = 0
        for (council, ids) in people.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
            var start = 0
            while start < ids.count {
                let chunk = Array(ids[start..<min(start + batch, ids.count)])
                try await apply(council: council, people: chunk)
                start += chunk.count
                done += chunk.count
                progress?(done)
            }
        }
        return done
    }

    /// A fixed key for PostgreSQL's advisory lock ("figures" in ASCII).
    static let lockKey = 0x6669_6775_7265_73

    /// What a set of people's parts add to the totals, and the parts that changed (as text).
    struct Worked: Sendable {
        var differences: [String: [String: Int]] = [:]
        var after: [(UUID, String)] = []
    }

    /// Works out the people's parts from their `rows` and, for each whose part is not what it was (`before`,
    /// its kept text), what it adds to the totals now less what it added before, by period key and code.
    static func work(people: [UUID], rows: [PersonRows], before: [String?]) -> Worked {
        var names = Contribution.PeriodCache()
        var totals: [Int: Int] = [:]
        var byWard: [Int: Int] = [:]
        var result = Worked()
        for (index, person) in people.enumerated() {
            let now = Contribution.of(rows[index], calendar: &names)
            let was = before[index].map { Contribution(text: $0, names: &names) } ?? Contribution()
            guard now != was else { continue }
            now.add(to: &totals, byWard: &byWard, names: names)
            was.add(to: &totals, byWard: &byWard, sign: -1, names: names)
            result.after.append((person, now.text(names)))
        }
        result.differences = Contribution.named(totals: totals, byWard: byWard, names: names)
        return result
    }

    /// Works out `people`'s parts again and applies the differences, then forgets they were pending.
    func apply(council: UUID, people: [UUID]) async throws {
        let sql = try sql
        var rows = Dictionary(uniqueKeysWithValues: people.map { ($0, PersonRows()) })
        let scope: SQLQueryString = "council_id = \(bind: council) AND "
        try await read(
            into: &rows, people: scope + "id IN (\(binds: people))", of: scope + "person_id IN (\(binds: people))")
        try await write(rows: rows, people: people, council: council)
        let of: SQLQueryString = scope + "person_id IN (\(binds: people))"
        try await sql.raw("DELETE FROM figure_pending WHERE " + of).run()
    }

    /// Reads the rows a figure reads of the people in `rows` (those `people` selects from `people`, `of` from
    /// the tables of a person's rows), in one statement a table.
    func read(into rows: inout [UUID: PersonRows], people: SQLQueryString, of: SQLQueryString) async throws {
        let sql = try sql
        for row in try await sql.raw(
            "SELECT id, level, categories, merged_into_id, ward_id FROM people WHERE " + people
        ).all() {
            let id = try row.decode(column: "id", as: UUID.self)
            rows[id]?.exists = true
            rows[id]?.level = try row.decode(column: "level", as: Int.self)
            rows[id]?.categories =
                (try row.decode(column: "categories", as: String.self)).split(separator: ",").map(String.init)
            rows[id]?.merged = try row.decode(column: "merged_into_id", as: UUID?.self) != nil
            rows[id]?.wardID = try row.decode(column: "ward_id", as: UUID?.self)
        }
        for row in try await sql.raw("SELECT person_id, received_at, source FROM introductions WHERE " + of).all() {
            rows[try row.decode(column: "person_id", as: UUID.self)]?.introductions.append(
                (
                    try row.decode(column: "received_at", as: Date.self),
                    try row.decode(column: "source", as: String.self)
                ))
        }
        for row in try await sql.raw(
            "SELECT person_id, happened_on FROM conversations WHERE " + of + " AND struck_at IS NULL"
        ).all() {
            rows[try row.decode(column: "person_id", as: UUID.self)]?.conversationDays.append(
                try row.decode(column: "happened_on", as: String.self))
        }
        for row in try await sql.raw(
            "SELECT person_id, started_on, lasting FROM connections WHERE " + of + " AND struck_at IS NULL"
        ).all() {
            rows[try row.decode(column: "person_id", as: UUID.self)]?.connections.append(
                (
                    try row.decode(column: "started_on", as: String.self),
                    try row.decode(column: "lasting", as: Bool?.self) == true
                ))
        }
        for row in try await sql.raw(
            "SELECT person_id, started_on FROM contributions WHERE " + of + " AND struck_at IS NULL"
        ).all() {
            rows[try row.decode(column: "person_id", as: UUID.self)]?.contributionDays.append(
                try row.decode(column: "started_on", as: String.self))
        }
        for row in try await sql.raw(
            "SELECT person_id, happened_on, kind FROM outcomes WHERE " + of + " AND struck_at IS NULL"
        ).all() {
            rows[try row.decode(column: "person_id", as: UUID.self)]?.outcomes.append(
                (
                    try row.decode(column: "happened_on", as: String.self),
                    try row.decode(column: "kind", as: String.self)
                ))
        }
        for row in try await sql.raw(
            "SELECT person_id, kind, at, id, from_value, to_value FROM journey_events WHERE " + of
                + " AND kind IN ('level', 'ward')"
        ).all() {
            let event = (
                try row.decode(column: "at", as: Date.self),
                (try row.decode(column: "id", as: UUID.self)).uuidString,
                try row.decode(column: "from_value", as: String?.self),
                try row.decode(column: "to_value", as: String?.self)
            )
            let person = try row.decode(column: "person_id", as: UUID.self)
            if try row.decode(column: "kind", as: String.self) == "level" {
                rows[person]?.levelEvents.append(event)
            } else {
                rows[person]?.wardEvents.append(event)
            }
        }
        let measures: SQLQueryString =
            "SELECT person_id, kind, taken_on, created_at, id, score_hundredths FROM measures WHERE " + of
                + """
                 AND kind IN (\(binds: [MeasureKind.swemwbs.rawValue, MeasureKind.ons4.rawValue])) \
                AND declined = \(bind: false) AND score_hundredths IS NOT NULL AND struck_at IS NULL
                """
        for row in try await sql.raw(measures).all() {
            let person = try row.decode(column: "person_id", as: UUID.self)
            let reading = Wellby.Reading(
                personID: .init(person), takenOn: try row.decode(column: "taken_on", as: String.self),
                recordedAt: try row.decode(column: "created_at", as: Date.self),
                id: try row.decode(column: "id", as: UUID.self),
                hundredths: try row.decode(column: "score_hundredths", as: Int.self))
            if try row.decode(column: "kind", as: String.self) == MeasureKind.swemwbs.rawValue {
                rows[person]?.swemwbs.append(reading)
            } else {
                rows[person]?.ons4.append(reading)
            }
        }
    }

    /// Works out the parts of `people` from their `rows`, and applies the differences from what they gave
    /// before (as kept in `figure_contributions`) to the council's totals.
    /// `fresh`: the people have no part kept yet (a rebuild emptied them), so none is read.
    func write(rows: [UUID: PersonRows], people: [UUID], council: UUID, fresh: Bool = false) async throws {
        let sql = try sql
        // What each gave before.
        var before: [UUID: String] = [:]
        if !fresh {
            for row in try await sql.raw(
                "SELECT person_id, document FROM figure_contributions WHERE council_id = \(bind: council) AND person_id IN (\(binds: people))"
            ).all() {
                before[try row.decode(column: "person_id", as: UUID.self)] = try row.decode(
                    column: "document", as: String.self)
            }
        }
        var differences: [String: [String: Int]] = [:]
        var after: [(UUID, String)] = []
        // Many people (a rebuild): worked out in two halves at once, on both cores.
        let parts = people.count >= 100 ? 2 : 1
        let size = (people.count + parts - 1) / parts
        let slices = stride(from: 0, to: people.count, by: max(size, 1)).map {
            Array(people[$0..<min($0 + size, people.count)])
        }
        let worked = await withTaskGroup(of: (Int, Self.Worked).self) { group in
            for (index, slice) in slices.enumerated() {
                let rows = slice.map { rows[$0] ?? PersonRows() }
                let was = slice.map { before[$0] }
                group.addTask { (index, Self.work(people: slice, rows: rows, before: was)) }
            }
            var results = [Self.Worked](repeating: Self.Worked(), count: slices.count)
            for await (index, result) in group { results[index] = result }
            return results
        }
        for part in worked {
            for (key, codes) in part.differences {
                for (code, amount) in codes { differences[key, default: [:]][code, default: 0] += amount }
            }
            after += part.after
        }
        // Totals, in one order so two writers on PostgreSQL lock rows alike.
        var changes: [(String, String, Int)] = []
        for (key, codes) in differences.sorted(by: { $0.key < $1.key }) {
            for (code, amount) in codes.sorted(by: { $0.key < $1.key }) where amount != 0 {
                changes.append((key, code, amount))
            }
        }
        var start = 0
        while start < changes.count {
            let chunk = changes[start..<min(start + 1_000, changes.count)]
            var query: SQLQueryString = "INSERT INTO figure_summaries (council_id, period_key, code, total) VALUES "
            for (index, change) in chunk.enumerated() {
                if index > 0 { query += ", " }
                query += "(\(bind: council), \(bind: change.0), \(bind: change.1), \(bind: change.2))"
            }
            query +=
                " ON CONFLICT (council_id, period_key, code) DO UPDATE SET total = figure_summaries.total + excluded.total"
            try await sql.raw(query).run()
            start += chunk.count
        }
        let changed = after.map(\.0)
        if !changed.isEmpty {
            if !fresh {
                try await sql.raw(
                    "DELETE FROM figure_contributions WHERE council_id = \(bind: council) AND person_id IN (\(binds: changed))"
                ).run()
            }
            var index = 0
            while index < after.count {
                let chunk = after[index..<min(index + 1_000, after.count)]
                var query: SQLQueryString = "INSERT INTO figure_contributions (person_id, council_id, document) VALUES "
                var first = true
                for (person, text) in chunk where !text.isEmpty {
                    if !first { query += ", " }
                    first = false
                    query += "(\(bind: person), \(bind: council), \(bind: text))"
                }
                if !first { try await sql.raw(query).run() }
                index += chunk.count
            }
        }
    }

    /// Works every summary of one council (or all) out again from the rows: what `alongside summaries
    /// rebuild` runs (the scale generator works its summaries out as it generates, `Loaded`, and
    /// `CommandTests` checks they equal this). One transaction a council: its totals, parts and marks are
    /// emptied, then its people are read a range of `batch` at a time, one statement a table for
    /// each range (not a statement a table for each few hundred people named one by one), worked out on both
    /// cores and written many rows a statement. Readers see the council's old totals until it commits, then
    /// the new. On PostgreSQL it holds the catch-up's lock throughout, so a change meanwhile is folded in
    /// after it, from the kept parts it wrote.
    public func rebuild(
        council: Council.ID?, batch: Int = 20_000,
        progress: ((_ council: Council.ID, _ done: Int, _ of: Int) -> Void)? = nil
    )
        async throws
    {
        let councils: [Council.ID]
        if let council {
            councils = [council]
        } else {
            councils = try await sql.raw("SELECT id FROM councils ORDER BY id").all().map {
                Council.ID(try $0.decode(column: "id", as: UUID.self))
            }
        }
        for council in councils {
            let total = try await database.retryingTransaction { db in
                try await FigureSummaries(db).rebuildOne(council.uuid, batch: batch)
            }
            progress?(council, 0, total)
            if total > 0 { progress?(council, total, total) }
        }
    }

    /// One council's rebuild, inside its transaction; returns the number of people.
    func rebuildOne(_ id: UUID, batch: Int) async throws -> Int {
        let sql = try sql
        if sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(unsafeRaw: String(Self.lockKey)))").run()
        }
        try await sql.raw("DELETE FROM figure_summaries WHERE council_id = \(bind: id)").run()
        try await sql.raw("DELETE FROM figure_contributions WHERE council_id = \(bind: id)").run()
        try await sql.raw("DELETE FROM figure_pending WHERE council_id = \(bind: id)").run()
        let people = try await sql.raw("SELECT id FROM people WHERE council_id = \(bind: id) ORDER BY id").all().map {
            try $0.decode(column: "id", as: UUID.self)
        }
        var start = 0
        while start < people.count {
            let range = Array(people[start..<min(start + batch, people.count)])
            guard let low = range.first, let high = range.last else { break }
            var rows = Dictionary(uniqueKeysWithValues: range.map { ($0, PersonRows()) })
            let scope: SQLQueryString = "council_id = \(bind: id) AND "
            try await read(
                into: &rows, people: scope + "id >= \(bind: low) AND id <= \(bind: high)",
                of: scope + "person_id >= \(bind: low) AND person_id <= \(bind: high)")
            try await write(rows: rows, people: range, council: id, fresh: true)
            start += range.count
        }
        return people.count
    }

    /// Whether this database only reads: a PostgreSQL standby, such as the replica `DATABASE_READ_URL` names.
    func readsOnly() async throws -> Bool {
        let sql = try sql
        guard sql.dialect.name == "postgresql" else { return false }
        return try await sql.raw("SELECT pg_is_in_recovery() AS standby").first()?
            .decode(column: "standby", as: Bool.self) ?? false
    }

    // MARK: Reading

    /// Each council's totals for a named period, code → total, after catching up on anything pending.
    public func totals(councils: [Council.ID], period: Period, byWard: Bool = false) async throws -> [Council.ID:
        [String:
        Int]]
    {
        guard !councils.isEmpty else { return [:] }
        // A standby (the reports' replica) cannot write: its summaries are the primary's, caught up there as
        // each change commits and replayed here with everything else.
        if try await !readsOnly() {
            _ = try await database.change { db in try await FigureSummaries(db).catchUp() }
        }
        var result: [Council.ID: [String: Int]] = [:]
        for council in councils { result[council] = [:] }
        // Some 60 rows a council: each council's id is read as text and parsed once, not once a row.
        let sql = try sql
        let query = Self.totalsQuery(councils: councils, key: period.key, byWard: byWard)
        var ids: [String: Council.ID] = [:]
        for row in try await sql.raw(query).all() {
            let text = try row.decode(column: "council", as: String.self)
            let council: Council.ID
            if let known = ids[text] {
                council = known
            } else {
                guard let parsed = UUID(uuidString: text) else { continue }
                council = Council.ID(parsed)
                ids[text] = council
            }
            result[council, default: [:]][try row.decode(column: "code", as: String.self)] = try row.decode(
                column: "total", as: Int.self)
        }
        return result
    }

    /// The read of a period's totals: the council's rows of the period straight from the unique index
    /// (`QueryPlanTests` pins the plan).
    static func totalsQuery(councils: [Council.ID], key: String, byWard: Bool) -> SQLQueryString {
        """
        SELECT CAST(council_id AS TEXT) AS council, code, total FROM figure_summaries \
        WHERE council_id IN (\(binds: councils.map(\.uuid))) AND period_key = \(bind: key) AND total <> 0\
        \(unsafeRaw: byWard ? "" : " AND code NOT LIKE '\(Code.wardPrefix)%'")
        """
    }
}

/// One catch-up of the figures' summaries at a time in this process. Every change folds the marks in once it
/// commits; on SQLite many at once each read the marks and then write, so all but one were refused as busy
/// (their snapshot was stale) and retried, holding up the writes queued behind them (24 writers on one record
/// timed out waiting for a connection). Waiting for the turn holds no connection, and a catch-up that finds
/// the marks already folded in by the one before is one quick read. PostgreSQL's advisory lock still keeps
/// several servers to one at a time.
actor CatchUpTurn {
    static let shared = CatchUpTurn()

    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
        defer {
            if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
        }
        return try await body()
    }
}
