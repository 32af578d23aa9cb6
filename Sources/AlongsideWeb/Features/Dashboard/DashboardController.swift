import AlongsideCore
import AlongsideStore
import Vapor

/// The team's reach, wellbeing change, outcomes and avoided crises, for team leaders and commissioners.
/// Counts only, never names. Every chart has its numbers in a table, and the whole page exports as CSV.
struct DashboardController: RouteCollection {
    /// One measure's distance travelled, as the dashboard and programme reports show it.
    struct WellbeingRow: Encodable {
        let measure: String
        let paired: Int
        let first: String
        let latest: String
        let change: String
        let direction: String

        init(_ kind: MeasureKind, _ cohort: DistanceTravelled.Cohort) {
            measure = kind == .ons4 ? Wording.current("dashboard.page.ons4-life-satisfaction") : kind.label
            paired = cohort.paired
            first = cohort.meanFirst.map { "\($0)" } ?? "–"
            latest = cohort.meanLatest.map { "\($0)" } ?? "–"
            change = cohort.meanChange.map { $0 > 0 ? "+\($0)" : "\($0)" } ?? "–"
            direction = kind == .ucla3 ? "lower is better" : "higher is better"
        }
    }

    /// How many people with paired readings improved meaningfully, stayed the same or worsened on one
    /// measure, against the threshold its authors publish.
    struct ChangeRow: Encodable {
        let measure: String
        let improved: Int
        let same: Int
        let worsened: Int
        let source: String

        init(_ kind: MeasureKind, _ change: IndividualChange) {
            measure = kind == .ons4 ? Wording.current("dashboard.page.ons4-life-satisfaction") : kind.label
            improved = change.improved
            same = change.same
            worsened = change.worsened
            source = kind.meaningfulChangeSource
        }
    }

    struct DashboardPage: Encodable {
        let page: PageContext
        let councilName: String
        let choice: PeriodChoice
        let figures: [FigureRow]
        let pairsSpanning: Int
        let wards: [WardFiguresRow]
        let wardColumns: [String]
        let activeTotal: Int
        let charts: [BarChart]
        let nowCharts: [BarChart]
        let wellbeing: [WellbeingRow]
        let changes: [ChangeRow]
        let breakdown: WellbeingBreakdown
        let csvPath: String
        let quarterlyPath: String
        let networkPath: String
        let sroiPath: String
        let generatedAt: String
    }

    /// Everything the dashboard shows for one period.
    struct Figures {
        let choice: PeriodChoice
        let current: PeriodFigures
        let previous: PeriodFigures
        let byWard: [FiguresStore.Key: PeriodFigures]
        let wardNames: [(Ward.ID, String)]
        let charts: [BarChart]
        let nowCharts: [BarChart]
        let wellbeing: [WellbeingRow]
        let changes: [ChangeRow]
        let breakdown: WellbeingBreakdown
        let activeTotal: Int

        var rows: [FigureRow] { FigureRow.rows(current: current, previous: previous) }
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get(.dashboard, use: show)
        signedIn.get(.dashboardCSV, use: csv)
    }

    func figures(_ req: Request, staff: SignedInStaff, action: String) async throws -> Figures {
        let choice = try PeriodChoice(req, action: action)
        let period = choice.period
        let council = staff.council.id
        let store = try req.stores(council: council).reports.dashboard
        let defined = req.stores.reports.figures
        let byWard = try await defined.figures(councils: [council], period: period, byWard: true, now: req.now)
        let previous = try await defined.figures(council: council, period: choice.previous, now: req.now)
        let wardList = try await req.stores(council: council).reports.wards.all()
        let wards = Dictionary(uniqueKeysWithValues: wardList.map { ($0.id, $0.name) })
        let byMonth = try await store.introductionsByMonth(in: period).map { (LondonTime.month($0.0), $0.1) }
        let outcomes = try await store.outcomesByKind(in: period)
        let lasting = try await store.connectionsAtThreeMonths(in: period)
        let charts = [
            BarChart(id: "by-month", title: Wording.current("dashboard.page.introductions-by-month"), rows: byMonth),
            BarChart(
                id: "by-source", title: Wording.current("dashboard.page.introductions-by-source"),
                rows: try await store.introductionsBySource(in: period).map { ($0.0.label, $0.1) }),
            BarChart(
                id: "outcomes", title: Wording.current("dashboard.page.outcomes-reached"),
                rows: outcomes.filter { !$0.0.isAvoidedEvent }.map { ($0.0.label, $0.1) }),
            BarChart(
                id: "avoided", title: Wording.current("dashboard.page.crises-avoided"),
                rows: outcomes.filter { $0.0.isAvoidedEvent }.map { ($0.0.label, $0.1) }),
            BarChart(
                id: "connections", title: Wording.current("dashboard.page.connections-made-by-kind"),
                rows: try await store.connectionsByKind(in: period).map { ($0.0.label, $0.1) }),
            BarChart(
                id: "lasting", title: Wording.current("dashboard.page.connections-three-months-on"),
                rows: [
                    (Wording.current("dashboard.page.still-going"), lasting.lasting),
                    (Wording.current("dashboard.page.did-not-last"), lasting.ended),
                    (Wording.current("dashboard.page.not-asked-yet"), lasting.notAsked),
                ]),
            BarChart(
                id: "contributions", title: Wording.current("dashboard.page.contributions-people-make"),
                rows: try await store.contributionsByKind(in: period).map { ($0.0.label, $0.1) }),
            BarChart(
                id: "community-work", title: Wording.current("dashboard.page.community-work-by-kind"),
                rows: try await store.communityWorkByKind(in: period).map { ($0.0.label, $0.1) }),
            BarChart(
                id: "good-neighbours", title: Wording.current("dashboard.page.good-neighbour-requests"),
                rows: try await store.helpRequestsByStatus(in: period).map { ($0.0.label, $0.1) }),
        ]
        // The caseload as it stands today, whatever the period.
        let byStage = try await store.activeByStage()
        let stageRows = JourneyStage.allCases.filter(\.isActive).map { stage in
            (stage.label, byStage.first { $0.0 == stage }?.1 ?? 0)
        }
        let byLevel = try await store.activeByLevel().sorted { $0.0.rawValue < $1.0.rawValue }
            .map {
                (
                    $0.0 == .one
                        ? Wording.current("dashboard.page.level-1") : Wording.current("dashboard.page.level-2"), $0.1
                )
            }
        let byWardNow = try await store.activeByWard().map {
            (($0.0.flatMap { wards[$0] }) ?? Wording.current("dashboard.page.no-ward"), $0.1)
        }
        .sorted { $0.0 < $1.0 }
        let nowCharts = [
            BarChart(
                id: "by-stage", title: Wording.current("dashboard.page.people-supported-now-by-stage"), rows: stageRows),
            BarChart(
                id: "by-level", title: Wording.current("dashboard.page.people-supported-now-by-level"), rows: byLevel),
            BarChart(
                id: "by-ward", title: Wording.current("dashboard.page.people-supported-now-by-ward"), rows: byWardNow),
            BarChart(
                id: "by-label", title: Wording.current("dashboard.page.people-supported-now-by-label"),
                rows: try await store.activeByCategory().map { ($0.0.label, $0.1) }),
        ]
        // Wellbeing by the paired-readings rule: people supported in the period, readings by its last day.
        let cohorts = try await req.stores.reports.wellbeing.cohorts(
            [.swemwbs, .ucla3, .ons4], councils: [council], groupings: WellbeingStore.Grouping.allCases,
            upTo: period.to, supportedIn: period)
        let wellbeing = [MeasureKind.swemwbs, .ucla3, .ons4].map { kind in
            WellbeingRow(kind, cohorts[.council]?[kind]?[.init(councilID: council)] ?? .nobody)
        }
        let individual = try await defined.individualChanges(council: council, period: period)
        let breakdown = WellbeingBreakdown.make(
            cohorts, wardNames: wards,
            coordinatorNames: Dictionary(
                uniqueKeysWithValues: try await req.stores.reports.staff.list(councilID: council).map {
                    ($0.id, $0.name)
                }))
        return Figures(
            choice: choice, current: byWard[.init(councilID: council)] ?? PeriodFigures(), previous: previous,
            byWard: byWard, wardNames: wardList.map { ($0.id, $0.name) }, charts: charts, nowCharts: nowCharts,
            wellbeing: wellbeing,
            changes: [MeasureKind.swemwbs, .ucla3, .ons4].map { ChangeRow($0, individual[$0] ?? .init()) },
            breakdown: breakdown, activeTotal: stageRows.reduce(0) { $0 + $1.1 })
    }

    func show(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .viewDashboard)
        let figures = try await figures(req, staff: staff, action: SitePath.dashboard.path)
        let choice = figures.choice
        return try await req.view.render(
            .dashboardShow,
            DashboardPage(
                page: PageContext(request: req, title: Wording.current("dashboard.page.dashboard")),
                councilName: staff.council.name, choice: choice, figures: figures.rows,
                pairsSpanning: figures.current.pairsSpanningPeriods,
                wards: WardFiguresRow.rows(figures.byWard, council: staff.council.id, wards: figures.wardNames),
                wardColumns: WardFiguresRow.figures.map(\.name),
                activeTotal: figures.activeTotal, charts: figures.charts, nowCharts: figures.nowCharts,
                wellbeing: figures.wellbeing, changes: figures.changes, breakdown: figures.breakdown,
                csvPath: choice.link(SitePath.dashboardCSV.path),
                quarterlyPath: choice.link(SitePath.quarterlyReport.path),
                networkPath: choice.link(SitePath.network.path), sroiPath: choice.link(SitePath.sroi.path),
                generatedAt: LondonTime.dateTime(req.now)))
    }

    /// Every figure on the dashboard as rows: the defined figures first, by their ids (as
    /// `GET /api/v1/figures` names them), with the previous period and the definition; then each chart and
    /// table.
    func csv(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .viewDashboard)
        let figures = try await figures(req, staff: staff, action: SitePath.dashboard.path)
        let choice = figures.choice
        let period = choice.period
        func line(_ fields: [String]) -> String { fields.map(CSVField.escape).joined(separator: ",") }
        var lines = [
            line([
                Wording.current("dashboard.csv.id"), Wording.current("dashboard.csv.figure"),
                Wording.current("dashboard.csv.from"), Wording.current("dashboard.csv.to"),
                Wording.current("dashboard.csv.value"), Wording.current("dashboard.csv.previous-value"),
                Wording.current("dashboard.csv.definition"),
            ])
        ]
        for figure in Figure.allCases {
            lines.append(
                line([
                    figure.rawValue, figure.name, period.from, period.to, Self.plain(figure, figures.current),
                    Self.plain(figure, figures.previous), figure.definition,
                ]))
        }
        lines.append("")
        lines.append(Wording.current("dashboard.csv.columns"))
        for row in WardFiguresRow.rows(figures.byWard, council: staff.council.id, wards: figures.wardNames) {
            for cell in row.cells {
                lines.append(line([Wording.current("dashboard.csv.by-ward", row.name), cell.label, cell.value]))
            }
        }
        for chart in figures.charts + figures.nowCharts {
            for bar in chart.bars { lines.append(line([chart.title, bar.label, String(bar.value)])) }
        }
        for row in figures.wellbeing {
            for (label, value) in [
                (Wording.current("common.people-paired"), String(row.paired)),
                (Wording.current("common.first-mean"), row.first), (Wording.current("common.latest-mean"), row.latest),
                (Wording.current("common.change"), row.change),
            ] {
                lines.append(line([Wording.current("dashboard.page.wellbeing", row.measure), label, value]))
            }
        }
        for row in figures.changes {
            for (label, value) in [
                (Wording.current("dashboard.show.improved-meaningfully"), row.improved),
                (Wording.current("dashboard.show.stayed-the-same"), row.same),
                (Wording.current("dashboard.show.worsened-meaningfully"), row.worsened),
            ] {
                lines.append(line([Wording.current("dashboard.page.wellbeing", row.measure), label, String(value)]))
            }
        }
        for table in figures.breakdown.tables {
            for row in table.rows {
                for (label, value) in [
                    (Wording.current("dashboard.page.swemwbs-paired"), String(row.swemwbsPaired)),
                    (Wording.current("dashboard.page.swemwbs-mean-change"), row.swemwbsChange),
                    (Wording.current("dashboard.page.ucla-3-paired"), String(row.uclaPaired)),
                    (Wording.current("dashboard.page.ucla-3-mean-change"), row.uclaChange),
                ] {
                    lines.append(
                        line([
                            Wording.current("dashboard.page.wellbeing-change", table.title.lowercased(), row.group),
                            label, value,
                        ]))
                }
            }
        }
        let response = Response(status: .ok, body: .init(string: lines.joined(separator: "\r\n") + "\r\n"))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(
            name: .contentDisposition,
            value: "attachment; filename=\"alongside-figures-\(period.from)-to-\(period.to).csv\"")
        return response
    }

    /// A figure's value for a spreadsheet: a plain number (no thousands separator, no £), empty when it
    /// cannot be worked out.
    static func plain(_ figure: Figure, _ values: PeriodFigures) -> String {
        guard let value = values.value(figure) else { return "" }
        return "\(figure.isCount ? value : SROI.round(value, 2))"
    }
}

/// Writing CSV fields safely: quoted when needed, and never starting with a character a spreadsheet
/// would run as a formula.
enum CSVField {
    /// One CSV field that a spreadsheet shows as text: a field that starts with `=`, `+`, `-`, `@`, a tab
    /// or a line break (unless it is a plain number) is neutralised with a leading apostrophe, and any field
    /// holding a comma, a quote, CR or LF is quoted. Read by Unicode scalar, since Swift counts "\r\n" as
    /// one character that is neither "\r" nor "\n".
    static func escape(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r\n".unicodeScalars.contains(first), Double(text) == nil {
            text = "'" + text
        }
        if text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }
}
