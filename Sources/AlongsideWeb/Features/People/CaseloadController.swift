import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The coordinator's day: everyone they walk alongside, with stage, last conversation, next step due and
/// who has not been seen for a while. Team leaders can open any coordinator's caseload.
struct CaseloadController: RouteCollection {
    struct Row {
        let name: String
        let href: String
        let stage: String
        let levelOne: Bool
        let ward: String
        let lastContact: String
        let nextStepDue: String?
        let overdue: Bool
        let notSeen: Bool
    }

    /// People on one page of a caseload: a long caseload is not one long page on a phone.
    static let pageSize = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireSignIn()).get(.caseload, use: index)
    }

    func index(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .workWithPeople)
        var coordinatorID = staff.member.id
        if let raw = req.query[String.self, at: "coordinator"], let chosen = StaffMember.ID(raw),
            chosen != staff.member.id
        {
            guard staff.may(.leadTeam) else { throw AlongsideError.forbidden }
            coordinatorID = chosen
        }
        // A coordinator's own caseload needs nobody else's name; a team leader's choice lists the team.
        let coordinators =
            staff.may(.leadTeam)
            ? try await req.stores.staff.list(councilID: staff.council.id).filter { $0.role.canCoverWard }
            : [staff.member].filter { $0.role.canCoverWard }
        guard let coordinator = coordinators.first(where: { $0.id == coordinatorID }) else {
            throw AlongsideError.notFound(.coordinator)
        }
        let stageFilter = req.query[String.self, at: "stage"].flatMap(JourneyStage.init(rawValue:))
        let sort =
            req.query[String.self, at: "sort"].flatMap(PeopleStore.CaseloadSort.init(rawValue:)) ?? .name
        let onlyNotSeen = req.query[String.self, at: "not-seen"] == "yes"
        let pageNumber = try Self.pageNumber(req)
        let now = req.now
        let noContactDays = staff.council.noContactDays
        // Filtered, counted, sorted and cut to the page in SQL; only the page shown is formatted.
        let read = try await req.stores.people.caseloadPage(
            of: coordinatorID,
            .init(
                stage: stageFilter, onlyNotSeen: onlyNotSeen,
                notSeenBefore: Council.noContactThreshold(days: noContactDays, now: now), sort: sort),
            page: pageNumber, per: Self.pageSize)
        let wards = Dictionary(
            uniqueKeysWithValues: try await req.stores.wards.all().map {
                ($0.id, $0.name)
            })
        let today = LondonTime.isoDay(now)
        // Worked out once, not once a row.
        let stages = Dictionary(uniqueKeysWithValues: JourneyStage.allCases.map { ($0, $0.label) })
        let noneYet = Wording.current("people.page.none-yet")
        let rows = read.people.map { person in
            Row(
                name: person.listedName,
                href: SitePath.person(.value(person.id)).path, stage: stages[person.stage] ?? person.stage.label,
                levelOne: person.level == .one,
                ward: person.wardID.flatMap { wards[$0] } ?? "",
                lastContact: person.lastContactAt.map(LondonTime.date) ?? noneYet,
                nextStepDue: person.nextStepDue.map(LondonTime.day),
                overdue: person.nextStepDue.map { $0 < today } ?? false,
                notSeen: person.isNotSeen(noContactDays: noContactDays, now: now))
        }
        let own = coordinatorID == staff.member.id
        let heading =
            own
            ? Wording.current("people.page.my-caseload") : Wording.current("people.page.caseload", coordinator.name)
        var page = CaseloadPage(
            heading: heading, rows: rows, total: read.total, notSeenTotal: read.notSeenTotal,
            pages: CaseloadPage.Pages(
                number: read.page, count: read.pages,
                address: { req.address(setting: "page", to: $0 > 1 ? String($0) : nil) }),
            noContactDays: noContactDays, stage: stageFilter, sort: sort.rawValue,
            coordinators: staff.may(.leadTeam)
                ? coordinators.map {
                    ChoiceOption(value: $0.id.description, label: $0.name, selected: $0.id == coordinatorID)
                } : [],
            onlyNotSeen: onlyNotSeen, isOwn: own)
        if read.page == 1 {
            let new = try await req.stores.people.newIntroductions(
                of: coordinatorID, limit: WaitingList.shown + 1)
            if !new.isEmpty {
                page.waiting = WaitingList(
                    new, now: now, more: req.address(setting: "sort", to: PeopleStore.CaseloadSort.lastContact.rawValue)
                )
            }
        }
        return req.page(PageContext(request: req, title: heading), content: page.html(Wording.current))
    }

    /// `?page=` (from 1; the first page when absent).
    static func pageNumber(_ req: Request) throws -> Int {
        guard let raw = req.query[String.self, at: "page"] else { return 1 }
        guard let number = Int(raw), number >= 1 else {
            throw RequestProblem.pageNotANumber
        }
        return number
    }
}
