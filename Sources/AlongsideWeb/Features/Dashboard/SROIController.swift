import AlongsideCore
import AlongsideStore
import Vapor

/// SROI reports built from the outcomes and avoided crises the team recorded, with every input,
/// source and assumption shown and editable before the report is saved; saved reports print cleanly
/// and export as CSV and JSON.
struct SROIController: RouteCollection {
    struct ScopeOption: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct BuildPage: Encodable {
        let page: PageContext
        let from: String
        let to: String
        let scope: String
        let scopeOptions: [ScopeOption]
        let investment: String
        let view: SROIView?
        let emptyReason: String?
        let errors: [FormError]
        let fieldErrors: [String: String]
        let reports: [ReportLink]
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
        let sroi = routes.grouped(RequireSignIn()).grouped("sroi")
        sroi.get(use: build)
        sroi.post(use: recalculate)
        sroi.get("reports", ":reportID", use: show)
        sroi.get("reports", ":reportID", "csv", use: csv)
        sroi.get("reports", ":reportID", "json", use: json)
    }

    struct Query: Content {
        var from: String?
        var to: String?
        var scope: String?
        var investment: String?
    }

    func scopeOptions(_ req: Request, staff: SignedInStaff, selected: String) async throws -> [ScopeOption] {
        let wards = try await WardStore(req.db, councilID: staff.council.id).all()
        let coordinators = try await StaffStore(req.db).list(councilID: staff.council.id, roles: [.coordinator])
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

    func scopeLabel(_ options: [ScopeOption], _ scope: String) -> String {
        options.first { $0.value == scope }?.label ?? Wording.current("sroi.page.the-whole-council")
    }

    /// Builds the default model from the records for the period and scope.
    func defaultModel(
        _ req: Request, staff: SignedInStaff, from: String, to: String, scope: String, investment: Decimal
    )
        async throws -> SROI.Model
    {
        let store = SROIStore(req.db, councilID: staff.council.id)
        var ward: Ward.ID? = nil
        var coordinator: StaffMember.ID? = nil
        if scope.hasPrefix("ward:") { ward = Ward.ID(String(scope.dropFirst(5))) }
        if scope.hasPrefix("coordinator:") { coordinator = StaffMember.ID(String(scope.dropFirst(12))) }
        let counts = try await store.outcomeCounts(from: from, to: to, wardID: ward, coordinatorID: coordinator)
        return ProxyLibrary.model(counts: counts, library: try await store.library(), investment: investment)
    }

    func periodDefaults(_ req: Request) -> (String, String) {
        let to = LondonTime.isoDay(req.now)
        let from = LondonTime.isoDay(req.now.addingTimeInterval(-365 * 86_400))
        return (from, to)
    }

    func build(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .viewDashboard)
        let query = try req.query.decode(Query.self)
        let (defaultFrom, defaultTo) = periodDefaults(req)
        let from = query.from.flatMap(Person.isoDate) ?? defaultFrom
        let to = query.to.flatMap(Person.isoDate) ?? defaultTo
        let scope = query.scope ?? "council"
        let options = try await scopeOptions(req, staff: staff, selected: scope)
        var view: SROIView? = nil
        var empty: String? = nil
        var errors: [FormError] = []
        if let raw = query.investment, !raw.isEmpty {
            if let investment = Money.pounds(raw), investment > 0 {
                let model = try await defaultModel(
                    req, staff: staff, from: from, to: to, scope: scope, investment: investment)
                if model.outcomes.isEmpty {
                    empty =
                        Wording.current(
                            "sroi.page.no-valued-outcomes-or-avoided-crises", scopeLabel(options, scope).lowercased())
                } else {
                    view = SROIView(
                        model: model, result: try SROI.calculate(model),
                        library: try await SROIStore(req.db, councilID: staff.council.id).library())
                }
            } else {
                errors.append(
                    FormError(
                        field: "investment", message: Wording.current("sroi.page.enter-the-investment-in-pounds-more"))
                )
            }
        }
        return try await render(
            req, staff: staff, from: from, to: to, scope: scope, options: options, investment: query.investment ?? "",
            view: view, empty: empty, errors: errors)
    }

    func render(
        _ req: Request, staff: SignedInStaff, from: String, to: String, scope: String, options: [ScopeOption],
        investment: String, view: SROIView?, empty: String?, errors: [FormError]
    ) async throws -> View {
        let reports = try await SROIStore(req.db, councilID: staff.council.id).reports().map {
            ReportLink(
                title: $0.title, href: "/sroi/reports/\($0.id.uuidString.lowercased())",
                created: LondonTime.date($0.createdAt))
        }
        return try await req.view.render(
            "sroi/build",
            BuildPage(
                page: PageContext(
                    request: req,
                    title: errors.isEmpty
                        ? Wording.current("sroi.page.social-return-on-investment")
                        : Wording.current("sroi.page.error-social-return-on-investment")),
                from: LondonTime.slashDate(from), to: LondonTime.slashDate(to), scope: scope, scopeOptions: options,
                investment: investment, view: view, emptyReason: empty, errors: errors, fieldErrors: errors.byField,
                reports: reports))
    }

    /// Reads the edited inputs back into a model.
    func editedModel(_ req: Request, base: SROI.Model) throws -> SROI.Model {
        var model = base
        func decimal(_ key: String) -> Decimal? {
            (try? req.content.get(String.self, at: key)).flatMap {
                Decimal(string: $0.trimmingCharacters(in: .whitespaces))
            }
        }
        func share(_ key: String) -> Decimal? { decimal(key).map { $0 / 100 } }
        if let rate = share("discountRate") { model.discountRate = rate }
        model.discountFirstYear = (try? req.content.get(String.self, at: "discountFirstYear")) == "yes"
        for index in model.outcomes.indices {
            if let value = decimal("o\(index)_proxyValue") { model.outcomes[index].proxyValue = value }
            if let value = share("o\(index)_deadweight") { model.outcomes[index].deadweight = value }
            if let value = share("o\(index)_displacement") { model.outcomes[index].displacement = value }
            if let value = share("o\(index)_attribution") { model.outcomes[index].attribution = value }
            if let value = share("o\(index)_dropOff") { model.outcomes[index].dropOff = value }
            if let value = (try? req.content.get(String.self, at: "o\(index)_durationYears")).flatMap({ Int($0) }) {
                model.outcomes[index].durationYears = value
            }
        }
        return model
    }

    func recalculate(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .viewDashboard)
        let form = try req.content.decode(Query.self)
        let (defaultFrom, defaultTo) = periodDefaults(req)
        let from = form.from.flatMap(Person.isoDate) ?? defaultFrom
        let to = form.to.flatMap(Person.isoDate) ?? defaultTo
        let scope = form.scope ?? "council"
        let options = try await scopeOptions(req, staff: staff, selected: scope)
        guard let investment = Decimal(string: (form.investment ?? "").replacingOccurrences(of: ",", with: "")),
            investment > 0
        else {
            throw AlongsideError.invalid(
                field: "investment", message: Wording.current("sroi.page.enter-the-investment-in-pounds-more-2"))
        }
        let base = try await defaultModel(req, staff: staff, from: from, to: to, scope: scope, investment: investment)
        let model = try editedModel(req, base: base)
        let library = try await SROIStore(req.db, councilID: staff.council.id).library()
        let result: SROI.Result
        do {
            result = try SROI.calculate(model)
        } catch {
            let errors = error.problems.map { FormError(field: "inputs", message: $0) }
            // The period's own model may have nothing to value either: then the page says so, beside the problems.
            let shown = (try? SROI.calculate(base)).map { SROIView(model: base, result: $0, library: library) }
            return try await render(
                req, staff: staff, from: from, to: to, scope: scope, options: options,
                investment: form.investment ?? "", view: shown,
                empty: shown == nil
                    ? Wording.current(
                        "sroi.page.no-valued-outcomes-or-avoided-crises", scopeLabel(options, scope).lowercased())
                    : nil,
                errors: errors
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        if (try? req.content.get(String.self, at: "action")) == "save" {
            let title = (try? req.content.get(String.self, at: "title")) ?? ""
            let scopeText = "\(scopeLabel(options, scope)), \(LondonTime.day(from)) to \(LondonTime.day(to))"
            let id = try await SROIStore(req.db, councilID: staff.council.id).saveReport(
                title: title, scope: scopeText, model: model, by: staff.member.id, at: req.now)
            return req.redirect(to: "/sroi/reports/\(id.uuidString.lowercased())")
        }
        return try await render(
            req, staff: staff, from: from, to: to, scope: scope, options: options, investment: form.investment ?? "",
            view: SROIView(model: model, result: result, library: library), empty: nil, errors: []
        ).encodeResponse(for: req)
    }

    func report(_ req: Request) async throws -> (SignedInStaff, SavedSROIReport, SROI.Result, [Proxy]) {
        let staff = try req.staff(permitted: .viewDashboard)
        guard let id = req.parameters.get("reportID").flatMap(UUID.init(uuidString:)) else {
            throw AlongsideError.notFound(what: "report")
        }
        let store = SROIStore(req.db, councilID: staff.council.id)
        let saved = try await store.report(id)
        return (staff, saved, try SROI.calculate(saved.model), try await store.library())
    }

    func show(req: Request) async throws -> View {
        let (_, saved, result, library) = try await report(req)
        let base = "/sroi/reports/\(saved.id.uuidString.lowercased())"
        return try await req.view.render(
            "sroi/report",
            ReportPage(
                page: PageContext(request: req, title: saved.title), title: saved.title, scope: saved.scope,
                created: LondonTime.dateTime(saved.createdAt),
                view: SROIView(model: saved.model, result: result, library: library),
                csvPath: base + "/csv", jsonPath: base + "/json"))
    }

    func json(req: Request) async throws -> Response {
        let (_, saved, result, _) = try await report(req)
        struct Export: Encodable {
            let title: String
            let scope: String
            let model: SROI.Model
            let result: SROI.Result
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let body = try encoder.encode(
            Export(title: saved.title, scope: saved.scope, model: saved.model, result: result))
        let response = Response(status: .ok, body: .init(data: body))
        response.headers.contentType = .json
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"sroi-report.json\"")
        return response
    }

    func csv(req: Request) async throws -> Response {
        let (_, saved, result, _) = try await report(req)
        var lines = [Wording.current("sroi.csv.columns")]
        func add(_ section: String, _ item: String, _ value: String) {
            lines.append([section, item, value].map(CSVField.escape).joined(separator: ","))
        }
        add(Wording.current("sroi.csv.report"), Wording.current("sroi.csv.title"), saved.title)
        add(Wording.current("sroi.csv.report"), Wording.current("sroi.csv.scope"), saved.scope)
        add(Wording.current("sroi.csv.model"), Wording.current("sroi.csv.investment"), "\(saved.model.investment)")
        add(Wording.current("sroi.csv.model"), Wording.current("sroi.csv.discount-rate"), "\(saved.model.discountRate)")
        add(
            Wording.current("sroi.csv.model"), Wording.current("sroi.csv.discount-first-year"),
            saved.model.discountFirstYear ? Wording.current("sroi.csv.yes") : Wording.current("sroi.csv.no"))
        for outcome in saved.model.outcomes {
            for (item, value) in [
                (Wording.current("sroi.csv.quantity"), "\(outcome.quantity)"),
                (Wording.current("sroi.csv.proxy-value"), "\(outcome.proxyValue)"),
                (Wording.current("sroi.csv.deadweight"), "\(outcome.deadweight)"),
                (Wording.current("sroi.csv.displacement"), "\(outcome.displacement)"),
                (Wording.current("sroi.csv.attribution"), "\(outcome.attribution)"),
                (Wording.current("sroi.csv.duration-years"), "\(outcome.durationYears)"),
                (Wording.current("sroi.csv.drop-off"), "\(outcome.dropOff)"),
            ] {
                add(Wording.current("sroi.page.outcome", outcome.name), item, value)
            }
        }
        add(Wording.current("sroi.csv.result"), Wording.current("sroi.csv.present-value"), "\(result.presentValue)")
        add(
            Wording.current("sroi.csv.result"), Wording.current("sroi.csv.net-present-value"),
            "\(result.netPresentValue)")
        add(Wording.current("sroi.csv.result"), Wording.current("sroi.csv.ratio"), "\(result.ratio)")
        add(Wording.current("sroi.csv.result"), Wording.current("sroi.csv.net-ratio"), "\(result.netRatio)")
        add(
            Wording.current("sroi.csv.result"), Wording.current("sroi.csv.payback-months"),
            result.paybackMonths.map { "\($0)" } ?? "")
        for year in result.years {
            add(Wording.current("sroi.page.year", year.year), Wording.current("sroi.csv.value"), "\(year.value)");
            add(
                Wording.current("sroi.page.year", year.year), Wording.current("sroi.csv.discounted-value"),
                "\(year.discountedValue)")
        }
        for row in result.sensitivity {
            add(
                Wording.current("sroi.csv.sensitivity"),
                "\(row.outcome ?? Wording.current("sroi.page.all-outcomes")): \(row.assumption) \(row.change)",
                "\(row.ratio)")
        }
        let response = Response(status: .ok, body: .init(string: lines.joined(separator: "\r\n") + "\r\n"))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"sroi-report.csv\"")
        return response
    }
}
