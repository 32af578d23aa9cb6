import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Your account: change your password, sign out everywhere, and two-step sign-in.
struct AccountController: RouteCollection {
    static let path = SitePath.account.path

    struct Page: Encodable {
        let page: PageContext
        let twoStepEnabled: Bool
        /// How they want their notices by email.
        let notices: [ChoiceOption]
        let noticesPath = SitePath.accountNotices.path
        let notice: String?
        let errors: [FormError]
        let fieldErrors: [String: String]
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get(.account, use: show)
        signedIn.post(.accountPassword, use: changePassword)
        signedIn.post(.accountSignOutEverywhere, use: signOutEverywhere)
        signedIn.post(.accountNotices, use: chooseNotices)
    }

    /// Chooses how notices come: at once, in a morning summary, or none (sign-in and security emails
    /// always come).
    func chooseNotices(req: Request) async throws -> Response {
        let staff = try req.staff
        struct Form: Content { var notices: String? }
        guard let preference = try req.content.decode(Form.self).notices.flatMap(Notice.Preference.init(rawValue:))
        else {
            return try await render(
                req,
                errors: [FormError(field: "notices", message: Wording.current("account.notices.choose"))],
                status: .unprocessableEntity)
        }
        try await req.stores.staff.setNoticePreference(preference, of: staff.member.id)
        return req.redirect(to: Self.path + "?done=notices")
    }

    func render(_ req: Request, notice: String? = nil, errors: [FormError] = [], status: HTTPStatus = .ok) async throws
        -> Response
    {
        let staff = try req.staff
        let chosen = try await req.stores.staff.noticePreference(of: staff.member.id)
        return try await req.view.render(
            .accountShow,
            Page(
                page: PageContext(
                    request: req,
                    title: errors.isEmpty
                        ? Wording.current("account.page.your-account")
                        : Wording.current("account.page.error-your-account")),
                twoStepEnabled: staff.member.twoStepEnabled,
                notices: Notice.Preference.allCases.map {
                    ChoiceOption(value: $0.rawValue, label: $0.label, selected: $0 == chosen)
                }, notice: notice, errors: errors, fieldErrors: errors.byField
            )
        ).encodeResponse(status: status, for: req)
    }

    func show(req: Request) async throws -> Response {
        let notice: String? =
            switch req.query[String.self, at: "done"] {
            case "password": Wording.current("account.page.your-password-is-changed-any-other")
            case "everywhere": Wording.current("account.page.you-are-signed-out-everywhere-else")
            case "notices": Wording.current("account.notices.saved")
            default: nil
            }
        return try await render(req, notice: notice)
    }

    func changePassword(req: Request) async throws -> Response {
        struct Form: Content {
            var currentPassword: String?
            var newPassword: String?
            var confirmPassword: String?
        }
        let staff = try req.staff
        let form = try req.content.decode(Form.self)
        let store = req.stores.staff
        // Guesses at the current password count as failed sign-ins of the account, so a session left open
        // cannot be used to try passwords without limit.
        let config = req.application.alongside
        let access = req.stores.access
        let failures = try await access.failures(
            email: staff.member.email, address: req.clientAddress,
            since: req.now.addingTimeInterval(-config.signInThrottle.window))
        do {
            try config.signInThrottle.check(accountFailures: failures.account, addressFailures: failures.address)
        } catch {
            return try await render(
                req, errors: [FormError(field: "currentPassword", message: error.message)], status: .tooManyRequests)
        }
        let hash = try await store.passwordHash(of: staff.member.id)
        guard try await req.password.async.verify(form.currentPassword ?? "", created: hash) else {
            try await access.recordAttempt(
                email: staff.member.email, address: req.clientAddress, succeeded: false, at: req.now)
            return try await render(
                req,
                errors: [
                    FormError(
                        field: "currentPassword",
                        message: Wording.current("account.page.your-current-password-is-not-right"))
                ],
                status: .unprocessableEntity)
        }
        let new = form.newPassword ?? ""
        if let problem = PasswordPolicy.problem(with: new, email: staff.member.email, name: staff.member.name) {
            return try await render(
                req, errors: [FormError(field: "newPassword", message: problem)], status: .unprocessableEntity)
        }
        guard new == form.confirmPassword else {
            return try await render(
                req,
                errors: [
                    FormError(
                        field: "confirmPassword", message: Wording.current("account.page.the-two-new-passwords-are-not")
                    )
                ],
                status: .unprocessableEntity)
        }
        try await store.setPasswordHash(try await req.password.async.hash(new), for: staff.member.id, at: req.now)
        if let fresh = try await req.loadStaff(staff.member.id) { try await SignIn.start(fresh, on: req) }
        return req.redirect(to: Self.path + "?done=password")
    }

    func signOutEverywhere(req: Request) async throws -> Response {
        let staff = try req.staff
        try await req.stores.staff.signOutEverywhere(staff.member.id, at: req.now)
        if let fresh = try await req.loadStaff(staff.member.id) { try await SignIn.start(fresh, on: req) }
        return req.redirect(to: Self.path + "?done=everywhere")
    }
}
