import AlongsideCore
import Vapor

/// `POST /api/v1/sroi/calculate`: the SROI engine over HTTP, for any signed-in member of staff. It holds
/// no personal data.
struct SROIAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("api", "v1", "sroi").grouped(BearerTokenAuthenticator(), RequireBearer())
            .post("calculate", use: calculate)
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
}
