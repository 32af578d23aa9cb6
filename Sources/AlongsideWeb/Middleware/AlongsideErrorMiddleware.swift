import AlongsideCore
import Vapor

/// Turns every error into something a person can act on: JSON `{"error": true, "reason": …}` for the API,
/// an error page otherwise. Unknown errors are logged and shown as a plain apology; no stack trace or
/// database message ever reaches a client.
struct AlongsideErrorMiddleware: AsyncMiddleware {
    struct ErrorBody: Content {
        let error: Bool
        let reason: String
    }

    struct ErrorPage: Encodable {
        let page: PageContext
        let status: UInt
        let title: String
        let reason: String
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return await response(for: error, on: request)
        }
    }

    static func describe(_ error: any Error) -> (HTTPStatus, String, HTTPHeaders) {
        switch error {
        case let error as AlongsideError:
            switch error {
            case .notFound: return (.notFound, error.message, [:])
            case .forbidden: return (.forbidden, error.message, [:])
            case .tooManyAttempts(let minutes):
                return (.tooManyRequests, error.message, ["Retry-After": "\(minutes * 60)"])
            }
        case let problem as any DomainProblem:
            return (ProblemWording.status(problem.kind), problem.message, [:])
        case let decoding as DecodingError:
            // Before AbortError, which DecodingError also is: its reason shows decoder internals.
            return (.badRequest, RequestReading.describe(decoding), [:])
        case let abort as any AbortError:
            let reason: String
            switch abort.status {
            case .notFound: reason = Wording.current("site.error.there-is-no-page-at-this")
            case .unauthorized:
                reason =
                    abort.reason == "Unauthorized" ? Wording.current("site.error.sign-in-to-continue") : abort.reason
            case .forbidden: reason = abort.reason == "Forbidden" ? AlongsideError.forbidden.message : abort.reason
            case .payloadTooLarge: reason = Wording.current("site.error.what-you-sent-is-too-large")
            case .methodNotAllowed: reason = Wording.current("site.error.that-action-is-not-available-here")
            default:
                reason =
                    abort.status.code < 500
                    ? abort.reason : Wording.current("site.error.something-went-wrong-on-our-side")
            }
            return (abort.status, reason, abort.headers)
        case is PersonAccess.ReasonNeeded:
            return (
                .forbidden, Wording.current("site.error.this-person-is-not-on-your"), [:]
            )
        case let validation as AlongsideValidation:
            return (.unprocessableEntity, validation.problems.map(\.message).joined(separator: " "), [:])
        case let problems as FormProblems:
            return (.unprocessableEntity, problems.errors.map(\.message).joined(separator: " "), [:])
        case let changed as RecordChanged:
            return (
                .conflict, PersonController.describe(changed, names: [:]),
                ["ETag": PeopleAPIController.etag(changed.currentVersion)]
            )
        default:
            return (
                .internalServerError,
                Wording.current("site.error.something-went-wrong-on-our-side-2"),
                [:]
            )
        }
    }

    func response(for error: any Error, on request: Request) async -> Response {
        await Wording.$chosen.withValue(request.wording) { await page(for: error, on: request) }
    }

    private func page(for error: any Error, on request: Request) async -> Response {
        let (status, reason, headers) = Self.describe(error)
        if status.code >= 500 {
            request.logger.report(error: error)
        }
        let wantsJSON =
            SitePath.isAPI(request.url.path) || request.url.path == SitePath.health.path
            || ORUKController.serves(request.url.path)
            || request.url.path == SitePath.metrics.path
        let response: Response
        if wantsJSON {
            response = Response(status: status)
            try? response.content.encode(ErrorBody(error: true, reason: reason))
        } else {
            let title: String
            switch status {
            case .notFound: title = Wording.current("site.error.page-not-found")
            case .forbidden: title = Wording.current("site.error.you-cannot-see-this-page")
            case .tooManyRequests: title = Wording.current("site.error.too-many-attempts")
            case .unprocessableEntity, .badRequest: title = Wording.current("site.error.there-is-a-problem")
            default:
                title =
                    status.code >= 500
                    ? Wording.current("site.error.sorry-there-is-a-problem-with")
                    : Wording.current("site.error.there-is-a-problem")
            }
            let context = ErrorPage(
                page: PageContext(request: request, title: title), status: status.code, title: title, reason: reason)
            if let view = try? await request.view.render(.error, context) {
                response = (try? await view.encodeResponse(status: status, for: request)) ?? Response(status: status)
            } else {
                response = Response(status: status, body: .init(string: "\(title)\n\n\(reason)\n"))
                response.headers.contentType = .plainText
            }
        }
        if ORUKController.serves(request.url.path) {
            response.headers.replaceOrAdd(name: .accessControlAllowOrigin, value: "*")
        }
        for (name, value) in headers where name.lowercased() != "content-type" && name.lowercased() != "content-length"
        {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        return response
    }
}

/// What was wrong with a request that could not be read, in words a person can act on: the field, and
/// what it must be. Never the decoder's own description, which names Swift types and coding keys.
enum RequestReading {
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return Wording.current("site.error.field-is-missing", RequestReading.path(context.codingPath + [key]))
        case DecodingError.typeMismatch(let type, let context):
            return Wording.current("site.error.field-must-be", field(context), kind(type))
        case DecodingError.valueNotFound(let type, let context):
            return Wording.current("site.error.field-must-be", field(context), kind(type))
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? Wording.current("site.error.the-request-could-not-be-read")
                : Wording.current("site.error.field-is-not-valid", field(context))
        default:
            return Wording.current("site.error.the-request-could-not-be-read")
        }
    }

    /// A coding path as a person reads it: `outcomes[0].name`.
    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: ["."])
    }

    static func field(_ context: DecodingError.Context) -> String {
        let path = RequestReading.path(context.codingPath)
        return path.isEmpty ? Wording.current("site.error.the-body") : path
    }

    /// What a value of `type` is, in words for a person.
    static func kind(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is Substring.Type: return Wording.current("site.error.kind-text")
        case is Int.Type, is Double.Type, is Decimal.Type, is Int64.Type, is Float.Type:
            return Wording.current("site.error.kind-number")
        case is Bool.Type: return Wording.current("site.error.kind-true-or-false")
        case is [Any].Type: return Wording.current("site.error.kind-list")
        case is [String: Any].Type: return Wording.current("site.error.kind-object")
        default: return Wording.current("site.error.kind-value")
        }
    }
}
