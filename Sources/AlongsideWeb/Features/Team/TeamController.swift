import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The team leader's view: every coordinator's caseload by stage, the unassigned queue, and the people
/// nobody has seen for a long time.
struct TeamController: RouteCollection {
    struct CoordinatorRow: Encodable {
        struct Count: Encodable {
            let stage: String
            let value: Int
        }
        let name: String
        let href: String
        let total: Int
        let counts: [Count]
    }

    struct QueueRow: Encodable {
        let name: String
        let href: String
        let reason: String
        let received: String
        let assignPath: String
        /// The ward's named coordinator first (chosen), then the rest.
        let options: [ChoiceOption]
    }

    struct NewRow: Encodable {
        let name: String
        let href: String
        let coordinator: String
        let waited: String
        let long: Bool
    }

    struct NotSeenRow: Encodable {
        let name: String
        let href: String
        let coordinator: String
        let lastContact: String
    }

    struct TeamPage: Encodable {
        let page: PageContext
        let stages: [String]
        let coordinators: [CoordinatorRow]
        let queue: [QueueRow]
        let notSeen: [NotSeenRow]
        let newIntroductions: [NewRow]
        let noContactDays: Int
        let teamPath: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireSignIn()).get(.team, use: index)
    }

    func index(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .leadTeam)
        let store = try req.stores.people
        let counts = try await store.stageCounts()
        let coordinators = try await req.stores.staff.list(councilID: staff.council.id).filter {
            $0.role.canCoverWard
        }
        let names = Dictionary(uniqueKeysWithValues: coordinators.map { ($0.id, $0.name) })
        let active = JourneyStage.allCases.filter(\.isActive)
        let rows = coordinators.map { coordinator in
            let byStage = counts[coordinator.id] ?? [:]
            return CoordinatorRow(
                name: coordinator.name, href: SitePath.caseload.path + "?coordinator=\(coordinator.id)",
                total: byStage.values.reduce(0, +),
                counts: active.map { .init(stage: $0.label, value: byStage[$0] ?? 0) })
        }
        let covering = try await req.stores.wards.coverage().namedCoordinators
        let queue = try await store.queue().map { person in
            let named = person.wardID.flatMap { covering[$0] }
            let ordered =
                coordinators.filter { $0.id == named } + coordinators.filter { $0.id != named }
            return QueueRow(
                name: person.shownName, href: SitePath.person(.value(person.id)).path,
                reason: IntroductionRoute.QueueReason.explain(person.queueReason) ?? "",
                received: LondonTime.date(person.createdAt),
                assignPath: SitePath.person(.value(person.id), .coordinator).path,
                options: ordered.map {
                    ChoiceOption(
                        value: $0.id.description,
                        label: $0.id == named ? Wording.current("team.page.named-for-the-ward", $0.name) : $0.name,
                        selected: $0.id == named)
                })
        }
        let newPeople = try await store.newIntroductions(of: nil, limit: 50)
        let new = WaitingList(newPeople, now: req.now)
        let newRows = zip(newPeople, new.rows).map { person, row in
            NewRow(
                name: row.name, href: row.href,
                coordinator: person.coordinatorID.flatMap { names[$0] } ?? Wording.current("team.page.nobody"),
                waited: row.waited, long: row.long)
        }
        let threshold = Council.noContactThreshold(days: staff.council.noContactDays, now: req.now)
        let notSeen = try await store.notSeen(since: threshold, limit: 30).map {
            NotSeenRow(
                name: $0.shownName, href: SitePath.person(.value($0.id)).path,
                coordinator: $0.coordinatorID.flatMap { names[$0] } ?? Wording.current("team.page.nobody"),
                lastContact: $0.lastContactAt.map(LondonTime.date) ?? Wording.current("team.page.never"))
        }
        let page = TeamPage(
            page: PageContext(request: req, title: Wording.current("team.page.team")), stages: active.map(\.label),
            coordinators: rows,
            queue: queue,
            notSeen: notSeen, newIntroductions: newRows,
            noContactDays: staff.council.noContactDays, teamPath: SitePath.team.path)
        return try await req.view.render(.teamIndex, page)
    }
}
