import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Funded programmes: their funder, cohort, period, extensions, budget and extra coordinators, and a
/// report of their reach, outcomes, wellbeing change and social return.
struct ProgrammesController: RouteCollection {
    struct ProgrammeRow: Encodable {
        let name: String
        let href: String
        let funder: String
        let period: String
        let members: Int
    }

    struct IndexPage: Encodable {
        let page: PageContext
        let programmes: [ProgrammeRow]
        let form: Form
        let errors: [FormError]
        let fieldErrors: [String: String]
    }

    struct ReportPage: Encodable {
        let page: PageContext
        let programme: Programme
        let period: String
        let form: Form
        let version: Int
        let editPath: String
        let notice: String?
        let errors: [FormError]
        let fieldErrors: [String: String]
        let budget: String
        let members: Int
        let active: Int
        let charts: [BarChart]
        let wellbeing: [DashboardController.WellbeingRow]
        let choice: PeriodChoice
        /// The ratio in words: what it rests on ("£0.39 of value for every £1 of the programme's budget…").
        let explained: String?
        let view: SROIView?
    }

    struct Form: Content {
        var name: String?
        var funder: String?
        var purpose: String?
        var cohort: String?
        var startsOn: String?
        var endsOn: String?
        var extendedTo: String?
        var budget: String?
        var extraCoordinators: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get(.programmes, use: index)
        signedIn.post(.programmes, use: create)
        signedIn.get(.programme(.key), use: show)
        signedIn.post(.programme(.key), use: edit)
        signedIn.post(.person(.key, .programmes), use: join)
        signedIn.post(.person(.key, .leaveProgramme(.key)), use: leave)
    }

    func period(_ programme: Programme) -> String {
        let days = Wording.current(
            "programmes.page.from-to", LondonTime.day(programme.startsOn), LondonTime.day(programme.endsOn))
        guard let extended = programme.extendedTo else { return days }
        return Wording.current("programmes.page.extended-to", days, LondonTime.day(extended))
    }

    func render(_ req: Request, staff: SignedInStaff, form: Form, errors: [FormError]) async throws -> View {
        let store = try req.stores.programmes
        let counts = try await store.memberCounts()
        let rows = try await store.all().map { programme in
            ProgrammeRow(
                name: programme.name, href: SitePath.programme(.value(programme.id)).path, funder: programme.funder,
                period: period(programme), members: counts[programme.id] ?? 0)
        }
        return try await req.view.render(
            .programmesIndex,
            IndexPage(
                page: PageContext(
                    request: req,
                    title: errors.isEmpty
                        ? Wording.current("programmes.index.programmes")
                        : Wording.current("programmes.page.error-programmes")),
                programmes: rows,
                form: form, errors: errors, fieldErrors: errors.byField))
    }

    func index(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .viewDashboard)
        return try await render(req, staff: staff, form: Form(), errors: [])
    }

    /// The programme a form describes, or every problem with it.
    func programme(_ form: Form, id: Programme.ID, council: Council.ID) -> Result<Programme, AlongsideValidation> {
        let start = form.startsOn.flatMap(Person.isoDate)
        let end = form.endsOn.flatMap(Person.isoDate)
        let extendedText = (form.extendedTo ?? "").trimmingCharacters(in: .whitespaces)
        let extended = extendedText.isEmpty ? nil : Person.isoDate(extendedText)
        let budget = Money.pounds(form.budget ?? "")
        let extra = Int((form.extraCoordinators ?? "0").trimmingCharacters(in: .whitespaces))
        var problems = Programme.problems(
            name: form.name ?? "", funder: form.funder ?? "", startsOn: start, endsOn: end, extendedTo: extended,
            budget: budget, extraCoordinators: extra)
        if !extendedText.isEmpty && extended == nil {
            problems.append(RequestProblem.extensionEndUnreadable)
        }
        guard problems.isEmpty, let start, let end, let budget, let extra else {
            return .failure(AlongsideValidation(problems: problems))
        }
        let pence = NSDecimalNumber(decimal: SROI.round(budget * 100, 0)).intValue
        return .success(
            Programme(
                id: id, councilID: council,
                name: (form.name ?? "").trimmingCharacters(in: .whitespaces),
                funder: (form.funder ?? "").trimmingCharacters(in: .whitespaces),
                purpose: String((form.purpose ?? "").prefix(1000)),
                cohort: String((form.cohort ?? "").prefix(500)), startsOn: start, endsOn: end, extendedTo: extended,
                budgetPence: pence, extraCoordinators: extra))
    }

    func create(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .viewDashboard)
        let form = try req.content.decode(Form.self)
        switch programme(form, id: .init(req.newID()), council: staff.council.id) {
        case .failure(let validation):
            return try await render(
                req, staff: staff, form: form,
                errors: validation.problems.map(FormError.init)
            ).encodeResponse(status: .unprocessableEntity, for: req)
        case .success(let programme):
            try await req.stores.programmes.save(programme)
            return req.redirect(to: SitePath.programme(.value(programme.id)).path)
        }
    }

    /// Edits or extends a programme after it was set up; a form opened before someone else's edit is refused
    /// with what they saved shown, and the answers typed kept.
    func edit(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .viewDashboard)
        let id = try Self.programmeID(req)
        let form = try req.content.decode(Form.self)
        struct Extra: Content { var version: String? }
        let version = try PersonController.version(try req.content.decode(Extra.self).version)
        let store = try req.stores.programmes
        _ = try await store.find(id)
        switch programme(form, id: id, council: staff.council.id) {
        case .failure(let validation):
            return try await report(
                req, staff: staff, id: id, form: form,
                errors: validation.problems.map(FormError.init)
            ).encodeResponse(status: .unprocessableEntity, for: req)
        case .success(let programme):
            do {
                try await store.edit(programme, expectedVersion: version)
            } catch is RecordChanged {
                return try await report(
                    req, staff: staff, id: id, form: form,
                    errors: [
                        FormError(
                            field: "name", message: Wording.current("programmes.page.changed-since-you-opened-it"))
                    ]
                ).encodeResponse(status: .conflict, for: req)
            }
            return req.redirect(to: SitePath.programme(.value(programme.id)).with(query: ["saved": "programme"]))
        }
    }

    static func programmeID(_ req: Request) throws -> Programme.ID {
        guard let id = req.parameters.get(.programmeID).flatMap(Programme.ID.init) else {
            throw AlongsideError.notFound(.programme)
        }
        return id
    }

    func show(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .viewDashboard)
        return try await report(req, staff: staff, id: try Self.programmeID(req), form: nil, errors: [])
    }

    /// The programme's page: its report, and its edit form (with what was typed when an edit was refused).
    func report(_ req: Request, staff: SignedInStaff, id: Programme.ID, form posted: Form?, errors: [FormError])
        async throws -> View
    {
        let store = try req.stores.programmes
        let programme = try await store.find(id)
        let form =
            posted
            ?? Form(
                name: programme.name, funder: programme.funder, purpose: programme.purpose, cohort: programme.cohort,
                startsOn: LondonTime.slashDate(programme.startsOn), endsOn: LondonTime.slashDate(programme.endsOn),
                extendedTo: programme.extendedTo.map(LondonTime.slashDate) ?? "",
                budget: NSDecimalNumber(decimal: programme.budget).stringValue,
                extraCoordinators: String(programme.extraCoordinators))
        let (people, outcomes, readings) = try await store.report(id)
        let active = people.filter(\.stage.isActive)
        let stageRows = JourneyStage.allCases.map { stage in (stage.label, people.filter { $0.stage == stage }.count) }
        var counts: [RecordedOutcome.Kind: Int] = [:]
        for outcome in outcomes { counts[outcome.kind, default: 0] += 1 }
        let outcomeRows = RecordedOutcome.Kind.allCases.compactMap { kind in counts[kind].map { (kind.label, $0) } }
        let wellbeing = [MeasureKind.swemwbs, .ucla3].map { kind in
            DashboardController.WellbeingRow(
                kind, DistanceTravelled.cohort(DistanceTravelled.readings(readings.filter { $0.kind == kind })))
        }
        // The period picker: by default the programme's whole run, so its ratio is against its whole budget.
        let whole = try? Period.dates(from: programme.startsOn, to: programme.finalDay)
        let choice = try PeriodChoice(req, action: SitePath.programme(.value(id)).path, fallback: whole)
        let sroiStore = try req.stores.sroi
        let built = try await sroiStore.periodModel(period: choice.period, programmeID: id)
        var sroi: SROIView? = nil
        var explained: String? = nil
        if !built.model.outcomes.isEmpty {
            let result = built.result
            sroi = SROIView(
                model: built.model, result: result, basis: built.basis, library: try await sroiStore.library())
            if let result {
                let ratio = Money.text(SROI.round(result.ratio, 2))
                let basis = built.basis
                if choice.period.isUnderway(today: ISODay.string(req.now)) {
                    explained = Wording.current(
                        "programmes.sroi.explained-so-far", ratio, choice.label, basis.members ?? 0, basis.outcomes,
                        basis.avoidedCrises, Money.text(result.presentValue))
                } else {
                    explained = Wording.current(
                        "programmes.sroi.explained", ratio, choice.label, basis.members ?? 0, basis.outcomes,
                        basis.avoidedCrises, Money.text(result.presentValue))
                }
            }
        }
        return try await req.view.render(
            .programmesShow,
            ReportPage(
                page: PageContext(request: req, title: programme.name), programme: programme, period: period(programme),
                form: form, version: try await store.version(of: id), editPath: SitePath.programme(.value(id)).path,
                notice: req.query[String.self, at: "saved"] == "programme"
                    ? Wording.current("programmes.page.programme-saved") : nil,
                errors: errors, fieldErrors: errors.byField,
                budget: Money.text(programme.budget), members: people.count, active: active.count,
                charts: [
                    BarChart(
                        id: "stages", title: Wording.current("programmes.page.where-members-are-now"), rows: stageRows),
                    BarChart(
                        id: "outcomes", title: Wording.current("programmes.page.outcomes-and-crises-avoided"),
                        rows: outcomeRows),
                ],
                wellbeing: wellbeing, choice: choice, explained: explained, view: sroi))
    }

    /// A coordinator adds the person to a programme from their record.
    func join(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .workWithPeople)
        let personID = try PersonController.personID(req)
        struct JoinForm: Content { var programme: String? }
        let form = try req.content.decode(JoinForm.self)
        guard let programmeID = form.programme.flatMap(Programme.ID.init) else {
            throw RequestProblem.programmeMissing
        }
        let (_, entry) = try await PersonAccess.check(
            personID, for: staff, on: req, action: .update,
            detail: .key("programmes.page.added-to-a-programme"))
        let day = LondonTime.isoDay(req.now)
        // The join and its audit entry together: a refused join (another council's programme) logs nothing.
        try await req.db.change { db in
            try await req.stores(on: db).programmes.join(personID, to: programmeID, on: day)
            try await req.stores(on: db).audit.record(entry)
        }
        return req.redirect(to: SitePath.person(.value(personID)).path + "?saved=programme#about")
    }

    /// A member leaves the programme on a day: its report counts only what happened while they belonged.
    func leave(req: Request) async throws -> Response {
        guard let programmeID = req.parameters.get(.programmeID).flatMap(Programme.ID.init) else {
            throw AlongsideError.notFound(.programme)
        }
        // The boxes are named for the programme (several leave forms share the record); `leftOn` alone is the
        // single field API clients and older forms send.
        let field = PersonPage.ProgrammeRow.leftOnField(programmeID)
        let typed = req.typedDay(field, single: "leftOn")
        return try await PersonController().change(
            req, detail: .key("programmes.page.left-a-programme"), saved: "programme-left", anchor: "about",
            posted: typed.posted(as: field)
        ) {
            staff, person, store in
            var problems = FormProblems()
            let today = ISODay.string(req.now)
            let day = problems.day(typed, field: field, required: false, latest: today) ?? today
            try problems.check()
            do {
                try await req.stores(on: store.db).programmes.leave(
                    person.id, from: programmeID, on: day)
            } catch let problem as ProgrammeProblem where problem.kind == .invalid {
                // Before the day they joined: the problem is this programme's date, all three boxes.
                problems.add(field, problem.message, part: DayInput.wholeDate)
                throw problems
            }
        }
    }
}
