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
            throw RequestProblem.modelUnreadable(RequestReading.describe(error))
        }
        // A model with problems is refused with every one of them (`SROI.InvalidModel`, worded below).
        let result = try SROI.calculate(model)
        let response = Response(status: .ok, body: .init(string: try SROIJSON.text(result)))
        response.headers.contentType = .json
        return response
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
                throw SROIProblem.investmentUnusable
            }
            investment = SROI.round(pounds, 2)
        }
        // A report: read from the replica when there is one (`req.reportsDB`).
        let store = try req.stores.reports.sroi
        let year = try CheckedNumber.parse(query.priceYear, field: "priceYear", in: DeflatorTable.years)
        if let year, try await store.deflators().table.indexes[year] == nil {
            throw SROIProblem.priceYearUnusable
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

// The model's problems are the API's and the command line's, in English like the model's field names.
extension SROI.InvalidModel: WordedProblem {
    var words: ProblemWords { english(problems.map(\.english).joined(separator: " ")) }
}

extension SROI.ModelProblem {
    var english: String {
        switch self {
        case .investmentNotPositive: "investment must be more than 0."
        case .investmentTooLarge: "investment can be at most £1,000,000,000,000."
        case .discountRateOutOfRange: "discountRate must be between 0 and 1 (0.035 is 3.5%)."
        case .noOutcomes: "outcomes must list at least one outcome."
        case .tooManyOutcomes(let limit): "outcomes can list at most \(limit) outcomes."
        case .outcome(let index, let name, let problem):
            "outcomes[\(index)] (\(name.isEmpty ? "unnamed" : name)): " + problem.english
        }
    }
}

extension SROI.OutcomeProblem {
    var english: String {
        switch self {
        case .quantityNegative: "quantity cannot be negative."
        case .proxyValueNegative: "proxyValue cannot be negative."
        case .proxyValueTooLarge: "proxyValue can be at most £1,000,000,000."
        case .quantityTooLarge: "quantity can be at most 1,000,000,000."
        case .shareOutOfRange(let label): "\(label) must be between 0 and 1 (0.1 is 10%)."
        case .durationOutOfRange: "durationYears must be from 1 to 50."
        }
    }
}
