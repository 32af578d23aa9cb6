import AlongsideCore
import AlongsideStore
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
        let sortName: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(RequireSignIn()).get("caseload", use: index)
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
            ? try await StaffStore(req.db).list(councilID: staff.council.id).filter { $0.role.canCoverWard }
            : [staff.member].filter { $0.role.canCoverWard }
        guard let coordinator = coordinators.first(where: { $0.id == coordinatorID }) else {
            throw AlongsideError.notFound(what: "coordinator")
        }
        let stageFilter = req.query[String.self, at: "stage"].flatMap(JourneyStage.init(rawValue:))
        let sort = req.query[String.self, at: "sort"] ?? "name"
        let onlyNotSeen = req.query[String.self, at: "not-seen"] == "yes"
        let people = try await PeopleStore(req.db, councilID: staff.council.id)
            .caseload(of: coordinatorID, includeEnded: stageFilter == .ended)
        let wards = Dictionary(
            uniqueKeysWithValues: try await WardStore(req.db, councilID: staff.council.id).all().map {
                ($0.id, $0.name)
            })
        let now = req.now
        let today = LondonTime.isoDay(now)
        var rows: [(Row, Date, String)] = []
        // Worked out once, not once a row.
        let stages = Dictionary(uniqueKeysWithValues: JourneyStage.allCases.map { ($0, $0.label) })
        let noneYet = Wording.current("people.page.none-yet")
        for person in people {
            if let stageFilter, person.stage != stageFilter { continue }
            let seen = person.lastSeen
            let notSeen = person.isNotSeen(noContactDays: staff.council.noContactDays, now: now)
            if onlyNotSeen && !notSeen { continue }
            rows.append(
                (
                    Row(
                        name: person.fullName + (person.preferredName.isEmpty ? "" : " (\(person.preferredName))"),
                        href: SitePath.person(person.id), stage: stages[person.stage] ?? person.stage.label,
                        levelOne: person.level == .one,
                        ward: person.wardID.flatMap { wards[$0] } ?? "",
                        lastContact: person.lastContactAt.map(LondonTime.date) ?? noneYet,
                        nextStepDue: person.nextStepDue.map(LondonTime.day),
                        overdue: person.nextStepDue.map { $0 < today } ?? false, notSeen: notSeen,
                        sortName: person.fullName.lowercased()), seen, person.nextStepDue ?? "9999"
                ))
        }
        switch sort {
        case "last-contact": rows.sort { $0.1 < $1.1 }
        case "next-step": rows.sort { $0.2 < $1.2 }
        default: rows.sort { $0.0.sortName < $1.0.sortName }
        }
        let own = coordinatorID == staff.member.id
        let heading =
            own
            ? Wording.current("people.page.my-caseload") : Wording.current("people.page.caseload", coordinator.name)
        let page = CaseloadPage(
            heading: heading, rows: rows.map(\.0),
            noContactDays: staff.council.noContactDays, stage: stageFilter, sort: sort,
            coordinators: staff.may(.leadTeam)
                ? coordinators.map {
                    ChoiceOption(value: $0.id.description, label: $0.name, selected: $0.id == coordinatorID)
                } : [],
            onlyNotSeen: onlyNotSeen, isOwn: own)
        return try await req.page(PageContext(request: req, title: heading), content: page.html(Wording.current))
    }
}
