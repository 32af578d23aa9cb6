import AlongsideCore
import Vapor

/// Refuses any request that carries the NUL character, in its address or its body (raw, `%00` or JSON's
/// `\u0000`), with a clear 400. No field of Alongside's holds one, PostgreSQL cannot store one in text
/// (it answers with an error), and a NUL cut short in one layer and kept in another is how checks are
/// walked around; so it is stopped at the door, before any handler reads the request.
struct RefuseNUL: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if Self.holdsNUL(request.url.string) { throw Self.refusal(request) }
        if request.method != .GET && request.method != .HEAD {
            if request.body.data == nil {
                _ = try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get()
            }
            if let body = request.body.data, Self.holdsNUL(body) { throw Self.refusal(request) }
        }
        return try await next.respond(to: request)
    }

    /// The refusal, in the reader's language: this runs before the council and its languages are known, so a
    /// page's reader is answered in the language their cookie or browser asks for (the API stays English).
    static func refusal(_ request: Request) -> Abort {
        if LanguageMiddleware.servesPages(request.url.path) {
            let asked = request.url.query.flatMap { query in
                query.split(separator: "&").first { $0.hasPrefix(LanguageMiddleware.query + "=") }
                    .flatMap { Language(code: String($0.dropFirst(LanguageMiddleware.query.count + 1))) }
            }
            let remembered = request.cookies[LanguageMiddleware.cookie].flatMap { Language(code: $0.string) }
            let browser = request.headers.first(name: .acceptLanguage).flatMap {
                Language.preferred(acceptLanguage: $0, offered: [.english, .welsh])
            }
            request.wording = Wording(
                catalog: request.application.strings, language: asked ?? remembered ?? browser ?? .english,
                offered: [.english, .welsh], overrides: [:])
        }
        return Abort(.badRequest, reason: request.wording("site.error.remove-the-nul-character"))
    }

    static func holdsNUL(_ text: String) -> Bool {
        text.utf8.contains(0) || text.range(of: "%00") != nil
            || text.range(of: "\\u0000", options: .caseInsensitive) != nil
    }

    static func holdsNUL(_ buffer: ByteBuffer) -> Bool {
        let bytes = buffer.readableBytesView
        if bytes.contains(0) { return true }
        let text = String(decoding: bytes, as: UTF8.self)
        return text.range(of: "%00") != nil || text.range(of: "\\u0000", options: .caseInsensitive) != nil
    }
}
