import AlongsideCore
import AlongsideStore
import Vapor

/// Your account: change your password, sign out everywhere, and two-step sign-in.
struct AccountController: RouteCollection {
    static let path = "/account"

    struct Page: Encodable {
        let page: PageContext
        let twoStepEnabled: Bool
        let notice: String?
        let errors: [FormError]
        let fieldErrors: [String: String]
    }

    func boot(routes: any RoutesBuilder) throws {
        let account = routes.grouped(RequireSignIn()).grouped("account")
        account.get(use: show)
        account.post("password", use: changePassword)
        account.post("sign-out-everywhere", use: signOutEverywhere)
    }

    func render(_ req: Request, notice: String? = nil, errors: [FormError] = [], status: HTTPStatus = .ok) async throws
        -> Response
    {
        let staff = try req.staff
        return try await req.view.render(
            "account/show",
            Page(
                page: PageContext(
                    request: req,
                    title: errors.isEmpty
                        ? Wording.current("account.page.your-account")
                        : Wording.current("account.page.error-your-account")),
                twoStepEnabled: staff.member.twoStepEnabled, notice: notice, errors: errors, fieldErrors: errors.byField
            )
        ).encodeResponse(status: status, for: req)
    }

    func show(req: Request) async throws -> Response {
        let notice: String? =
            switch req.query[String.self, at: "done"] {
            case "password": Wording.current("account.page.your-password-is-changed-any-other")
            case "everywhere": Wording.current("account.page.you-are-signed-out-everywhere-else")
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
        let store = StaffStore(req.db)
        let hash = try await store.passwordHash(of: staff.member.id)
        guard try await req.password.async.verify(form.currentPassword ?? "", created: hash) else {
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
        try await StaffStore(req.db).signOutEverywhere(staff.member.id, at: req.now)
        if let fresh = try await req.loadStaff(staff.member.id) { try await SignIn.start(fresh, on: req) }
        return req.redirect(to: Self.path + "?done=everywhere")
    }
}
