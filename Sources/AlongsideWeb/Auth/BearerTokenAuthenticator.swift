import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Signs in API requests from `Authorization: Bearer TOKEN`. Only a SHA-256 digest of each token is
/// stored, so a copy of the database does not give working tokens.
struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        let digest = Self.digest(bearer.token)
        // The token, its member of staff and their council in one statement.
        guard
            let (member, council, scope) = try await request.stores.access.staff(
                forTokenDigest: digest, at: request.now)
        else { return }
        let staff = SignedInStaff(member: member, council: council)
        // A token made before the council required two-step sign-in stops at once for a member without it.
        guard !staff.council.requireTwoStep || staff.member.twoStepEnabled else { return }
        request.storage[TokenScopeKey.self] = scope
        request.auth.login(staff)
    }

    /// The token's SHA-256 in lower-case hex, as stored. Written digit by digit: `String(format:)` for each
    /// of 32 bytes went through `vfprintf` on every API request (3% of the people list's time).
    static func digest(_ token: String) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    static func newToken() -> String { "alg_" + [UInt8].random(count: 32).base64URLEncoded }
}

/// What the token on this request may do.
struct TokenScopeKey: StorageKey { typealias Value = AccessStore.TokenScope }

/// The API's guard: 401 with a JSON reason when no valid token came.
struct RequireBearer: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(SignedInStaff.self) else {
            throw Abort(
                .unauthorized, headers: ["WWW-Authenticate": "Bearer"],
                reason: "Send Authorization: Bearer TOKEN, with a token from POST /api/v1/tokens.")
        }
        if request.storage[TokenScopeKey.self] == .read && request.method != .GET && request.method != .DELETE {
            throw Abort(
                .forbidden, reason: "This token can only read. Ask for a token with scope read-write to change things.")
        }
        return try await next.respond(to: request)
    }
}
