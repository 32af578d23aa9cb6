import AlongsideCore
import AlongsideStore
import NIOFoundationEssentialsCompat
import Vapor

/// `POST /api/v1/sroi/calculate`: the SROI engine over HTTP, for any signed-in member of staff; it holds
/// no personal data. `GET /api/v1/sroi/period`: the council's default model for a period and what it rests
/// on (investment and its source, price year, counts, wellbeing change), built by `SROIStore.periodModel`
/// exactly as the SROI page builds it, with its result when there is an investment.
struct SROIAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(BearerTokenAuthenticator(), RequireBearer())
        api.post(.api(.sroiCalculate), use: calculate)
        api.get(.api(.sroiPeriod), use: period)
    }

    func calculate(req: Request) async throws -> Response {
        let model: SROI.Model
        do {
            model = try JSONDecoder().decode(SROI.Model.self, from: Data(buffer: req.body.data ?? ByteBuffer()))
        } catch {
            throw AlongsideError.invalid(
                field: "model",
                message: Wording.current("api.message.the-model-could-not-be-read", RequestReading.describe(error)))
        }
        do {
            let result = try SROI.calculate(model)
            let response = Response(status: .ok, body: .init(string: try SROIJSON.text(result)))
            response.headers.contentType = .json
            return response
        } catch let invalid as SROI.InvalidModel {
            throw AlongsideError.invalid(field: "model", message: invalid.problems.joined(separator: " "))
        }
    }

    struct PeriodAnswer: Encodable {
        let period: String
        let from: String
        let to: String
        /// council-setting, programme-budget, typed-in or none.
        let investmentSource: String
        let socialValue: Decimal
        let basis: SROIBasis
        let model: SROI.Model
        /// Nil when there is no investment, or nothing valued.
        let result: SROI.Result?
    }

    /// `?period=fy2026-q2` (or `period=dates&from=…&to=…`; this quarter by default), `investment` (pounds,
    /// more than 0; the council's setting for the period by default), `wellbeing=no` to leave the WELLBY
    /// line out, `priceYear` (a financial year the deflator table holds).
    func period(req: Request) async throws -> Response {
        _ = try req.staff(permitted: .viewDashboard)
        struct Query: Decodable {
            var period: String?
            var from: String?
            var to: String?
            var investment: String?
            var wellbeing: String?
            var priceYear: String?
        }
        let query = try req.query.decode(Query.self)
        let chosen = try PeriodChoice.read(
            key: query.period, from: query.from, to: query.to,
            fallback: Period.quarter(containing: ISODay.string(req.now)))
        var investment: Decimal? = nil
        if let typed = query.investment, !typed.isEmpty {
            guard typed.count <= 30, let pounds = Money.pounds(typed), pounds > 0,
                pounds <= SROI.Model.maximumAmount * 1_000
            else {
                throw AlongsideError.invalid(
                    field: "investment", message: Wording.current("sroi.page.enter-the-investment-in-pounds-more"))
            }
            investment = SROI.round(pounds, 2)
        }
        // A report: read from the replica when there is one (`req.reportsDB`).
        let store = try req.stores.reports.sroi
        let year = try CheckedNumber.parse(query.priceYear, field: "priceYear", in: DeflatorTable.years)
        if let year, try await store.deflators().table.indexes[year] == nil {
            throw AlongsideError.invalid(field: "priceYear", message: Wording.current("sroi.page.problem-price-year"))
        }
        let built = try await store.periodModel(
            period: chosen, investment: investment, includeWellbeing: query.wellbeing != "no", priceYear: year,
            today: ISODay.string(req.now))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let body = try encoder.encode(
            PeriodAnswer(
                period: chosen.key, from: chosen.from, to: chosen.to,
                investmentSource: built.basis.investmentSource.code,
                socialValue: SROI.round(built.socialValue, 2), basis: built.basis, model: built.model,
                result: built.result))
        let response = Response(status: .ok, body: .init(data: body))
        response.headers.contentType = .json
        return response
    }
}
