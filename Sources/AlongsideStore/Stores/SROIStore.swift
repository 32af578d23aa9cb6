import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// A saved SROI report: the model exactly as it was agreed, so the result can always be worked again, and
/// what it rests on (nil for reports saved before that was kept).
public struct SavedSROIReport: Sendable {
    public let id: UUID
    public let title: String
    public let scope: String
    public let model: SROI.Model
    public let basis: SROIBasis?
    public let createdAt: Date
}

/// The council's proxy library and deflator table, the one builder of a period's SROI model, and saved
/// reports.
public struct SROIStore: Sendable {
    let database: any Database
    public let councilID: Council.ID

    public init(_ database: any Database, councilID: Council.ID) {
        self.database = database
        self.councilID = councilID
    }

    // MARK: The proxy library

    public func library() async throws -> [Proxy] {
        try await Self.libraries(of: [councilID], on: database)[councilID] ?? ProxyLibrary.starter
    }

    /// Several councils' libraries in one query.
    static func libraries(of councils: [Council.ID], on database: any Database) async throws -> [Council.ID: [Proxy]] {
        guard !councils.isEmpty else { return [:] }
        let rows = try await database.sql.select().columns(ProxyRow.columns.map { SQLColumn($0) })
            .from(ProxyRow.table).where("council_id", .in, councils.map(\.uuid)).all()
        var own: [Council.ID: [Proxy]] = [:]
        for row in rows {
            if let proxy = try ProxyRow.proxy(row) { own[try ProxyRow.councilID(row), default: []].append(proxy) }
        }
        return Dictionary(uniqueKeysWithValues: councils.map { ($0, ProxyLibrary.merged(own[$0] ?? [])) })
    }

    /// How many of the library's values are the council's own.
    public func ownProxyCount() async throws -> Int {
        try await database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(ProxyRow.table).where("council_id", .equal, councilID.uuid).first()?
            .decode(column: "n", as: Int.self) ?? 0
    }

    /// The price years a proxy value may carry: 1990 to the year after `now`.
    public static func priceYears(at now: Date) -> ClosedRange<Int> {
        DeflatorTable.years.lowerBound...(Int(ISODay.string(now).prefix(4)) ?? 2026) + 1
    }

    /// Saves one of the council's own values, with `audit` (when given) in the same transaction. Every
    /// problem is refused before anything is written.
    public func save(_ proxy: Proxy, at now: Date, audit: AuditEntry? = nil) async throws {
        guard proxy.value >= 0 else {
            throw SROIProblem.proxyNegative(proxy.kind)
        }
        guard Self.priceYears(at: now).contains(proxy.priceYear) else {
            throw SROIProblem.proxyPriceYearUnusable(proxy.kind, latest: Self.priceYears(at: now).upperBound)
        }
        let problems = SROI.Model(
            investment: 1,
            outcomes: [
                .init(
                    name: proxy.kind.label, quantity: 1, proxyValue: proxy.value, deadweight: proxy.deadweight,
                    displacement: proxy.displacement, attribution: proxy.attribution,
                    durationYears: proxy.durationYears,
                    dropOff: proxy.dropOff)
            ]
        ).problems()
        if let first = problems.first {
            throw SROIProblem.proxyUnusable(proxy.kind, first)
        }
        let definition = String(decoding: try JSONEncoder().encode(proxy), as: UTF8.self)
        let councilID = councilID
        try await database.change { db in
            let row =
                try await ProxyModel.query(on: db).filter(\.$councilID == councilID.uuid)
                .filter(\.$kind == proxy.kind.rawValue).first() ?? ProxyModel()
            row.councilID = councilID.uuid
            row.kind = proxy.kind.rawValue
            row.definition = definition
            row.priceYear = proxy.priceYear
            row.updatedAt = now
            try await row.save(on: db)
            if let audit { try await AuditStore(db, councilID: councilID).record(audit) }
        }
    }

    // MARK: The deflator table

    /// The council's deflator table and its version, or the shipped one (version 0, `own` false).
    public func deflators() async throws -> (table: DeflatorTable, version: Int, own: Bool) {
        guard
            let row = try await DeflatorSetRow.select(councils: [councilID.uuid], on: database.sql).first(),
            let table = try DeflatorSetRow.deflators(row)
        else { return (DeflatorTable.shipped, 0, false) }
        return (table, try DeflatorSetRow.version(row), true)
    }

    /// Saves the council's own deflator table from the version the form was opened on, with its audit
    /// entry, in one transaction; a table saved by someone else since is refused (`RecordChanged`).
    public func saveDeflators(_ table: DeflatorTable, expectedVersion: Int?, at now: Date, audit: AuditEntry)
        async throws
    {
        let source = table.source.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !source.isEmpty, source.count <= 500 else {
            throw SROIProblem.deflatorSourceMissing
        }
        guard table.published.count <= 40 else {
            throw SROIProblem.deflatorPublishedMissing
        }
        guard !table.indexes.isEmpty, table.indexes.count <= DeflatorTable.maximumRows,
            table.indexes.allSatisfy({
                DeflatorTable.years.contains($0.key) && DeflatorTable.indexRange.contains($0.value)
            })
        else {
            throw SROIProblem.deflatorRowsUnusable
        }
        let held = Dictionary(uniqueKeysWithValues: table.indexes.map { (String($0.key), "\($0.value)") })
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let indexes = String(decoding: try encoder.encode(held), as: UTF8.self)
        let councilID = councilID
        try await database.change { db in
            let row = try await DeflatorSetRow.select(councils: [councilID.uuid], on: db.sql).first()
            let current = try row.map(DeflatorSetRow.version) ?? 0
            let read = expectedVersion ?? current
            if let row {
                let updated = try await CompareAndSet.update(
                    DeflatorSetModel.schema, council: councilID.uuid, id: try row.decode(column: "id", as: UUID.self),
                    guards: ["version": read],
                    set: [
                        "source": source, "published": table.published, "indexes": indexes, "version": read + 1,
                        "updated_at": now,
                    ], on: db.sql)
                guard updated else { throw RecordChanged(currentVersion: current, corrections: []) }
            } else {
                guard read == 0 else { throw RecordChanged(currentVersion: 0, corrections: []) }
                let created = DeflatorSetModel()
                created.councilID = councilID.uuid
                created.source = source
                created.published = table.published
                created.indexes = indexes
                created.version = 1
                created.updatedAt = now
                try await created.create(on: db)
            }
            try await AuditStore(db, councilID: councilID).record(audit)
        }
    }

    /// The price year a report on `period` is in by default: the period's own financial year when the
    /// table has it (so values and the money invested are in the same year's prices), else the latest year
    /// in the table, else the period's year (then nothing can be converted, and the report says so).
    public static func defaultPriceYear(for period: Period, in table: DeflatorTable) -> Int {
        let own = period.financialYearStart
        guard let latest = table.latestYear else { return own }
        return table.indexes[own] != nil ? own : latest
    }

    // MARK: What a period counts

    /// Recorded outcomes by kind with `happened_on` in [from, to], not struck out, optionally for one ward or
    /// coordinator, or for one programme's members while they belonged to it.
    public func outcomeCounts(
        from: String, to: String, wardID: Ward.ID? = nil, coordinatorID: StaffMember.ID? = nil,
        programmeID: Programme.ID? = nil
    ) async throws -> [RecordedOutcome.Kind: Int] {
        let sql = try database.sql
        var query = sql.select().column(SQLColumn("kind", table: "outcomes"))
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("outcomes")
            .join("people", on: SQLColumn("person_id", table: "outcomes"), .equal, SQLColumn("id", table: "people"))
            .where(SQLColumn("council_id", table: "outcomes"), .equal, SQLBind(councilID.uuid))
            .where(SQLColumn("happened_on", table: "outcomes"), .greaterThanOrEqual, SQLBind(from))
            .where(SQLColumn("happened_on", table: "outcomes"), .lessThanOrEqual, SQLBind(to))
            .where(SQLColumn("struck_at", table: "outcomes"), .is, SQLLiteral.null)
        if let wardID { query = query.where(SQLColumn("ward_id", table: "people"), .equal, SQLBind(wardID.uuid)) }
        if let coordinatorID {
            query = query.where(SQLColumn("coordinator_id", table: "people"), .equal, SQLBind(coordinatorID.uuid))
        }
        if let programmeID {
            query = query.join(
                "programme_members",
                on: SQLRaw(
                    "programme_members.person_id = outcomes.person_id AND programme_members.council_id = outcomes.council_id AND outcomes.happened_on >= programme_members.joined_on AND (programme_members.left_on IS NULL OR outcomes.happened_on <= programme_members.left_on)"
                )
            ).where(SQLColumn("programme_id", table: "programme_members"), .equal, SQLBind(programmeID.uuid))
        }
        var counts: [RecordedOutcome.Kind: Int] = [:]
        for row in try await query.groupBy(SQLColumn("kind", table: "outcomes")).all() {
            if let kind = RecordedOutcome.Kind(rawValue: try row.decode(column: "kind", as: String.self)) {
                counts[kind] = try row.decode(column: "n", as: Int.self)
            }
        }
        return counts
    }

    /// The answered, not struck out life-satisfaction readings (ONS4 question 1) up to the period's end of
    /// the people a period's wellbeing change is worked from: those supported in it (a conversation on a
    /// day in it, not struck out, or an introduction received in it), in the ward or of the coordinator
    /// when given; or, for a programme, its members' readings taken while they belonged to it.
    public func wellbeingReadings(
        period: Period, wardID: Ward.ID? = nil, coordinatorID: StaffMember.ID? = nil,
        programmeID: Programme.ID? = nil
    ) async throws -> [Wellby.Reading] {
        var query: SQLQueryString = """
            SELECT m.person_id, m.taken_on, m.created_at, m.id, m.score_hundredths FROM measures m \
            JOIN people p ON p.id = m.person_id AND p.merged_into_id IS NULL \
            WHERE m.council_id = \(bind: councilID.uuid) AND m.kind = \(bind: MeasureKind.ons4.rawValue) \
            AND m.declined = \(bind: false) AND m.score_hundredths IS NOT NULL AND m.struck_at IS NULL \
            AND m.taken_on <= \(bind: period.to)
            """
        if let wardID { query += " AND p.ward_id = \(bind: wardID.uuid)" }
        if let coordinatorID { query += " AND p.coordinator_id = \(bind: coordinatorID.uuid)" }
        if let programmeID {
            query += """
                 AND EXISTS (SELECT 1 FROM programme_members pm WHERE pm.council_id = m.council_id \
                AND pm.person_id = m.person_id AND pm.programme_id = \(bind: programmeID.uuid) \
                AND m.taken_on >= pm.joined_on AND (pm.left_on IS NULL OR m.taken_on <= pm.left_on))
                """
        } else {
            query += " AND " + Self.supportedIn(period)
        }
        return try await database.sql.raw(query).all().map { row in
            Wellby.Reading(
                personID: .init(try row.decode(column: "person_id", as: UUID.self)),
                takenOn: try row.decode(column: "taken_on", as: String.self),
                recordedAt: try row.decode(column: "created_at", as: Date.self),
                id: try row.decode(column: "id", as: UUID.self),
                hundredths: try row.decode(column: "score_hundredths", as: Int.self))
        }
    }

    // MARK: The one model builder

    /// The SROI model for a period, and what it rests on: the one place the default model is built, for
    /// the SROI page, saved reports, the API, programme reports and the Network's `social-value` and
    /// `sroi` figures.
    ///
    /// - Counts the recorded outcomes and avoided crises (not struck out) that happened in `period`, for the
    ///   whole council, one ward or one coordinator's people, or one programme's members while they belonged
    ///   to it; each kind valued by the council's library, brought to `priceYear` prices (default:
    ///   `defaultPriceYear(for:in:)`) with the council's deflator table, or the shipped one.
    /// - Adds the wellbeing line (WELLBYs, `Wellby`) unless `includeWellbeing` is false.
    /// - Investment: `investment` when given (typed in, more than 0); else the programme's budget for the
    ///   days of its run the period covers; else the council's yearly investment setting for the days of the
    ///   period (up to `today`, for one under way); else none (the model's investment is 0: there is social value but no ratio).
    public func periodModel(
        period: Period, wardID: Ward.ID? = nil, coordinatorID: StaffMember.ID? = nil,
        programmeID: Programme.ID? = nil, investment: Decimal? = nil, includeWellbeing: Bool = true,
        priceYear: Int? = nil, today: String? = nil
    ) async throws -> SROIPeriodModel {
        if let investment, investment <= 0 || investment > SROI.Model.maximumAmount * 1_000 {
            throw SROIProblem.investmentUnusable
        }
        let deflators = try await deflators().table
        let year = priceYear ?? Self.defaultPriceYear(for: period, in: deflators)
        guard DeflatorTable.years.contains(year) else {
            throw SROIProblem.priceYearUnusable
        }
        let counts = try await outcomeCounts(
            from: period.from, to: period.to, wardID: wardID, coordinatorID: coordinatorID, programmeID: programmeID)
        let change =
            includeWellbeing
            ? Wellby.change(
                try await wellbeingReadings(
                    period: period, wardID: wardID, coordinatorID: coordinatorID, programmeID: programmeID),
                from: period.from, to: period.to) : nil
        var source: InvestmentSource = .none
        var members: Int? = nil
        if let programmeID {
            let programmes = ProgrammeStore(database, councilID: councilID)
            let programme = try await programmes.find(programmeID)
            source = InvestmentSource.programme(programme, period: period)
            members = try await programmes.memberships(of: programmeID).values.filter { membership in
                membership.joined <= period.to && (membership.left.map { $0 >= period.from } ?? true)
            }.count
        } else if let pence = try await CouncilStore(database).find(councilID)?.annualInvestmentPence, pence > 0 {
            // For a period under way, the days so far: what has been spent by today (as the figures count).
            source = .councilSetting(
                annualPence: pence, days: today.map { period.daysElapsed(today: $0) } ?? period.days)
        }
        if investment != nil { source = .typedIn }
        let amount = investment ?? source.investment(for: period) ?? 0
        return ProxyLibrary.periodModel(
            counts: counts, library: try await library(), ownProxies: try await ownProxyCount(), wellbeing: change,
            wellbeingName: Wording.current("sroi.wellby.line"), period: period, investment: amount, source: source,
            deflators: deflators, priceYear: year, members: members)
    }

    // MARK: Many councils at once

    /// Each council's default period model (`periodModel` with no ward, programme or typed-in investment,
    /// wellbeing included, the default price year) for the Network's `social-value` and `sroi` figures, in
    /// one grouped read of each input for all councils, not one council after another. `outcomes` and
    /// `wellbeing` are the counts to value when the caller has them already (from `figure_summaries`);
    /// otherwise they are counted from the rows.
    static func periodModels(
        of councils: [Council.ID], period: Period, today: String, on database: any Database,
        outcomes: [Council.ID: [RecordedOutcome.Kind: Int]]? = nil, wellbeing: [Council.ID: Wellby.Change]? = nil
    ) async throws -> [Council.ID: SROIPeriodModel] {
        guard !councils.isEmpty else { return [:] }
        let ids = councils.map(\.uuid)
        let sql = try database.sql
        // Deflator tables.
        var tables: [Council.ID: DeflatorTable] = [:]
        for row in try await DeflatorSetRow.select(councils: ids, on: sql).all() {
            if let table = try DeflatorSetRow.deflators(row) { tables[try DeflatorSetRow.councilID(row)] = table }
        }
        // Libraries and how many of each library's values are the council's own.
        let libraries = try await libraries(of: councils, on: database)
        var own: [Council.ID: Int] = [:]
        for row in try await sql.raw(
            "SELECT council_id, COUNT(*) AS n FROM proxies WHERE council_id IN (\(binds: ids)) GROUP BY council_id"
        ).all() {
            own[Council.ID(try row.decode(column: "council_id", as: UUID.self))] = try row.decode(
                column: "n", as: Int.self)
        }
        // Yearly investment settings.
        var pence: [Council.ID: Int] = [:]
        for row in try await sql.raw(
            "SELECT id, annual_investment_pence AS p FROM councils WHERE id IN (\(binds: ids))"
        ).all() {
            if let p = try row.decode(column: "p", as: Int?.self) {
                pence[Council.ID(try row.decode(column: "id", as: UUID.self))] = p
            }
        }
        let counts: [Council.ID: [RecordedOutcome.Kind: Int]]
        if let outcomes {
            counts = outcomes
        } else {
            var counted: [Council.ID: [RecordedOutcome.Kind: Int]] = [:]
            let query: SQLQueryString = """
                SELECT o.council_id, o.kind, COUNT(*) AS n FROM outcomes o JOIN people p ON p.id = o.person_id \
                WHERE o.council_id IN (\(binds: ids)) AND o.happened_on >= \(bind: period.from) \
                AND o.happened_on <= \(bind: period.to) AND o.struck_at IS NULL GROUP BY o.council_id, o.kind
                """
            for row in try await sql.raw(query).all() {
                guard let kind = RecordedOutcome.Kind(rawValue: try row.decode(column: "kind", as: String.self))
                else { continue }
                counted[Council.ID(try row.decode(column: "council_id", as: UUID.self)), default: [:]][kind] =
                    try row.decode(column: "n", as: Int.self)
            }
            counts = counted
        }
        let changes: [Council.ID: Wellby.Change]
        if let wellbeing {
            changes = wellbeing
        } else {
            changes = try await wellbeingChanges(of: ids, period: period, on: database)
        }
        var result: [Council.ID: SROIPeriodModel] = [:]
        for council in councils {
            let deflators = tables[council] ?? DeflatorTable.shipped
            let year = defaultPriceYear(for: period, in: deflators)
            var source: InvestmentSource = .none
            if let annual = pence[council], annual > 0 {
                source = .councilSetting(annualPence: annual, days: period.daysElapsed(today: today))
            }
            result[council] = ProxyLibrary.periodModel(
                counts: counts[council] ?? [:], library: libraries[council] ?? ProxyLibrary.starter,
                ownProxies: own[council] ?? 0, wellbeing: changes[council] ?? Wellby.Change.none,
                wellbeingName: Wording.current("sroi.wellby.line"), period: period,
                investment: source.investment(for: period) ?? 0, source: source, deflators: deflators,
                priceYear: year)
        }
        return result
    }

    /// Each council's life-satisfaction change for `period` (`Wellby.change` over `wellbeingReadings`),
    /// from one read of every council's readings.
    static func wellbeingChanges(of ids: [UUID], period: Period, on database: any Database) async throws
        -> [Council.ID: Wellby.Change]
    {
        let query: SQLQueryString = """
            SELECT m.council_id, m.person_id, m.taken_on, m.created_at, m.id, m.score_hundredths FROM measures m \
            JOIN people p ON p.id = m.person_id AND p.merged_into_id IS NULL \
            WHERE m.council_id IN (\(binds: ids)) AND m.kind = \(bind: MeasureKind.ons4.rawValue) \
            AND m.declined = \(bind: false) AND m.score_hundredths IS NOT NULL AND m.struck_at IS NULL \
            AND m.taken_on <= \(bind: period.to)
            """ + " AND " + Self.supportedIn(period)
        var readings: [Council.ID: [Wellby.Reading]] = [:]
        for row in try await database.sql.raw(query).all() {
            readings[Council.ID(try row.decode(column: "council_id", as: UUID.self)), default: []].append(
                Wellby.Reading(
                    personID: .init(try row.decode(column: "person_id", as: UUID.self)),
                    takenOn: try row.decode(column: "taken_on", as: String.self),
                    recordedAt: try row.decode(column: "created_at", as: Date.self),
                    id: try row.decode(column: "id", as: UUID.self),
                    hundredths: try row.decode(column: "score_hundredths", as: Int.self)))
        }
        return readings.mapValues { Wellby.change($0, from: period.from, to: period.to) }
    }

    // MARK: Saved reports

    public func saveReport(
        title: String, scope: String, model: SROI.Model, basis: SROIBasis? = nil, by staffID: StaffMember.ID?,
        at now: Date, audit: AuditEntry? = nil
    ) async throws -> UUID {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 200 else {
            throw SROIProblem.reportTitleMissing
        }
        let row = SROIReportModel()
        let id = database.newID()
        row.id = id
        row.councilID = councilID.uuid
        row.title = title
        row.scope = scope
        row.model = String(decoding: try JSONEncoder().encode(model), as: UTF8.self)
        row.basis = try basis.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        row.createdByID = staffID?.uuid
        row.createdAt = now
        let councilID = councilID
        try await database.change { db in
            try await row.create(on: db)
            if let audit { try await AuditStore(db, councilID: councilID).record(audit) }
        }
        return id
    }

    public func reports() async throws -> [SavedSROIReport] {
        try await SROIReportRow.select(council: councilID.uuid, on: database.sql)
            .orderBy("created_at", .descending).all().compactMap(SROIReportRow.report)
    }

    public func report(_ id: UUID) async throws -> SavedSROIReport {
        guard
            let row = try await SROIReportRow.select(council: councilID.uuid, on: database.sql)
                .where("id", .equal, id).first(), let report = try SROIReportRow.report(row)
        else { throw AlongsideError.notFound(.report) }
        return report
    }
}

extension SROIStore {
    /// The reading's person (`m`) was supported in `period`: a conversation in it that was not struck out, or
    /// an introduction received in it. One condition for the council's read and the Network's grouped one.
    static func supportedIn(_ period: Period) -> SQLQueryString {
        let bounds = period.bounds
        return """
            (EXISTS (SELECT 1 FROM conversations c WHERE c.council_id = m.council_id \
            AND c.person_id = m.person_id AND c.happened_on >= \(bind: period.from) \
            AND c.happened_on <= \(bind: period.to) AND c.struck_at IS NULL) \
            OR EXISTS (SELECT 1 FROM introductions i WHERE i.council_id = m.council_id \
            AND i.person_id = m.person_id AND i.received_at >= \(bind: bounds.start) \
            AND i.received_at < \(bind: bounds.end)))
            """
    }
}
