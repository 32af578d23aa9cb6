import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The signed-in start page: who you are, your wards, and where to go.
struct HomeController: RouteCollection {
    struct HomePage: Encodable {
        let page: PageContext
        let firstName: String
        let myWards: [String]
        let wardCount: Int
        let uncoveredCount: Int
        let canViewCoverage: Bool
        let canManageWards: Bool
        let canManageNetwork: Bool
        /// -1 when the role has no caseload (or no queue).
        let caseloadCount: Int
        let notSeenCount: Int
        let queueCount: Int
        /// New people on their caseload not yet contacted, longest waiting first.
        let waiting: WaitingList?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireSignIn()).get(.home, use: index)
    }

    func index(req: Request) async throws -> View {
        let staff = try req.staff
        var myWards: [String] = []
        var wardCount = 0
        var uncovered = 0
        if staff.may(.viewCoverage) {
            let coverage = try await req.stores.wards.coverage()
            myWards = coverage.rows.filter { $0.coordinator?.id == staff.member.id }.map(\.ward.name)
            wardCount = coverage.rows.count
            uncovered = coverage.uncovered.count
        }
        var caseloadCount = -1
        var notSeenCount = 0
        var queueCount = -1
        var waiting: WaitingList? = nil
        if staff.may(.workWithPeople) {
            let people = try req.stores.people
            let caseload = try await people.caseload(of: staff.member.id)
            caseloadCount = caseload.count
            notSeenCount =
                caseload.filter { $0.isNotSeen(noContactDays: staff.council.noContactDays, now: req.now) }.count
            if staff.may(.leadTeam) { queueCount = try await people.queue().count }
            if staff.member.role.canCoverWard {
                let new = try await people.newIntroductions(of: staff.member.id, limit: WaitingList.shown + 1)
                if !new.isEmpty {
                    waiting = WaitingList(new, now: req.now, more: SitePath.caseload.path + "?sort=last-contact")
                }
            }
        }
        let context = HomePage(
            page: PageContext(request: req, title: Wording.current("home.page.home")),
            firstName: staff.member.name.split(separator: " ").first.map(String.init) ?? staff.member.name,
            myWards: myWards, wardCount: wardCount, uncoveredCount: uncovered,
            canViewCoverage: staff.may(.viewCoverage), canManageWards: staff.may(.manageWards),
            canManageNetwork: staff.may(.manageNetwork),
            caseloadCount: staff.member.role == .coordinator ? caseloadCount : -1, notSeenCount: notSeenCount,
            queueCount: queueCount, waiting: waiting)
        return try await req.view.render(.homeIndex, context)
    }
}
