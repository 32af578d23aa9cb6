import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The council's unit-cost and proxy library: value, unit, source, price year and default assumptions
/// for each outcome and avoided crisis, and the GDP deflator table that brings values of different price
/// years to a report's year. Councils add their own licensed values and their own table here; each change
/// is saved with its audit entry in one transaction.
struct ProxiesController: RouteCollection {
    static let path = SitePath.sroiProxies.path
    static let deflatorsPath = SitePath.sroiDeflators.path

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

    struct Deflators: Encodable {
        let inUse: String
        let own: Bool
        let rows: String
        let source: String
        let published: String
        let version: Int
        let action: String
        let latestYear: Int
    }

    struct Page: Encodable {
        let page: PageContext
        let rows: [Row]
        let deflators: Deflators
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

    struct DeflatorForm: Content {
        var rows: String?
        var source: String?
        var published: String?
        var version: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get(.sroiProxies, use: index)
        signedIn.post(.sroiDeflators, use: saveDeflators)
        signedIn.post(.sroiProxy(.key), use: update)
    }

    func render(
        _ req: Request, staff: SignedInStaff, notice: String?, errors: [FormError], typed: DeflatorForm? = nil
    ) async throws -> View {
        let store = try req.stores.sroi
        let library = try await store.library()
        let rows = library.map { proxy in
            Row(
                kind: proxy.kind.rawValue, label: proxy.kind.label, value: "\(proxy.value)", unit: proxy.unit,
                source: proxy.source,
                priceYear: proxy.priceYear, deadweight: SROIView.percent(proxy.deadweight),
                displacement: SROIView.percent(proxy.displacement), attribution: SROIView.percent(proxy.attribution),
                durationYears: proxy.durationYears, dropOff: SROIView.percent(proxy.dropOff),
                action: SitePath.sroiProxy(.value(proxy.kind)).path, avoided: proxy.kind.isAvoidedEvent)
        }
        let (table, version, own) = try await store.deflators()
        let source = table.source.isEmpty ? Wording.current("sroi.deflators.no-source") : table.source
        let deflators = Deflators(
            inUse: own
                ? Wording.current("sroi.deflators.own", source, table.published)
                : Wording.current("sroi.deflators.shipped", source, table.published),
            own: own, rows: typed?.rows ?? table.rowsText, source: typed?.source ?? (own ? table.source : ""),
            published: typed?.published ?? (own ? table.published : ""), version: version,
            action: Self.deflatorsPath, latestYear: SROIStore.priceYears(at: req.now).upperBound)
        return try await req.view.render(
            .sroiProxies,
            Page(
                page: PageContext(
                    request: req,
                    title: errors.isEmpty
                        ? Wording.current("sroi.page.proxy-library") : Wording.current("sroi.page.error-proxy-library")),
                rows: rows, deflators: deflators, notice: notice, errors: errors, fieldErrors: errors.byField))
    }

    func index(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .viewDashboard)
        var notice: String? = nil
        switch req.query[String.self, at: "saved"] {
        case "deflators": notice = Wording.current("sroi.deflators.saved")
        case .some: notice = Wording.current("sroi.page.value-saved")
        case .none: break
        }
        return try await render(req, staff: staff, notice: notice, errors: [])
    }

    func update(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .viewDashboard)
        guard let kind = req.parameters.get(.kind).flatMap(RecordedOutcome.Kind.init(rawValue:)) else {
            throw AlongsideError.notFound(.proxy)
        }
        let form = try req.content.decode(Form.self)
        func decimal(_ text: String?) -> Decimal? {
            text.flatMap { Money.pounds($0) }
        }
        do {
            guard let value = decimal(form.value), value >= 0, value <= SROI.Model.maximumAmount,
                let deadweight = decimal(form.deadweight), let displacement = decimal(form.displacement),
                let attribution = decimal(form.attribution), let dropOff = decimal(form.dropOff),
                let duration = try? CheckedNumber.parse(form.durationYears, field: kind.rawValue, in: 1...50)
            else {
                throw RequestProblem.proxyNumbersUnusable(kind)
            }
            let years = SROIStore.priceYears(at: req.now)
            guard let year = try? CheckedNumber.parse(form.priceYear, field: kind.rawValue, in: years) else {
                throw SROIProblem.proxyPriceYearUnusable(kind, latest: years.upperBound)
            }
            let source = (form.source ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !source.isEmpty, source.count <= 500 else {
                throw RequestProblem.proxySourceMissing(kind)
            }
            try await req.stores.sroi.save(
                Proxy(
                    kind: kind, value: value, unit: String((form.unit ?? "").prefix(100)), source: source,
                    priceYear: year,
                    deadweight: deadweight / 100, displacement: displacement / 100, attribution: attribution / 100,
                    durationYears: duration, dropOff: dropOff / 100),
                at: req.now,
                audit: AuditEntry(
                    at: req.now, staffID: staff.member.id, personID: nil, action: .update,
                    detail: .key("sroi.audit.proxy", kind.rawValue, value, year),
                    address: req.clientAddress))
            return req.redirect(to: Self.path + "?saved=1#\(kind.rawValue)")
        } catch let problem as any DomainProblem where problem.kind == .invalid {
            return try await render(req, staff: staff, notice: nil, errors: [FormError(problem)])
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    /// Replaces the council's deflator table, from the version the form was opened on.
    func saveDeflators(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .viewDashboard)
        let form = try req.content.decode(DeflatorForm.self)
        do {
            let version = try CheckedNumber.parse(form.version, field: "version", in: 0...1_000_000_000)
            let indexes = try DeflatorTable.parse(rows: form.rows ?? "")
            let table = DeflatorTable(
                indexes: indexes, source: (form.source ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                published: (form.published ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
            try await req.stores.sroi.saveDeflators(
                table, expectedVersion: version, at: req.now,
                audit: AuditEntry(
                    at: req.now, staffID: staff.member.id, personID: nil, action: .update,
                    detail: .key("sroi.audit.deflators", indexes.count, table.source),
                    address: req.clientAddress))
            return req.redirect(to: Self.path + "?saved=deflators#deflators")
        } catch let problem as any DomainProblem where problem.kind == .invalid {
            return try await render(
                req, staff: staff, notice: nil, errors: [FormError(problem)], typed: form
            ).encodeResponse(status: .unprocessableEntity, for: req)
        } catch is RecordChanged {
            return try await render(
                req, staff: staff, notice: nil,
                errors: [FormError(field: "rows", message: Wording.current("sroi.deflators.changed"))]
            ).encodeResponse(status: .conflict, for: req)
        }
    }
}
