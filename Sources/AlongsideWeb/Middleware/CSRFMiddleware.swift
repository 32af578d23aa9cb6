import AlongsideCore
import Vapor

/// Cross-site request forgery protection for forms: each session holds a random token, every form
/// carries it in a hidden `csrf` field, and any state-changing request without the matching token is
/// refused. The JSON API is exempt because it takes bearer tokens, never cookies.
struct CSRFMiddleware: AsyncMiddleware {
    static let field = "csrf"
    static let sessionKey = "csrf"

    /// The session's token, made on first use.
    static func token(for request: Request) -> String {
        if let token = request.session.data[sessionKey] { return token }
        let token = [UInt8].random(count: 32).base64URLEncoded
        request.session.data[sessionKey] = token
        return token
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let safe: [HTTPMethod] = [.GET, .HEAD, .OPTIONS]
        if safe.contains(request.method) || request.url.path.hasPrefix("/api/") {
            return try await next.respond(to: request)
        }
        // A body that did not arrive with the headers is still streaming: collect it (within the route's
        // size limit) so the token can be read, and so the route sees the same body.
        if request.body.data == nil {
            _ = try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get()
        }
        let expected = request.hasSession ? request.session.data[Self.sessionKey] : nil
        let sent =
            (try? request.content.get(String.self, at: Self.field)) ?? request.headers.first(name: "X-CSRF-Token")
        guard let expected, let sent, Self.constantTimeEqual(expected, sent) else {
            throw Abort(
                .forbidden,
                reason: Wording.current("site.error.form-expired"))
        }
        return try await next.respond(to: request)
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
