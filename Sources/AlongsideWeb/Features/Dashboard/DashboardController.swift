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

    struct DashboardPage: Encodable {
        let page: PageContext
        let councilName: String
        let activeTotal: Int
        let charts: [BarChart]
        let wellbeing: [WellbeingRow]
        let breakdown: WellbeingBreakdown
        let csvPath: String
        let generatedAt: String
    }

    struct Figures {
        let charts: [BarChart]
        let wellbeing: [WellbeingRow]
        let breakdown: WellbeingBreakdown
        let activeTotal: Int
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get("dashboard", use: show)
        signedIn.get("dashboard.csv", use: csv)
    }

    func figures(_ req: Request, staff: SignedInStaff) async throws -> Figures {
        let store = DashboardStore(req.db, councilID: staff.council.id)
        let wards = Dictionary(
            uniqueKeysWithValues: try await WardStore(req.db, councilID: staff.council.id).all().map {
                ($0.id, $0.name)
            })
        let byMonth = try await store.introductionsByMonth(months: 12, now: req.now).map {
            (LondonTime.month($0.0), $0.1)
        }
        let bySource = try await store.introductionsBySource().map { ($0.0.label, $0.1) }
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
        let byWard = try await store.activeByWard().map {
            (($0.0.flatMap { wards[$0] }) ?? Wording.current("dashboard.page.no-ward"), $0.1)
        }
        .sorted { $0.0 < $1.0 }
        let byCategory = try await store.activeByCategory().map { ($0.0.label, $0.1) }
        let outcomes = try await store.outcomesByKind()
        // Every measure, every grouping: one query.
        let cohorts = try await WellbeingStore(req.db).cohorts(
            [.swemwbs, .ucla3, .ons4], councils: [staff.council.id], groupings: WellbeingStore.Grouping.allCases)
        let wellbeing = [MeasureKind.swemwbs, .ucla3, .ons4].map { kind in
            WellbeingRow(kind, cohorts[.council]?[kind]?[.init(councilID: staff.council.id)] ?? .nobody)
        }
        let breakdown = WellbeingBreakdown.make(
            cohorts, wardNames: wards,
            coordinatorNames: Dictionary(
                uniqueKeysWithValues: try await StaffStore(req.db).list(councilID: staff.council.id).map {
                    ($0.id, $0.name)
                }))
        let lasting = try await store.connectionsAtThreeMonths()
        let community = [
            BarChart(
                id: "connections", title: Wording.current("dashboard.page.connections-made-by-kind"),
                rows: try await store.connectionsByKind().map { ($0.0.label, $0.1) }),
            BarChart(
                id: "lasting", title: Wording.current("dashboard.page.connections-three-months-on"),
                rows: [
                    (Wording.current("dashboard.page.still-going"), lasting.lasting),
                    (Wording.current("dashboard.page.did-not-last"), lasting.ended),
                    (Wording.current("dashboard.page.not-asked-yet"), lasting.notAsked),
                ]),
            BarChart(
                id: "contributions", title: Wording.current("dashboard.page.contributions-people-make"),
                rows: try await store.contributionsByKind().map { ($0.0.label, $0.1) }),
            BarChart(
                id: "community-work", title: Wording.current("dashboard.page.community-work-by-kind"),
                rows: try await store.communityWorkByKind().map { ($0.0.label, $0.1) }),
            BarChart(
                id: "good-neighbours", title: Wording.current("dashboard.page.good-neighbour-requests"),
                rows: try await store.helpRequestsByStatus().map { ($0.0.label, $0.1) }),
        ]
        let charts =
            [
                BarChart(
                    id: "by-month", title: Wording.current("dashboard.page.introductions-by-month"), rows: byMonth),
                BarChart(
                    id: "by-source", title: Wording.current("dashboard.page.introductions-by-source-all-time"),
                    rows: bySource),
                BarChart(
                    id: "by-stage", title: Wording.current("dashboard.page.people-supported-now-by-stage"),
                    rows: stageRows),
                BarChart(
                    id: "by-level", title: Wording.current("dashboard.page.people-supported-now-by-level"),
                    rows: byLevel),
                BarChart(
                    id: "by-ward", title: Wording.current("dashboard.page.people-supported-now-by-ward"), rows: byWard),
                BarChart(
                    id: "by-label", title: Wording.current("dashboard.page.people-supported-now-by-label"),
                    rows: byCategory),
                BarChart(
                    id: "outcomes", title: Wording.current("dashboard.page.outcomes-reached"),
                    rows: outcomes.filter { !$0.0.isAvoidedEvent }.map { ($0.0.label, $0.1) }),
                BarChart(
                    id: "avoided", title: Wording.current("dashboard.page.crises-avoided"),
                    rows: outcomes.filter { $0.0.isAvoidedEvent }.map { ($0.0.label, $0.1) }),
            ] + community
        return Figures(
            charts: charts, wellbeing: wellbeing, breakdown: breakdown, activeTotal: stageRows.reduce(0) { $0 + $1.1 })
    }

    func show(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .viewDashboard)
        let figures = try await figures(req, staff: staff)
        return try await req.view.render(
            "dashboard/show",
            DashboardPage(
                page: PageContext(request: req, title: Wording.current("dashboard.page.dashboard")),
                councilName: staff.council.name,
                activeTotal: figures.activeTotal, charts: figures.charts, wellbeing: figures.wellbeing,
                breakdown: figures.breakdown,
                csvPath: "/dashboard.csv", generatedAt: LondonTime.dateTime(req.now)))
    }

    /// Every figure on the dashboard as `section,label,value` rows.
    func csv(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .viewDashboard)
        let figures = try await figures(req, staff: staff)
        var lines = [Wording.current("dashboard.csv.columns")]
        for chart in figures.charts {
            for bar in chart.bars {
                lines.append([chart.title, bar.label, String(bar.value)].map(CSVField.escape).joined(separator: ","))
            }
        }
        for row in figures.wellbeing {
            for (label, value) in [
                ("people paired", String(row.paired)), ("mean first", row.first), ("mean latest", row.latest),
                ("mean change", row.change),
            ] {
                lines.append(
                    [Wording.current("dashboard.page.wellbeing", row.measure), label, value].map(CSVField.escape)
                        .joined(separator: ","))
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
                        [
                            Wording.current("dashboard.page.wellbeing-change", table.title.lowercased(), row.group),
                            label, value,
                        ].map(
                            CSVField.escape
                        )
                        .joined(separator: ","))
                }
            }
        }
        let response = Response(status: .ok, body: .init(string: lines.joined(separator: "\r\n") + "\r\n"))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(
            name: .contentDisposition,
            value: "attachment; filename=\"alongside-dashboard-\(LondonTime.isoDay(req.now)).csv\"")
        return response
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
