import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// "Forgot your password?" and the one-time links it and an invitation send: the answer is the same whether
/// an account exists or not, asking is rate-limited, a link works once and expires, and setting a password
/// signs the member out of every other session and stops their API tokens.
struct PasswordLinksController: RouteCollection {
    struct ForgotPage: Encodable {
        let page: PageContext
        let email: String
        let sent: Bool
        let forgotPath = SitePath.forgotPassword.path
        let errors: [FormError]
        let fieldErrors: [String: String]
    }

    struct ChoosePage: Encodable {
        let page: PageContext
        let action: String
        let name: String?
        let invitation: Bool
        let expired: Bool
        let forgotPath = SitePath.forgotPassword.path
        let errors: [FormError]
        let fieldErrors: [String: String]
    }

    /// How many links one account or one address may ask for in an hour.
    static let perAccount = 3
    static let perAddress = 10

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.forgotPassword, use: forgot)
        routes.post(.forgotPassword, use: sendLink)
        routes.get(.password(.key), use: choose)
        routes.post(.password(.key), use: setPassword)
    }

    func forgot(req: Request) async throws -> View {
        try await req.view.render(.signInForgot, forgotPage(req, email: "", sent: false, errors: []))
    }

    func forgotPage(_ req: Request, email: String, sent: Bool, errors: [FormError]) -> ForgotPage {
        ForgotPage(
            page: PageContext(request: req, title: Wording.current("sign-in.forgot.title"), forms: true),
            email: email, sent: sent, errors: errors, fieldErrors: errors.byField)
    }

    func sendLink(req: Request) async throws -> Response {
        struct Form: Content { var email: String? }
        let email = StaffMember.normalisedEmail(try req.content.decode(Form.self).email ?? "")
        guard StaffMember.isPlausibleEmail(email) else {
            let error = FormError(field: "email", message: Wording.current("sign-in.forgot.enter-your-email"))
            return try await req.view.render(
                .signInForgot, forgotPage(req, email: email, sent: false, errors: [error])
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let now = req.now
        let access = req.stores.access
        // Every ask is written first, then counted: asks at the same moment count each other, whether the
        // account exists or not, so the limit says nothing either.
        try await access.recordAttempt(
            email: email, address: req.clientAddress, succeeded: false, at: now, kind: .reset)
        let asked = try await access.failures(
            email: email, address: req.clientAddress, since: now.addingTimeInterval(-60 * 60), kind: .reset)
        guard asked.account <= Self.perAccount, asked.address <= Self.perAddress else {
            let error = FormError(field: "email", message: Wording.current("sign-in.forgot.too-many"))
            return try await req.view.render(
                .signInForgot, forgotPage(req, email: email, sent: false, errors: [error])
            )
            .encodeResponse(status: .tooManyRequests, for: req)
        }
        if let account = try await req.stores.staff.account(email: email), account.active,
            let council = try await req.stores.councils.find(account.member.councilID)
        {
            let app = req.application
            let address = req.clientAddress
            try await req.db.change { db in
                _ = try await StaffLinks.issue(.reset, for: account.member, council: council, on: db, app: app, at: now)
                try await req.stores(council: council.id, on: db).audit.record(
                    AuditEntry(
                        at: now, staffID: nil, personID: nil, action: .update,
                        detail: .key("sign-in.forgot.audit", account.member.email), address: address))
            }
        }
        return try await req.view.render(.signInForgot, forgotPage(req, email: "", sent: true, errors: []))
            .encodeResponse(for: req)
    }

    func choose(req: Request) async throws -> Response {
        let token = req.parameters.get(.token) ?? ""
        let holder = try await req.stores.staff.linkHolder(
            digest: BearerTokenAuthenticator.digest(token), at: req.now)
        return try await render(req, token: token, holder: holder, errors: [], status: holder == nil ? .gone : .ok)
    }

    func render(
        _ req: Request, token: String, holder: (StaffMember, StaffLinkPurpose)?, errors: [FormError],
        status: HTTPStatus
    ) async throws -> Response {
        let invitation = holder?.1 == .invitation
        let title =
            holder == nil
            ? Wording.current("sign-in.password.expired-title")
            : invitation ? Wording.current("sign-in.password.welcome-title") : Wording.current("sign-in.password.title")
        return try await req.view.render(
            .signInChoosePassword,
            ChoosePage(
                page: PageContext(request: req, title: title, forms: true),
                action: SitePath.password(.value(token)).path,
                name: holder?.0.name, invitation: invitation, expired: holder == nil, errors: errors,
                fieldErrors: errors.byField)
        ).encodeResponse(status: status, for: req)
    }

    func setPassword(req: Request) async throws -> Response {
        struct Form: Content {
            var newPassword: String?
            var confirmPassword: String?
        }
        let token = req.parameters.get(.token) ?? ""
        let digest = BearerTokenAuthenticator.digest(token)
        let store = req.stores.staff
        guard let holder = try await store.linkHolder(digest: digest, at: req.now) else {
            return try await render(req, token: token, holder: nil, errors: [], status: .gone)
        }
        let form = try req.content.decode(Form.self)
        let new = form.newPassword ?? ""
        let member = holder.0
        if let problem = PasswordPolicy.problem(with: new, email: member.email, name: member.name) {
            return try await render(
                req, token: token, holder: holder, errors: [FormError(field: "newPassword", message: problem)],
                status: .unprocessableEntity)
        }
        guard new == form.confirmPassword else {
            let error = FormError(
                field: "confirmPassword", message: Wording.current("account.page.the-two-new-passwords-are-not"))
            return try await render(req, token: token, holder: holder, errors: [error], status: .unprocessableEntity)
        }
        let hash = try await req.password.async.hash(new)
        let now = req.now
        let address = req.clientAddress
        let used = try await req.db.change { db -> StaffMember? in
            guard let member = try await req.stores(on: db).staff.useLink(digest: digest, passwordHash: hash, at: now)
            else {
                return nil
            }
            try await req.stores(council: member.councilID, on: db).audit.record(
                AuditEntry(
                    at: now, staffID: member.id, personID: nil, action: .update,
                    detail: .key("sign-in.password.audit"), address: address))
            return member
        }
        guard used != nil else { return try await render(req, token: token, holder: nil, errors: [], status: .gone) }
        return req.redirect(to: SitePath.signIn.path + "?password-set=1")
    }
}
