import AlongsideCore
import AlongsideStore
import Vapor

/// Signs in API requests from `Authorization: Bearer TOKEN`. Only a SHA-256 digest of each token is
/// stored, so a copy of the database does not give working tokens.
struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        let digest = Self.digest(bearer.token)
        guard let member = try await AccessStore(request.db).member(forTokenDigest: digest, at: request.now),
            let staff = try await request.loadStaff(member.id)
        else { return }
        request.auth.login(staff)
    }

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func newToken() -> String { "alg_" + [UInt8].random(count: 32).base64URLEncoded }
}

/// The API's guard: 401 with a JSON reason when no valid token came.
struct RequireBearer: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(SignedInStaff.self) else {
            throw Abort(
                .unauthorized, headers: ["WWW-Authenticate": "Bearer"],
                reason: "Send Authorization: Bearer TOKEN, with a token from POST /api/v1/tokens.")
        }
        return try await next.respond(to: request)
    }
}
