import AlongsideCore
import AlongsideStore
import Vapor

/// The council's unit-cost and proxy library: value, unit, source, price year and default assumptions
/// for each outcome and avoided crisis. Councils add their own licensed values here.
struct ProxiesController: RouteCollection {
    struct Row: Encodable {
        let kind: String
        let label: String
        let value: String
        let unit: String
        let source: String
        let priceYear: Int
        let deadweight: String
        let displacement: String
        let attribution: String
        let durationYears: Int
        let dropOff: String
        let action: String
        let avoided: Bool
    }

    struct Page: Encodable {
        let page: PageContext
        let rows: [Row]
        let notice: String?
        let errors: [FormError]
        let fieldErrors: [String: String]
    }

    struct Form: Content {
        var value: String?
        var unit: String?
        var source: String?
        var priceYear: String?
        var deadweight: String?
        var displacement: String?
        var attribution: String?
        var durationYears: String?
        var dropOff: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let proxies = routes.grouped(RequireSignIn()).grouped("sroi", "proxies")
        proxies.get(use: index)
        proxies.post(":kind", use: update)
    }

    func render(_ req: Request, staff: SignedInStaff, notice: String?, errors: [FormError]) async throws -> View {
        let library = try await SROIStore(req.db, councilID: staff.council.id).library()
        let rows = library.map { proxy in
            Row(
                kind: proxy.kind.rawValue, label: proxy.kind.label, value: "\(proxy.value)", unit: proxy.unit,
                source: proxy.source,
                priceYear: proxy.priceYear, deadweight: SROIView.percent(proxy.deadweight),
                displacement: SROIView.percent(proxy.displacement), attribution: SROIView.percent(proxy.attribution),
                durationYears: proxy.durationYears, dropOff: SROIView.percent(proxy.dropOff),
                action: "/sroi/proxies/\(proxy.kind.rawValue)", avoided: proxy.kind.isAvoidedEvent)
        }
        return try await req.view.render(
            "sroi/proxies",
            Page(
                page: PageContext(
                    request: req,
                    title: errors.isEmpty
                        ? Wording.current("sroi.page.proxy-library") : Wording.current("sroi.page.error-proxy-library")),
                rows: rows,
                notice: notice, errors: errors, fieldErrors: errors.byField))
    }

    func index(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .viewDashboard)
        return try await render(
            req, staff: staff,
            notice: req.query[String.self, at: "saved"].map { _ in Wording.current("sroi.page.value-saved") },
            errors: [])
    }

    func update(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .viewDashboard)
        guard let kind = req.parameters.get("kind").flatMap(RecordedOutcome.Kind.init(rawValue:)) else {
            throw AlongsideError.notFound(what: "proxy")
        }
        let form = try req.content.decode(Form.self)
        func decimal(_ text: String?) -> Decimal? {
            text.flatMap {
                Decimal(string: $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ""))
            }
        }
        do {
            guard let value = decimal(form.value), value >= 0, value <= SROI.Model.maximumAmount,
                let year = form.priceYear.flatMap({ Int($0) }),
                (1990...2100).contains(year),
                let deadweight = decimal(form.deadweight), let displacement = decimal(form.displacement),
                let attribution = decimal(form.attribution), let dropOff = decimal(form.dropOff),
                let duration = form.durationYears.flatMap({ Int($0) })
            else {
                throw AlongsideError.invalid(
                    field: kind.rawValue,
                    message: "\(kind.label): fill in every box with a number (price year like 2024).")
            }
            let source = (form.source ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !source.isEmpty, source.count <= 500 else {
                throw AlongsideError.invalid(
                    field: kind.rawValue, message: "\(kind.label): say where the value comes from.")
            }
            try await SROIStore(req.db, councilID: staff.council.id).save(
                Proxy(
                    kind: kind, value: value, unit: String((form.unit ?? "").prefix(100)), source: source,
                    priceYear: year,
                    deadweight: deadweight / 100, displacement: displacement / 100, attribution: attribution / 100,
                    durationYears: duration, dropOff: dropOff / 100),
                at: req.now)
            return req.redirect(to: "/sroi/proxies?saved=1#\(kind.rawValue)")
        } catch let AlongsideError.invalid(field, message) {
            return try await render(req, staff: staff, notice: nil, errors: [FormError(field: field, message: message)])
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }
}
