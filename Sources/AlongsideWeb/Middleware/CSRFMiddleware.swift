import AlongsideCore
import Crypto
import Foundation
import Vapor

/// Cross-site request forgery protection for forms: every form carries a random token in a hidden `csrf`
/// field, and any state-changing request without the matching token is refused. A signed-in member's token
/// lives in their session. A visitor without a session (the sign-in page, the public introduction form, the
/// directory) gets theirs in a cookie signed with the deployment's secret key instead, so that reading a
/// form stores nothing in the database; the form field must match the cookie (a double submit that a
/// forging site can neither read nor make). The JSON API is exempt because it takes bearer tokens, never
/// cookies.
struct CSRFMiddleware: AsyncMiddleware {
    static let field = "csrf"
    static let sessionKey = "csrf"
    static let cookieName = "alongside-form"

    private struct VisitorTokenKey: StorageKey { typealias Value = (token: String, isNew: Bool) }

    /// The token for this request's forms: the session's when there is a session (made on first use), else
    /// the visitor's signed cookie's (made, and set on the response, on first use).
    static func token(for request: Request) -> String {
        if request.hasSession {
            if let token = request.session.data[sessionKey] { return token }
            let token = visitorToken(request)?.token ?? [UInt8].random(count: 32).base64URLEncoded
            request.session.data[sessionKey] = token
            return token
        }
        if let known = visitorToken(request) { return known.token }
        let token = [UInt8].random(count: 32).base64URLEncoded
        request.storage[VisitorTokenKey.self] = (token, true)
        return token
    }

    /// The visitor's token: made on this request, or read from a cookie whose signature holds.
    private static func visitorToken(_ request: Request) -> (token: String, isNew: Bool)? {
        if let made = request.storage[VisitorTokenKey.self] { return made }
        guard let cookie = request.cookies[cookieName]?.string else { return nil }
        let parts = cookie.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, constantTimeEqual(signature(parts[0], request), parts[1]) else { return nil }
        request.storage[VisitorTokenKey.self] = (parts[0], false)
        return (parts[0], false)
    }

    static func signature(_ token: String, _ request: Request) -> String {
        let key = SymmetricKey(
            data: SHA256.hash(data: Data(("alongside-form:" + request.application.alongside.secretKey).utf8)))
        return Array(HMAC<SHA256>.authenticationCode(for: Data(token.utf8), using: key)).base64URLEncoded
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let safe: [HTTPMethod] = [.GET, .HEAD, .OPTIONS]
        if safe.contains(request.method) || SitePath.isAPI(request.url.path) {
            return Self.settingCookie(try await next.respond(to: request), for: request)
        }
        // A body that did not arrive with the headers is still streaming: collect it (within the route's
        // size limit) so the token can be read, and so the route sees the same body.
        if request.body.data == nil {
            _ = try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get()
        }
        let sent =
            (try? request.content.get(String.self, at: Self.field)) ?? request.headers.first(name: "X-CSRF-Token")
        let inSession = request.hasSession ? request.session.data[Self.sessionKey] : nil
        let inCookie = Self.visitorToken(request)?.token
        guard let sent, [inSession, inCookie].contains(where: { $0.map { Self.constantTimeEqual($0, sent) } ?? false })
        else {
            throw Abort(
                .forbidden,
                reason: Wording.current("site.error.form-expired"))
        }
        return Self.settingCookie(try await next.respond(to: request), for: request)
    }

    /// Sets the visitor's signed cookie when this request made their token.
    private static func settingCookie(_ response: Response, for request: Request) -> Response {
        guard let made = request.storage[VisitorTokenKey.self], made.isNew, !request.hasSession else { return response }
        response.cookies[cookieName] = HTTPCookies.Value(
            string: made.token + "." + signature(made.token, request), expires: nil, maxAge: nil, path: "/",
            isSecure: request.application.alongside.secureCookies, isHTTPOnly: true, sameSite: .lax)
        return response
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}

extension Array where Element == UInt8 {
    var base64URLEncoded: String {
        Data(self).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
