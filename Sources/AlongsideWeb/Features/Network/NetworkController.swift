import AlongsideCore
import AlongsideStore
import Vapor

/// The Network's comparison of the councils that share their figures, side by side for a period:
/// published figures only (small counts suppressed, others rounded), as charts, tables and CSV.
struct NetworkController: RouteCollection {
    /// A published figure in a table cell, with the column's council for small screens' labels.
    struct Cell: Encodable {
        let council: String
        let text: String
        let suppressed: Bool
        /// The same council's published figure for the period before, on the summary.
        var previous: String? = nil
    }

    struct Row: Encodable {
        let label: String
        let definition: String?
        var cells: [Cell]
        let hasTotal: Bool
        let total: Cell?

        init(_ line: NetworkComparison.Line, councils: [String]) {
            label = line.label
            definition = line.definition
            cells = zip(councils, line.figures).map { Cell(council: $0, text: $1.text, suppressed: $1.suppressed) }
            hasTotal = line.total != nil
            total = line.total.map {
                Cell(council: Wording.current("network.show.network"), text: $0.text, suppressed: $0.suppressed)
            }
        }
    }

    struct TableView: Encodable {
        let id: String
        let title: String
        let rows: [Row]
        let hasTotals: Bool
        let totals: Row?
    }

    struct Page: Encodable {
        let page: PageContext
        let choice: PeriodChoice
        let councils: [String]
        let summary: [Row]
        let tables: [TableView]
        let charts: [BarChart]
        let notSharing: Int
        let csvPath: String
        /// The signed-in council's dashboard for the same period, for those who may read it.
        let dashboardPath: String?
        let generatedAt: String
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get(.network, use: show)
        signedIn.get(.networkCSV, use: csv)
    }

    /// The chosen period (this financial year unless another is asked for), the published comparison, and
    /// how many councils do not share.
    func comparison(_ req: Request) async throws -> (PeriodChoice, NetworkComparison, Int) {
        _ = try req.staff(permitted: .viewNetwork)
        let choice = try PeriodChoice(
            req, action: SitePath.network.path, fallback: Period.financialYear(containing: ISODay.string(req.now)))
        let figures = try await req.stores.reports.network.figures(period: choice.period, now: req.now)
        let all = try await req.stores.reports.councils.count()
        return (choice, NetworkComparison.publish(figures), all - figures.count)
    }

    func show(req: Request) async throws -> View {
        let (choice, comparison, notSharing) = try await comparison(req)
        // The period before, published the same way, beside each summary figure.
        let before = NetworkComparison.publish(
            try await req.stores.reports.network.figures(period: choice.previous, now: req.now))
        var summary = comparison.summary.map { Row($0, councils: comparison.councils) }
        if before.councils == comparison.councils, before.summary.count == summary.count {
            for (index, line) in before.summary.enumerated() {
                for (column, figure) in line.figures.enumerated() where column < summary[index].cells.count {
                    summary[index].cells[column].previous = Wording.current(
                        "network.show.was", figure.suppressed ? "*" : figure.text)
                }
            }
        }
        let charted =
            [Figure.introductions, .peopleSupported].map(\.name) + [
                Wording.current("network.page.people-supported-per-coordinator")
            ] + [Figure.connections, .avoidedCrises, .wellbeingChange, .sroi].map(\.name)
        let charts = comparison.summary.enumerated().filter { charted.contains($0.element.label) }.map {
            BarChart(id: "chart-\($0.offset)", line: $0.element, councils: comparison.councils)
        }
        return try await req.view.render(
            .networkShow,
            Page(
                page: PageContext(request: req, title: Wording.current("network.page.the-network")),
                choice: choice,
                councils: comparison.councils,
                summary: summary,
                tables: comparison.tables.map { table in
                    TableView(
                        id: table.id, title: table.title,
                        rows: table.lines.map { Row($0, councils: comparison.councils) },
                        hasTotals: table.totals != nil,
                        totals: table.totals.map { Row($0, councils: comparison.councils) })
                }, charts: charts, notSharing: notSharing,
                csvPath: choice.link(SitePath.networkCSV.path),
                dashboardPath: (try? req.staff(permitted: .viewDashboard)).map { _ in
                    choice.link(SitePath.dashboard.path)
                },
                generatedAt: LondonTime.dateTime(req.now)))
    }

    /// Every published figure as rows: section, measure, one column per council, and the Network total.
    func csv(req: Request) async throws -> Response {
        let (choice, comparison, _) = try await comparison(req)
        let period = choice.period
        func text(_ figure: NetworkComparison.Figure?) -> String {
            guard let figure else { return "" }
            return figure.suppressed
                ? Wording.current("network.csv.suppressed") : figure.text.replacingOccurrences(of: ",", with: "")
        }
        var lines = [
            ([Wording.current("network.csv.section"), Wording.current("network.csv.measure")] + comparison.councils + [
                Wording.current("network.page.network-total")
            ]).map(
                CSVField.escape)
        ]
        let about = Wording.current("network.csv.about")
        for line in comparison.summary {
            lines.append(
                ([Wording.current("network.show.summary"), line.label] + line.figures.map(text) + [""]).map(
                    CSVField.escape))
        }
        for table in comparison.tables {
            for line in table.lines + (table.totals.map { [$0] } ?? []) {
                lines.append(
                    ([table.title, line.label] + line.figures.map(text) + [text(line.total)]).map(CSVField.escape))
            }
        }
        lines.append(
            [about, Wording.current("common.period"), Wording.current("network.csv.from-to", period.from, period.to)]
                .map(
                    CSVField.escape))
        lines.append(
            [
                about, Wording.current("network.page.disclosure-control"),
                Wording.current("network.page.counts-from-1-to-9-are"),
            ].map(CSVField.escape))
        let response = Response(
            status: .ok, body: .init(string: lines.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n")
        )
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(
            name: .contentDisposition,
            value: "attachment; filename=\"alongside-network-\(period.from)-to-\(period.to).csv\"")
        return response
    }
}
