import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Every ward and its named coordinator; wards with nobody stand out at the top.
struct CoverageController: RouteCollection {
    struct Row: Encodable {
        let wardName: String
        let wardCode: String
        let wardHref: String?
        let coordinatorName: String?
        let coordinatorEmail: String?
    }

    struct CoveragePage: Encodable {
        let page: PageContext
        let councilName: String
        let rows: [Row]
        let uncovered: [Row]
        let wardCount: Int
        let coveredCount: Int
        let coordinatorCount: Int
        let canManageWards: Bool
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireSignIn()).get(.coverage, use: index)
    }

    func index(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .viewCoverage)
        let coverage = try await req.stores.wards.coverage()
        let manage = staff.may(.manageWards)
        let rows = coverage.rows.map { row in
            Row(
                wardName: row.ward.name, wardCode: row.ward.code,
                wardHref: manage ? SitePath.ward(.value(row.ward.id)).path : nil,
                coordinatorName: row.coordinator?.name, coordinatorEmail: row.coordinator?.email)
        }
        let context = CoveragePage(
            page: PageContext(request: req, title: Wording.current("coverage.page.ward-coverage")),
            councilName: staff.council.name, rows: rows,
            uncovered: rows.filter { $0.coordinatorName == nil }, wardCount: coverage.rows.count,
            coveredCount: coverage.coveredCount, coordinatorCount: coverage.wardsByCoordinator.count,
            canManageWards: manage)
        return try await req.view.render(.coverageIndex, context)
    }
}
