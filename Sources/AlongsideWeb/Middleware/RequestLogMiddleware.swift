import Vapor

/// One log line per request: method, route pattern (never the query string or path values, which could
/// hold personal data), status and duration.
struct RequestLogMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            let status = AlongsideErrorMiddleware.describe(error).0
            request.logger.info(
                "\(request.method.rawValue) \(request.url.path.split(separator: "/").first.map { "/\($0)/…" } ?? "/") \(status.code) (error)"
            )
            throw error
        }
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        let pattern = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        request.logger.info(
            "\(request.method.rawValue) \(pattern) \(response.status.code) \(String(format: "%.1f", milliseconds))ms")
        return response
    }
}
