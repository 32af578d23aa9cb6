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
                page: PageContext(request: req, title: errors.isEmpty ? "Your account" : "Error: Your account"),
                twoStepEnabled: staff.member.twoStepEnabled, notice: notice, errors: errors, fieldErrors: errors.byField
            )
        ).encodeResponse(status: status, for: req)
    }

    func show(req: Request) async throws -> Response {
        let notice: String? =
            switch req.query[String.self, at: "done"] {
            case "password": "Your password is changed. Any other place you were signed in has been signed out."
            case "everywhere": "You are signed out everywhere else, and your API tokens no longer work."
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
                req, errors: [FormError(field: "currentPassword", message: "Your current password is not right.")],
                status: .unprocessableEntity)
        }
        let new = form.newPassword ?? ""
        if let problem = PasswordPolicy.problem(with: new, email: staff.member.email, name: staff.member.name) {
            return try await render(
                req, errors: [FormError(field: "newPassword", message: problem)], status: .unprocessableEntity)
        }
        guard new == form.confirmPassword else {
            return try await render(
                req, errors: [FormError(field: "confirmPassword", message: "The two new passwords are not the same.")],
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
