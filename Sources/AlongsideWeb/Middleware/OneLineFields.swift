import AlongsideCore
import Foundation
import Vapor

/// Fields that hold one line wherever they appear (names, phone numbers, emails, titles, places): a form or
/// JSON body that puts a line break, tab or other control character in one is refused with a 422 naming
/// the field, before any handler stores it. A browser's one-line box cannot send one, so only a hand-made
/// request meets this; such text would otherwise reach CSV files, headers and the subject access export.
/// The introduction form checks its own fields too (`IntroductionDraft`), beside its other problems.
struct OneLineFields: AsyncMiddleware {
    static let names: Set<String> = [
        "name", "fullName", "preferredName", "volunteerName", "phone", "email", "postcode", "volunteerPostcode",
        "partner", "who", "whoWasThere", "title", "storyTitle", "eventPlace", "funder", "code", "unit",
        "introducerName", "introducerContact", "place",
    ]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .POST || request.method == .PUT || request.method == .PATCH,
            let body = request.body.data, body.readableBytes <= 1_048_576
        else { return try await next.respond(to: request) }
        let text = String(decoding: body.readableBytesView, as: UTF8.self)
        let fields: [(String, String)]
        switch request.headers.contentType {
        case .some(let type) where type.type == "application" && type.subType == "json":
            let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
            fields = object.compactMap { key, value in (value as? String).map { (key, $0) } }
        case .some(let type) where type.type == "application" && type.subType == "x-www-form-urlencoded":
            fields = text.split(separator: "&").compactMap { pair in
                let parts = pair.split(separator: "=", maxSplits: 1).map {
                    String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
                }
                return parts.count == 2 ? (parts[0], parts[1]) : nil
            }
        default:
            fields = []
        }
        if let (field, _) = fields.first(where: { Self.names.contains($0.0) && !PlainText.isOneLine($0.1) }) {
            throw RequestProblem.notOneLine(field: field)
        }
        return try await next.respond(to: request)
    }
}
