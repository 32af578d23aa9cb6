import AlongsideCore
import Vapor

/// Signs in page requests from the session cookie. Sessions idle for longer than the configured time
/// are signed out. The last-seen time is moved on at most once a minute, so most page views leave the
/// session unchanged and cost no database write (`QuietSessions`). The JSON API never trusts the
/// cookie (it takes bearer tokens), which keeps it free of cross-site request forgery.
struct StaffSessionAuthenticator: AsyncMiddleware {
    static let staffKey = "staff"
    static let seenKey = "seen"
    static let expiredKey = "expired"
    static let signedInAtKey = "signed-in-at"
    /// How stale the stored last-seen time may get before a request moves it on.
    static let seenGranularity: TimeInterval = 60

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard !SitePath.isAPI(request.url.path), request.hasSession,
            let rawID = request.session.data[Self.staffKey], let id = StaffMember.ID(rawID)
        else {
            return try await next.respond(to: request)
        }
        let now = request.now.timeIntervalSince1970
        let seen = request.session.data[Self.seenKey].flatMap(Double.init) ?? 0
        if now - seen > request.application.alongside.sessionIdleTimeout {
            request.session.data[Self.staffKey] = nil
            request.session.data[Self.expiredKey] = "1"
        } else if let staff = try await request.sessionStaff(id),
            staff.member.sessionsValidFrom.map({
                (request.session.data[Self.signedInAtKey].flatMap(Double.init) ?? 0) >= $0.timeIntervalSince1970
            }) ?? true
        {
            request.auth.login(staff)
            if now - seen >= Self.seenGranularity { request.session.data[Self.seenKey] = String(Int(now)) }
        } else {
            request.session.data[Self.staffKey] = nil
        }
        return try await next.respond(to: request)
    }
}

/// Sends people who are not signed in to the sign-in page, remembering where they were going.
struct RequireSignIn: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(SignedInStaff.self) else {
            var path = request.url.path
            if let query = request.url.query { path += "?" + query }
            let next =
                path == SitePath.home.path
                ? "" : "?next=" + (path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            return request.redirect(to: SitePath.signIn.path + next)
        }
        if let staff = request.auth.get(SignedInStaff.self), staff.council.requireTwoStep, !staff.member.twoStepEnabled,
            request.url.path != TwoStep.setUpPath, request.url.path != SitePath.signOut.path
        {
            return request.redirect(to: TwoStep.setUpPath)
        }
        return try await next.respond(to: request)
    }
}
