import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Chooses the language a page is answered in, from what the council offers: a `?lang=` the visitor
/// just chose (remembered in a cookie for a year), else the cookie, else the browser's
/// `Accept-Language`, else English. The council is the signed-in member of staff's, or the public
/// page's (`/c/{council}/…` or the deployment's default). Machine routes (API, ORUK, health) stay English.
struct LanguageMiddleware: AsyncMiddleware {
    static let cookie = "alongside-language"
    static let query = "lang"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard Self.servesPages(request.url.path) else { return try await next.respond(to: request) }
        let council = try await council(for: request)
        let offered = council?.languages ?? [.english]
        let asked = request.query[String.self, at: Self.query].flatMap(Language.init(code:))
        let remembered = request.cookies[Self.cookie].flatMap { Language(code: $0.string) }
        let browser = request.headers.first(name: .acceptLanguage).flatMap {
            Language.preferred(acceptLanguage: $0, offered: offered)
        }
        let language = [asked, remembered, browser].compactMap { $0 }.first { offered.contains($0) } ?? .english
        var overrides: [String: Phrase] = [:]
        // A council's own wording changes its pages only: the sign-in pages every council's staff share
        // read the deployment's wording, so one council's admin cannot change what another's staff are told.
        if let council, !(Self.isShared(request.url.path) && !request.auth.has(SignedInStaff.self)) {
            overrides =
                try await request.application.councilWording.wording(for: council, on: request.db)[language] ?? [:]
        }
        let wording = Wording(
            catalog: request.application.strings, language: language, offered: offered, overrides: overrides)
        request.wording = wording
        let response = try await Wording.$chosen.withValue(wording) { try await next.respond(to: request) }
        if offered.count > 1 {
            // The same address answers in more than one language: say which, and what it depends on.
            response.headers.replaceOrAdd(name: .contentLanguage, value: language.tag)
            response.headers.add(name: .vary, value: "Accept-Language, Cookie")
        }
        if let asked, offered.contains(asked) {
            response.cookies[Self.cookie] = HTTPCookies.Value(
                string: asked.rawValue, maxAge: 365 * 24 * 60 * 60, path: "/",
                isSecure: request.application.alongside.secureCookies, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    /// Pages every council's staff share: signing in and its second step.
    static func isShared(_ path: String) -> Bool {
        path == SitePath.signIn.path || path.hasPrefix(SitePath.signIn.path + "/")
    }

    /// Pages people read; not the JSON API, Open Referral, health checks, metrics or style sheets.
    static func servesPages(_ path: String) -> Bool { SitePath.servesPages(path) }

    private func council(for request: Request) async throws -> Council? {
        if let staff = request.auth.get(SignedInStaff.self) { return staff.council }
        return try await request.publicCouncil(named: SitePath.publicCouncilSlug(in: request.url.path))
    }
}
