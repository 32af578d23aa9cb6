import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Staff sign in with email and password. Failures are throttled per account and per address;
/// the session id is replaced on sign-in so a planted cookie is worthless.
struct SignInController: RouteCollection {
    struct Form: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    struct SignInPage: Encodable {
        let page: PageContext
        let email: String
        let next: String
        let errors: [FormError]
        let fieldErrors: [String: String]
        let notice: String?
        let forgotPath = SitePath.forgotPassword.path
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.signIn, use: show)
        routes.post(.signIn, use: signIn)
        routes.post(.signOut, use: signOut)
    }

    func show(req: Request) async throws -> Response {
        if req.auth.has(SignedInStaff.self) { return req.redirect(to: SitePath.home.path) }
        var notice: String? = nil
        if req.hasSession, req.session.data[StaffSessionAuthenticator.expiredKey] != nil {
            notice = Wording.current("sign-in.message.you-were-signed-out-because-the")
            req.session.data[StaffSessionAuthenticator.expiredKey] = nil
        } else if req.query[String.self, at: "signed-out"] != nil {
            notice = Wording.current("sign-in.message.you-have-signed-out")
        } else if req.query[String.self, at: "password-set"] != nil {
            notice = Wording.current("sign-in.password.set")
        }
        let next = req.query[String.self, at: "next"] ?? ""
        return try await render(req, email: "", next: next, errors: [], notice: notice, status: .ok)
    }

    func signIn(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        let email = StaffMember.normalisedEmail(form.email ?? "")
        let password = form.password ?? ""
        let next = form.next.flatMap { SitePath.isSafeRedirect($0) ? $0 : nil } ?? SitePath.home.path
        var errors: [FormError] = []
        if email.isEmpty {
            errors.append(
                FormError(field: "email", message: Wording.current("sign-in.message.enter-your-email-address")))
        }
        if password.isEmpty {
            errors.append(FormError(field: "password", message: Wording.current("sign-in.message.enter-your-password")))
        }
        if !errors.isEmpty {
            return try await render(
                req, email: email, next: next, errors: errors, notice: nil, status: .unprocessableEntity)
        }
        do {
            let staff = try await SignIn.verify(email: email, password: password, on: req)
            if staff.member.twoStepEnabled {
                try await SignIn.freshSession(req)
                req.session.data[TwoStep.pendingKey] = staff.member.id.description
                req.session.data[TwoStep.pendingAtKey] = String(Int(req.now.timeIntervalSince1970))
                req.session.data[TwoStep.pendingNextKey] = next
                _ = CSRFMiddleware.token(for: req)
                return req.redirect(to: TwoStep.codePath)
            }
            try await SignIn.start(staff, on: req)
            return req.redirect(to: next)
        } catch let error as AlongsideError {
            let field = FormError(field: "email", message: error.message)
            let status: HTTPStatus = {
                if case .tooManyAttempts = error { return .tooManyRequests } else { return .unauthorized }
            }()
            return try await render(req, email: email, next: next, errors: [field], notice: nil, status: status)
        } catch RequestProblem.signInRefused {
            let field = FormError(SignIn.wrongCredentials)
            return try await render(req, email: email, next: next, errors: [field], notice: nil, status: .unauthorized)
        }
    }

    func signOut(req: Request) async throws -> Response {
        req.auth.logout(SignedInStaff.self)
        req.session.destroy()
        return req.redirect(to: SitePath.signIn.path + "?signed-out=1")
    }

    private func render(
        _ req: Request, email: String, next: String, errors: [FormError], notice: String?, status: HTTPStatus
    ) async throws -> Response {
        let title =
            errors.isEmpty
            ? Wording.current("sign-in.message.sign-in") : Wording.current("sign-in.message.error-sign-in")
        let context = SignInPage(
            page: PageContext(request: req, title: title, forms: true), email: email,
            next: SitePath.isSafeRedirect(next) ? next : "", errors: errors, fieldErrors: errors.byField,
            notice: notice)
        return try await req.view.render(.signInShow, context).encodeResponse(status: status, for: req)
    }
}

/// Checking a password, shared by the sign-in page and the API's token endpoint.
enum SignIn {
    /// A new, empty session: the old id is thrown away so a planted cookie is worthless.
    static func freshSession(_ req: Request) async throws {
        if let old = req.session.id {
            try await req.application.sessions.driver.deleteSession(old, for: req).get()
        }
        req.session.id = nil
        req.session.data = SessionData()
    }

    /// Signs a member of staff in on this browser, in a fresh session with a fresh form token (never the
    /// visitor's token from before signing in, which someone able to plant a cookie could know).
    static func start(_ staff: SignedInStaff, on req: Request) async throws {
        try await freshSession(req)
        req.session.data[StaffSessionAuthenticator.staffKey] = staff.member.id.description
        req.session.data[StaffSessionAuthenticator.seenKey] = String(Int(req.now.timeIntervalSince1970))
        req.session.data[StaffSessionAuthenticator.signedInAtKey] = String(req.now.timeIntervalSince1970)
        req.session.data[CSRFMiddleware.sessionKey] = [UInt8].random(count: 32).base64URLEncoded
    }

    /// After this member was signed out everywhere (`sessionsValidFrom` moved on), keeps this one session:
    /// it counts as signed in at the moment the database now holds, read back so that no rounding of the
    /// stored time can end it.
    static func keepThisSession(_ req: Request, _ id: StaffMember.ID) async throws {
        guard let from = try await req.stores.staff.find(id)?.sessionsValidFrom else { return }
        req.session.data[StaffSessionAuthenticator.signedInAtKey] = String(from.timeIntervalSince1970)
    }

    /// The wrong-password message never says whether the account exists.
    static var wrongCredentials: RequestProblem { .signInRefused }

    static func verify(email: String, password: String, on req: Request) async throws -> SignedInStaff {
        let config = req.application.alongside
        let address = req.clientAddress
        let access = req.stores.access
        let now = req.now
        let failures = try await access.failures(
            email: email, address: address, since: now.addingTimeInterval(-config.signInThrottle.window))
        try config.signInThrottle.check(accountFailures: failures.account, addressFailures: failures.address)

        let credentials = try await req.stores.staff.credentials(email: email)
        // Hash even when there is no account, so timing does not say which emails exist.
        let hash = credentials?.passwordHash ?? "$2b$12$C6UzMDM.H6dfI/f/IKxGhuBXyKGnfD5eO5E3cE6wVTNFEYEhDkbx."
        let matches = (try? await req.password.async.verify(password, created: hash)) ?? false
        guard let credentials, matches, let staff = try await req.loadStaff(credentials.member.id) else {
            try await access.recordAttempt(email: email, address: address, succeeded: false, at: now)
            throw wrongCredentials
        }
        try await access.recordAttempt(email: email, address: address, succeeded: true, at: now)
        try await access.clearFailures(email: email)
        return staff
    }
}
