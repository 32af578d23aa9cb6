import AlongsideCore
import AlongsideStore
import Vapor

/// The one-page quarterly report for commissioners: the headline figures against the quarter before,
/// three charts with their numbers, up to three approved stories, and what each figure counts. Prints on
/// A4 from the browser (print styles hide everything else); its figures as CSV are the dashboard's CSV
/// for the same period.
struct QuarterlyReportController: RouteCollection {
    static let headline: [Figure] = [
        .peopleSupported, .introductions, .levelOneContacts, .walkedAlongside, .connections, .connectionsLasting,
        .contributions, .avoidedCrises, .pairedReadings, .wellbeingChange, .socialValue, .sroi,
    ]

    struct StoryView: Encodable {
        let title: String
        let body: String
    }

    struct Definition: Encodable {
        let name: String
        let definition: String
    }

    struct Page: Encodable {
        let page: PageContext
        let councilName: String
        let choice: PeriodChoice
        let figures: [FigureRow]
        let charts: [BarChart]
        let stories: [StoryView]
        let definitions: [Definition]
        let csvPath: String
        let dashboardPath: String
        let generatedAt: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireSignIn()).get(.quarterlyReport, use: show)
    }

    func show(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .viewDashboard)
        let today = ISODay.string(req.now)
        // The last whole quarter, unless another period is asked for.
        let choice = try PeriodChoice(
            req, action: SitePath.quarterlyReport.path, fallback: Period.quarter(containing: today).previous)
        let period = choice.period
        let council = staff.council.id
        let store = req.stores.reports.figures
        let byWard = try await store.figures(councils: [council], period: period, byWard: true, now: req.now)
        let current = byWard[.init(councilID: council)] ?? PeriodFigures()
        let previous = try await store.figures(council: council, period: choice.previous, now: req.now)
        let dashboard = try req.stores(council: council).reports.dashboard
        let byMonth = try await dashboard.introductionsByMonth(in: period).map { (LondonTime.month($0.0), $0.1) }
        let wards = try await req.stores(council: council).reports.wards.all()
        let supportedByWard =
            wards.map { ward in
                (ward.name, byWard[.init(councilID: council, ward: .ward(ward.id))]?[.peopleSupported] ?? 0)
            }
            + [
                (
                    Wording.current("dashboard.page.no-ward"),
                    byWard[.init(councilID: council, ward: FiguresStore.WardKey.none)]?[.peopleSupported] ?? 0
                )
            ].filter { $0.1 > 0 }
        let avoided = try await dashboard.outcomesByKind(in: period).filter { $0.0.isAvoidedEvent }
        let charts = [
            BarChart(id: "by-month", title: Wording.current("dashboard.page.introductions-by-month"), rows: byMonth),
            BarChart(
                id: "by-ward", title: Wording.current("dashboard.quarterly.people-supported-by-ward"),
                rows: supportedByWard),
            BarChart(
                id: "avoided", title: Wording.current("dashboard.page.crises-avoided"),
                rows: avoided.map { ($0.0.label, $0.1) }),
        ]
        let (start, end) = period.bounds
        let stories = try await req.stores(council: council).reports.stories.stories(status: .approved)
            .filter { $0.writtenAt >= start && $0.writtenAt < end }.prefix(3)
            .map { StoryView(title: $0.title, body: $0.body) }
        return try await req.view.render(
            .dashboardQuarterly,
            Page(
                page: PageContext(
                    request: req, title: Wording.current("dashboard.quarterly.title-for", choice.label)),
                councilName: staff.council.name, choice: choice,
                figures: FigureRow.rows(Self.headline, current: current, previous: previous), charts: charts,
                stories: Array(stories),
                definitions: Self.headline.map { Definition(name: $0.name, definition: $0.definition) },
                csvPath: choice.link(SitePath.dashboardCSV.path), dashboardPath: choice.link(SitePath.dashboard.path),
                generatedAt: LondonTime.dateTime(req.now)))
    }
}
