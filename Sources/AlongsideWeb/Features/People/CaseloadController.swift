import AlongsideCore
import AlongsideStore
import Vapor

/// The coordinator's day: everyone they walk alongside, with stage, last conversation, next step due and
/// who has not been seen for a while. Team leaders can open any coordinator's caseload.
struct CaseloadController: RouteCollection {
    struct Row: Encodable {
        let name: String
        let href: String
        let stage: String
        let level: String
        let levelOne: Bool
        let ward: String
        let lastContact: String
        let nextStepDue: String?
        let overdue: Bool
        let notSeen: Bool
        let sortName: String
    }

    struct CaseloadPage: Encodable {
        let page: PageContext
        let heading: String
        let coordinatorValue: String
        let rows: [Row]
        let total: Int
        let notSeenCount: Int
        let noContactDays: Int
        let stageOptions: [ChoiceOption]
        let sortOptions: [ChoiceOption]
        let coordinatorOptions: [ChoiceOption]
        let onlyNotSeen: Bool
        let isOwn: Bool
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
        for person in people {
            if let stageFilter, person.stage != stageFilter { continue }
            let seen = person.lastSeen
            let notSeen = person.isNotSeen(noContactDays: staff.council.noContactDays, now: now)
            if onlyNotSeen && !notSeen { continue }
            rows.append(
                (
                    Row(
                        name: person.fullName + (person.preferredName.isEmpty ? "" : " (\(person.preferredName))"),
                        href: SitePath.person(person.id), stage: person.stage.label,
                        level: person.level == .one
                            ? Wording.current("people.page.level-1") : Wording.current("people.page.level-2"),
                        levelOne: person.level == .one,
                        ward: person.wardID.flatMap { wards[$0] } ?? "",
                        lastContact: person.lastContactAt.map(LondonTime.date)
                            ?? Wording.current("people.page.none-yet"),
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
        let page = CaseloadPage(
            page: PageContext(
                request: req,
                title: own
                    ? Wording.current("people.page.my-caseload")
                    : Wording.current("people.page.caseload", coordinator.name)),
            heading: own
                ? Wording.current("people.page.my-caseload")
                : Wording.current("people.page.caseload", coordinator.name),
            coordinatorValue: own ? "" : coordinatorID.description, rows: rows.map(\.0), total: rows.count,
            notSeenCount: rows.filter(\.0.notSeen).count, noContactDays: staff.council.noContactDays,
            stageOptions: [
                ChoiceOption(
                    value: "", label: Wording.current("people.page.all-active-stages"), selected: stageFilter == nil)
            ]
                + JourneyStage.allCases.map {
                    ChoiceOption(value: $0.rawValue, label: $0.label, selected: stageFilter == $0)
                },
            sortOptions: [
                ("name", Wording.current("common.name")),
                ("last-contact", Wording.current("people.page.longest-since-contact")),
                ("next-step", Wording.current("people.page.next-step-due")),
            ]
            .map {
                ChoiceOption(value: $0.0, label: $0.1, selected: sort == $0.0)
            },
            coordinatorOptions: staff.may(.leadTeam)
                ? coordinators.map {
                    ChoiceOption(value: $0.id.description, label: $0.name, selected: $0.id == coordinatorID)
                }
                : [],
            onlyNotSeen: onlyNotSeen, isOwn: own)
        return try await req.view.render("people/caseload", page)
    }
}
