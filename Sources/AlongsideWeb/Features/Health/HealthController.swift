import AlongsideCore
import Fluent
import SQLKit
import Vapor

/// `/health` for load balancers and `/metrics` for Prometheus.
struct HealthController: RouteCollection {
    struct Health: Content {
        /// ok; degraded when a routine job is overdue (the server still serves); unavailable without its database.
        let status: String
        let database: String
        /// Routine jobs whose run is late past their grace (sending email, summaries, reminders, pruning).
        let overdueJobs: [String]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.health, use: health)
        routes.get(.healthLive, use: live)
        routes.get(.metrics, use: metrics)
    }

    func health(req: Request) async throws -> Response {
        var reachable = false
        if let sql = req.db as? any SQLDatabase {
            reachable = (try? await sql.raw("SELECT 1 AS ok").first()) != nil
        }
        let overdue = reachable ? ((try? await RoutineJobs.overdue(req.application)) ?? []) : []
        let body = Health(
            status: reachable ? (overdue.isEmpty ? "ok" : "degraded") : "unavailable",
            database: reachable ? "reachable" : "unreachable", overdueJobs: overdue)
        return try await body.encodeResponse(status: reachable ? .ok : .serviceUnavailable, for: req)
    }

    /// Liveness: the process answers, without touching the database. Plain text; also the benchmarks'
    /// baseline for what the server does on every request.
    func live(req: Request) -> Response {
        let response = Response(status: .ok, body: .init(string: "ok\n"))
        response.headers.replaceOrAdd(name: .contentType, value: "text/plain; charset=utf-8")
        return response
    }

    /// The whole deployment's traffic: for the network admin signed in on a page (with two-step sign-in when
    /// their council requires it), or a scraper presenting the configured METRICS_TOKEN. Not one council's admin.
    func metrics(req: Request) async throws -> Response {
        let allowed: Bool
        if let token = req.application.alongside.metricsToken, let bearer = req.headers.bearerAuthorization {
            allowed = CSRFMiddleware.constantTimeEqual(token, bearer.token)
        } else if let staff = req.auth.get(SignedInStaff.self) {
            allowed = staff.may(.viewMetrics) && (!staff.council.requireTwoStep || staff.member.twoStepEnabled)
        } else {
            throw Abort(
                .unauthorized, reason: "Sign in as the network admin, or send the metrics token as a bearer token.")
        }
        guard allowed else { throw AlongsideError.forbidden }
        let response = Response(status: .ok, body: .init(string: ServiceMetrics.text()))
        response.headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return response
    }
}
