import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// SROI reports built from the outcomes, avoided crises and wellbeing change the team recorded in a period
/// (the shared period picker), starting from the council's investment for the period: headline first, then
/// every input, source and assumption, editable before the report is saved; saved reports print cleanly and
/// export as CSV and JSON, each saying where its investment came from and what it rests on.
struct SROIController: RouteCollection {
    static let path = SitePath.sroi.path

    struct ScopeOption: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct YearOption: Encodable {
        let value: Int
        let label: String
        let selected: Bool
    }

    struct BuildPage: Encodable {
        let page: PageContext
        let choice: PeriodChoice
        /// The page's own form goes here, keeping the period.
        let action: String
        let scope: String
        let scopeOptions: [ScopeOption]
        let priceYears: [YearOption]
        /// The investment as typed (empty: the council's setting for the period).
        let investment: String
        let includeWellbeing: Bool
        let view: SROIView?
        let emptyReason: String?
        let errors: [FormError]
        let fieldErrors: [String: String]
        let reports: [ReportLink]
        let title: String
        let proxiesPath: String
        /// How many people the report's period and scope supported (the `people-supported` figure, the
        /// same number the dashboard and the quarterly report give); nil for one coordinator's scope.
        let supported: DefinedFigure?
        /// The period before, by the same defaults (its investment from the council's setting): its ratio,
        /// or its social value when there is no ratio.
        let previous: DefinedFigure?
    }

    /// One defined figure, named and worded, beside the report.
    struct DefinedFigure: Encodable {
        let name: String
        let value: String
        let definition: String
    }

    struct ReportLink: Encodable {
        let title: String
        let href: String
        let created: String
    }

    struct ReportPage: Encodable {
        let page: PageContext
        let title: String
        let scope: String
        let created: String
        let view: SROIView
        let csvPath: String
        let jsonPath: String
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get(.sroi, use: build)
        signedIn.post(.sroi, use: recalculate)
        signedIn.get(.sroiReport(.key, .page), use: show)
        signedIn.get(.sroiReport(.key, .csv), use: csv)
        signedIn.get(.sroiReport(.key, .json), use: json)
    }

    /// What the page's own form sends, beside the period.
    struct Query: Content {
        var scope: String?
        var investment: String?
        var wellbeing: String?
        /// Present once the form has been sent: then an unticked wellbeing box means "left out".
        var built: String?
        var priceYear: String?
        var period: String?
        var from: String?
        var to: String?
    }

    /// The choices a request makes, checked.
    struct Choices {
        var period: PeriodChoice
        var scope: String
        var wardID: Ward.ID?
        var coordinatorID: StaffMember.ID?
        var typed: String
        var investment: Decimal?
        var includeWellbeing: Bool
        var priceYear: Int?
    }

    /// Reads the period (from the query, or for a form sent without one in its address, from the form) and
    /// the page's choices; every number is checked, and each problem is listed in `errors`.
    func choices(_ req: Request, _ query: Query, errors: inout [FormError]) throws -> Choices {
        let today = ISODay.string(req.now)
        var period = try PeriodChoice(req, action: Self.path)
        if req.method == .POST, req.query[String.self, at: "period"] == nil,
            query.period != nil || query.from != nil || query.to != nil
        {
            let chosen = try PeriodChoice.read(
                key: query.period, from: query.from, to: query.to, fallback: period.period)
            period = PeriodChoice(chosen, today: today, action: Self.path)
        }
        let scope = query.scope ?? "council"
        var ward: Ward.ID? = nil
        var coordinator: StaffMember.ID? = nil
        if scope.hasPrefix("ward:") { ward = Ward.ID(String(scope.dropFirst(5))) }
        if scope.hasPrefix("coordinator:") { coordinator = StaffMember.ID(String(scope.dropFirst(12))) }
        let typed = (query.investment ?? "").trimmingCharacters(in: .whitespaces)
        var investment: Decimal? = nil
        if !typed.isEmpty {
            // More than 0 once rounded to pence: £0.001 is no investment to divide by.
            if typed.count <= 30, let pounds = Money.pounds(typed), SROI.round(pounds, 2) > 0,
                pounds <= SROI.Model.maximumAmount * 1_000
            {
                investment = SROI.round(pounds, 2)
            } else {
                errors.append(
                    FormError(
                        field: "investment", message: Wording.current("sroi.page.enter-the-investment-in-pounds-more")))
            }
        }
        var priceYear: Int? = nil
        if let text = query.priceYear, !text.isEmpty {
            if let year = try? CheckedNumber.parse(text, field: "priceYear", in: DeflatorTable.years) {
                priceYear = year
            } else {
                errors.append(
                    FormError(field: "priceYear", message: Wording.current("sroi.page.problem-price-year")))
            }
        }
        let included = query.built == nil || query.wellbeing == "yes"
        return Choices(
            period: period, scope: scope, wardID: ward, coordinatorID: coordinator, typed: typed,
            investment: investment, includeWellbeing: included, priceYear: priceYear)
    }

    func scopeOptions(_ req: Request, staff: SignedInStaff, selected: String) async throws -> [ScopeOption] {
        let wards = try await req.stores.reports.wards.all()
        let coordinators = try await req.stores.reports.staff.list(councilID: staff.council.id, roles: [.coordinator])
        return [
            ScopeOption(
                value: "council", label: Wording.current("sroi.page.the-whole-council"), selected: selected == "council"
            )
        ]
            + wards.map {
                ScopeOption(
                    value: "ward:\($0.id)", label: Wording.current("sroi.page.ward", $0.name),
                    selected: selected == "ward:\($0.id)")
            }
            + coordinators.map {
                ScopeOption(
                    value: "coordinator:\($0.id)", label: Wording.current("sroi.page.coordinator", $0.name),
                    selected: selected == "coordinator:\($0.id)")
            }
    }

    /// A scope that is not the council, one of its wards or one of its coordinators (another council's ward,
    /// or nonsense) is refused, not quietly read as the whole council.
    func checkScope(_ req: Request, staff: SignedInStaff, _ choices: Choices) async throws {
        guard choices.scope != "council" else { return }
        let options = try await scopeOptions(req, staff: staff, selected: choices.scope)
        let known =
            choices.wardID.map { "ward:\($0)" } ?? choices.coordinatorID.map { "coordinator:\($0)" } ?? ""
        guard options.contains(where: { $0.value == known }) else {
            throw RequestProblem.scopeUnknown
        }
    }

    func scopeLabel(_ options: [ScopeOption], _ scope: String) -> String {
        options.first { $0.value == scope }?.label ?? Wording.current("sroi.page.the-whole-council")
    }

    /// The period's default model, through the one builder (`SROIStore.periodModel`). A ward or coordinator
    /// of another council names no one here, so it counts nothing.
    func periodModel(_ req: Request, staff: SignedInStaff, _ choices: Choices, priceYear: Int?) async throws
        -> SROIPeriodModel
    {
        try await req.stores.reports.sroi.periodModel(
            period: choices.period.period, wardID: choices.wardID, coordinatorID: choices.coordinatorID,
            investment: choices.investment, includeWellbeing: choices.includeWellbeing, priceYear: priceYear,
            today: ISODay.string(req.now))
    }

    /// The report's price year: as chosen when the deflator table has it, else the default; a year the
    /// table lacks is a problem.
    func priceYear(_ choices: Choices, table: DeflatorTable, errors: inout [FormError]) -> Int {
        let fallback = SROIStore.defaultPriceYear(for: choices.period.period, in: table)
        guard let chosen = choices.priceYear else { return fallback }
        guard table.indexes[chosen] != nil else {
            if !errors.contains(where: { $0.field == "priceYear" }) {
                errors.append(FormError(field: "priceYear", message: Wording.current("sroi.page.problem-price-year")))
            }
            return fallback
        }
        return chosen
    }

    func build(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .viewDashboard)
        let query = try req.query.decode(Query.self)
        var errors: [FormError] = []
        let choices = try choices(req, query, errors: &errors)
        try await checkScope(req, staff: staff, choices)
        // The page's figures and model read the reports' database (a replica, when there is one).
        let store = try req.stores.reports.sroi
        let table = try await store.deflators().table
        let year = priceYear(choices, table: table, errors: &errors)
        var valid = choices
        if errors.contains(where: { $0.field == "investment" }) { valid.investment = nil }
        let built = try await periodModel(req, staff: staff, valid, priceYear: year)
        let options = try await scopeOptions(req, staff: staff, selected: choices.scope)
        let library = try await store.library()
        let view =
            built.model.outcomes.isEmpty
            ? nil : SROIView(model: built.model, result: built.result, basis: built.basis, library: library)
        let empty =
            built.model.outcomes.isEmpty
            ? Wording.current(
                "sroi.page.no-valued-outcomes-or-avoided-crises", scopeLabel(options, choices.scope).lowercased())
            : nil
        return try await render(
            req, staff: staff, choices: choices, options: options, table: table, year: year, view: view, empty: empty,
            errors: errors
        ).encodeResponse(status: errors.isEmpty ? .ok : .unprocessableEntity, for: req)
    }

    func render(
        _ req: Request, staff: SignedInStaff, choices: Choices, options: [ScopeOption], table: DeflatorTable,
        year: Int, view: SROIView?, empty: String?, errors: [FormError], typedTitle: String? = nil
    ) async throws -> View {
        // Saved reports from the primary: one just saved is listed at once.
        let reports = try await req.stores.sroi.reports().map {
            ReportLink(
                title: $0.title, href: SitePath.sroiReport(.value($0.id), .page).path,
                created: LondonTime.date($0.createdAt))
        }
        var years = table.financialYears.reversed().map {
            YearOption(value: $0, label: DeflatorTable.label($0), selected: $0 == year)
        }
        if years.isEmpty { years = [YearOption(value: year, label: DeflatorTable.label(year), selected: true)] }
        // People supported, by the one definition (the whole council, or a ward as people stood on the last day).
        var supported: DefinedFigure? = nil
        if choices.coordinatorID == nil {
            let figures = try await req.stores.reports.figures.figures(
                councils: [staff.council.id], period: choices.period.period, byWard: choices.wardID != nil,
                now: req.now)
            let key = FiguresStore.Key(councilID: staff.council.id, ward: choices.wardID.map { .ward($0) })
            supported = DefinedFigure(
                name: Figure.peopleSupported.name,
                value: FigureRow.text(.peopleSupported, figures[key] ?? PeriodFigures()),
                definition: Figure.peopleSupported.definition)
        }
        // The period before, for comparison, by the page's defaults for the same scope and price year.
        let before = try await req.stores.reports.sroi.periodModel(
            period: choices.period.previous, wardID: choices.wardID, coordinatorID: choices.coordinatorID,
            includeWellbeing: choices.includeWellbeing, priceYear: year, today: ISODay.string(req.now))
        let previous = DefinedFigure(
            name: choices.period.previousLabel,
            value: before.result.map { Wording.current("sroi.headline.ratio", Money.text(SROI.round($0.ratio, 2))) }
                ?? Money.text(SROI.round(before.socialValue, 2)),
            definition: Wording.current("sroi.headline.previous-definition"))
        return try await req.view.render(
            .sroiBuild,
            BuildPage(
                page: PageContext(
                    request: req,
                    title: errors.isEmpty
                        ? Wording.current("sroi.page.social-return-on-investment")
                        : Wording.current("sroi.page.error-social-return-on-investment")),
                choice: choices.period, action: choices.period.link(Self.path), scope: choices.scope,
                scopeOptions: options, priceYears: years, investment: choices.typed,
                includeWellbeing: choices.includeWellbeing, view: view, emptyReason: empty, errors: errors,
                fieldErrors: errors.byField, reports: reports,
                title: typedTitle ?? Wording.current("sroi.build.default-title", choices.period.label),
                proxiesPath: ProxiesController.path, supported: supported, previous: previous))
    }

    /// Reads the edited inputs back into a model: every box that is not a number is a problem (all of them at
    /// once), and what was typed comes back to be shown again.
    func editedModel(_ req: Request, base: SROI.Model) -> (
        model: SROI.Model, typed: [String: String], problems: [FormError]
    ) {
        var model = base
        var typed: [String: String] = [:]
        var problems: [FormError] = []
        // A box left empty keeps the default; anything else must be wholly a number ("1,000" is not 1,
        // "50k" is not 50, "1e308" and "NaN" are not numbers here), or nothing is recalculated.
        func decimal(_ key: String) -> Decimal? {
            guard let text = try? req.content.get(String.self, at: key) else { return nil }
            typed[key] = text
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            guard let value = Money.number(text, groupedThousands: true) else {
                problems.append(FormError(field: key, message: Wording.current("sroi.page.problem-not-a-number")))
                return nil
            }
            return value
        }
        // A percentage is points out of 100; a value is £0 or more: each problem beside its own box.
        func share(_ key: String) -> Decimal? {
            guard let points = decimal(key) else { return nil }
            guard points >= 0, points <= 100 else {
                problems.append(FormError(field: key, message: Wording.current("sroi.page.problem-percent")))
                return nil
            }
            return points / 100
        }
        func amount(_ key: String) -> Decimal? {
            guard let value = decimal(key) else { return nil }
            guard value >= 0, value <= SROI.Model.maximumAmount else {
                problems.append(FormError(field: key, message: Wording.current("sroi.page.problem-amount")))
                return nil
            }
            return value
        }
        if let rate = share("discountRate") { model.discountRate = rate }
        let firstYear = (try? req.content.get(String.self, at: "discountFirstYear")) == "yes"
        typed["discountFirstYear"] = firstYear ? "yes" : ""
        model.discountFirstYear = firstYear
        for index in model.outcomes.indices {
            let prefix = "o\(index)_"
            if let value = amount(prefix + "proxyValue") { model.outcomes[index].proxyValue = value }
            if let value = share(prefix + "deadweight") { model.outcomes[index].deadweight = value }
            if let value = share(prefix + "displacement") { model.outcomes[index].displacement = value }
            if let value = share(prefix + "attribution") { model.outcomes[index].attribution = value }
            if let value = share(prefix + "dropOff") { model.outcomes[index].dropOff = value }
            if let text = try? req.content.get(String.self, at: prefix + "durationYears") {
                typed[prefix + "durationYears"] = text
                if text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                if let years = (try? CheckedNumber.parse(text, field: "durationYears", in: 1...50)).flatMap({ $0 }) {
                    model.outcomes[index].durationYears = years
                } else {
                    problems.append(
                        FormError(field: prefix + "durationYears", message: Wording.current("sroi.page.problem-years")))
                }
            }
        }
        return (model, typed, problems)
    }

    func recalculate(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .viewDashboard)
        let form = try req.content.decode(Query.self)
        var errors: [FormError] = []
        let choices = try choices(req, form, errors: &errors)
        try await checkScope(req, staff: staff, choices)
        // The page's figures and model read the reports' database (a replica, when there is one).
        let store = try req.stores.reports.sroi
        let table = try await store.deflators().table
        let year = priceYear(choices, table: table, errors: &errors)
        let options = try await scopeOptions(req, staff: staff, selected: choices.scope)
        let library = try await store.library()
        var valid = choices
        if errors.contains(where: { $0.field == "investment" }) { valid.investment = nil }
        let base = try await periodModel(req, staff: staff, valid, priceYear: year)
        let (model, typed, inputProblems) = editedModel(req, base: base.model)
        errors += inputProblems
        var result: SROI.Result? = nil
        if errors.isEmpty {
            do {
                result = try SROI.calculate(model)
            } catch {
                errors += error.problems.map { FormError(field: "inputs", message: $0.english) }
            }
        }
        let saving = (try? req.content.get(String.self, at: "action")) == "save"
        let title = (try? req.content.get(String.self, at: "title")) ?? ""
        if saving, title.trimmingCharacters(in: .whitespaces).isEmpty || title.count > 200 {
            errors.append(FormError(field: "title", message: Wording.current("sroi.page.problem-title")))
        }
        guard errors.isEmpty, let result else {
            // The page as it was (recalculated when that worked), with every box as typed and each problem
            // beside its box.
            let shown =
                base.model.outcomes.isEmpty
                ? nil
                : SROIView(
                    model: result == nil ? base.model : model, result: result ?? base.result, basis: base.basis,
                    library: library
                ).showingTyped(typed, problems: errors)
            return try await render(
                req, staff: staff, choices: choices, options: options, table: table, year: year, view: shown,
                empty: shown == nil
                    ? Wording.current(
                        "sroi.page.no-valued-outcomes-or-avoided-crises",
                        scopeLabel(options, choices.scope).lowercased())
                    : nil,
                errors: errors, typedTitle: saving ? title : nil
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        if saving {
            let scopeText = Wording.current(
                "sroi.page.scope-and-period", scopeLabel(options, choices.scope), choices.period.period.label)
            // Saved on the primary, whatever the page read from.
            let id = try await req.stores.sroi.saveReport(
                title: title, scope: scopeText, model: model, basis: base.basis, by: staff.member.id, at: req.now,
                audit: AuditEntry(
                    at: req.now, staffID: staff.member.id, personID: nil, action: .create,
                    detail: .key("sroi.audit.report", title.trimmingCharacters(in: .whitespaces)),
                    address: req.clientAddress))
            return req.redirect(to: SitePath.sroiReport(.value(id), .page).path)
        }
        return try await render(
            req, staff: staff, choices: choices, options: options, table: table, year: year,
            view: SROIView(model: model, result: result, basis: base.basis, library: library), empty: nil, errors: []
        ).encodeResponse(for: req)
    }

    func report(_ req: Request) async throws -> (SignedInStaff, SavedSROIReport, SROI.Result, [Proxy]) {
        let staff = try req.staff(permitted: .viewDashboard)
        guard let id = req.parameters.get(.reportID).flatMap(UUID.init(uuidString:)) else {
            throw AlongsideError.notFound(.report)
        }
        // A saved report from the primary: the page a save redirects to must find it.
        let store = try req.stores.sroi
        let saved = try await store.report(id)
        return (staff, saved, try SROI.calculate(saved.model), try await store.library())
    }

    func show(req: Request) async throws -> View {
        let (_, saved, result, library) = try await report(req)
        let base = SitePath.sroiReport(.value(saved.id), .page).path
        return try await req.view.render(
            .sroiReport,
            ReportPage(
                page: PageContext(request: req, title: saved.title), title: saved.title, scope: saved.scope,
                created: LondonTime.dateTime(saved.createdAt),
                view: SROIView(model: saved.model, result: result, basis: saved.basis, library: library),
                csvPath: SitePath.sroiReport(.value(saved.id), .csv).path,
                jsonPath: SitePath.sroiReport(.value(saved.id), .json).path))
    }

    func json(req: Request) async throws -> Response {
        let (_, saved, result, _) = try await report(req)
        struct Export: Encodable {
            let title: String
            let scope: String
            /// Where the investment came from: council-setting, programme-budget, typed-in or none
            /// ("unknown" for reports saved before it was kept).
            let investmentSource: String
            let investmentTypedIn: Bool
            let basis: SROIBasis?
            let model: SROI.Model
            let result: SROI.Result
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let body = try encoder.encode(
            Export(
                title: saved.title, scope: saved.scope,
                investmentSource: saved.basis?.investmentSource.code ?? "unknown",
                investmentTypedIn: saved.basis?.investmentSource == .typedIn, basis: saved.basis, model: saved.model,
                result: result))
        let response = Response(status: .ok, body: .init(data: body))
        response.headers.contentType = .json
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"sroi-report.json\"")
        return response
    }

    /// Where an investment came from, in a word or two, for the CSV.
    static func sourceWords(_ source: InvestmentSource) -> String {
        switch source {
        case .councilSetting: return Wording.current("sroi.csv.source-council-setting")
        case .programmeBudget: return Wording.current("sroi.csv.source-programme-budget")
        case .typedIn: return Wording.current("sroi.csv.source-typed-in")
        case .none: return Wording.current("sroi.csv.source-none")
        }
    }

    func csv(req: Request) async throws -> Response {
        let (_, saved, result, _) = try await report(req)
        let wording = Wording.current
        var lines = [wording("sroi.csv.columns")]
        func add(_ section: String, _ item: String, _ value: String) {
            lines.append([section, item, value].map(CSVField.escape).joined(separator: ","))
        }
        let report = wording("sroi.csv.report")
        add(report, wording("sroi.csv.title"), saved.title)
        add(report, wording("sroi.csv.scope"), saved.scope)
        if let basis = saved.basis {
            add(report, wording("sroi.csv.period"), basis.period.label)
            add(report, wording("sroi.csv.price-year"), DeflatorTable.label(basis.priceYear))
            add(report, wording("sroi.csv.investment-source"), Self.sourceWords(basis.investmentSource))
            add(
                report, wording("sroi.csv.wellbeing"),
                basis.includesWellbeing ? wording("sroi.csv.yes") : wording("sroi.csv.no"))
            add(report, wording("sroi.csv.wellbys"), "\(basis.wellbeing.net)")
            add(report, wording("sroi.csv.wellbeing-people"), "\(basis.wellbeing.people)")
            add(report, wording("sroi.csv.outcomes"), "\(basis.outcomes)")
            add(report, wording("sroi.csv.avoided-crises"), "\(basis.avoidedCrises)")
            add(report, wording("sroi.csv.deflators"), "\(basis.deflatorSource) \(basis.deflatorPublished)")
        } else {
            add(report, wording("sroi.csv.investment-source"), wording("sroi.csv.source-unknown"))
        }
        let model = wording("sroi.csv.model")
        add(model, wording("sroi.csv.investment"), "\(saved.model.investment)")
        add(model, wording("sroi.csv.discount-rate"), "\(saved.model.discountRate)")
        add(
            model, wording("sroi.csv.discount-first-year"),
            saved.model.discountFirstYear ? wording("sroi.csv.yes") : wording("sroi.csv.no"))
        for outcome in saved.model.outcomes {
            for (item, value) in [
                (wording("sroi.csv.quantity"), "\(outcome.quantity)"),
                (wording("sroi.csv.proxy-value"), "\(outcome.proxyValue)"),
                (wording("sroi.csv.deadweight"), "\(outcome.deadweight)"),
                (wording("sroi.csv.displacement"), "\(outcome.displacement)"),
                (wording("sroi.csv.attribution"), "\(outcome.attribution)"),
                (wording("sroi.csv.duration-years"), "\(outcome.durationYears)"),
                (wording("sroi.csv.drop-off"), "\(outcome.dropOff)"),
            ] {
                add(wording("sroi.page.outcome", outcome.name), item, value)
            }
        }
        let section = wording("sroi.csv.result")
        add(section, wording("sroi.csv.present-value"), "\(result.presentValue)")
        add(section, wording("sroi.csv.net-present-value"), "\(result.netPresentValue)")
        add(section, wording("sroi.csv.ratio"), "\(result.ratio)")
        add(section, wording("sroi.csv.net-ratio"), "\(result.netRatio)")
        add(section, wording("sroi.csv.payback-months"), result.paybackMonths.map { "\($0)" } ?? "")
        for year in result.years {
            add(wording("sroi.page.year", year.year), wording("sroi.csv.value"), "\(year.value)")
            add(wording("sroi.page.year", year.year), wording("sroi.csv.discounted-value"), "\(year.discountedValue)")
        }
        for row in result.sensitivity {
            add(
                wording("sroi.csv.sensitivity"),
                "\(row.outcome ?? wording("sroi.page.all-outcomes")): \(SROIView.words(row, model: saved.model))",
                "\(row.ratio)")
        }
        for row in result.breakEven {
            add(
                wording("sroi.csv.break-even"), "\(row.outcome): \(SROIView.assumption(row.assumption))",
                row.breakEven.map { "\($0)" } ?? "")
        }
        let response = Response(status: .ok, body: .init(string: lines.joined(separator: "\r\n") + "\r\n"))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"sroi-report.csv\"")
        return response
    }
}
