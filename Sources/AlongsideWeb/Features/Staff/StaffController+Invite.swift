import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Inviting a member of staff and sending a password link, from the Staff page: the account, its one-time
/// link, the email in the outbox and the audit entry commit together. With no mail configured the admin
/// sees an invitation's link once, to hand over in person (a password link for an existing account is never
/// shown: it waits in the outbox).
extension StaffController {
    static func noticeLabel(_ notice: Notice) -> String {
        switch notice {
        case .introduction: return Wording.current("staff.outbox.introduction")
        case .handover: return Wording.current("staff.outbox.handover")
        case .checkExpiring: return Wording.current("staff.outbox.check-expiring")
        case .morningSummary: return Wording.current("staff.outbox.morning-summary")
        case .invitation: return Wording.current("staff.outbox.invitation")
        case .passwordReset: return Wording.current("staff.outbox.password-reset")
        }
    }

    func invite(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .manageStaff)
        struct Form: Content {
            var inviteName: String?
            var inviteEmail: String?
            var inviteRole: String?
        }
        let form = try req.content.decode(Form.self)
        let name = (form.inviteName ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let email = StaffMember.normalisedEmail(form.inviteEmail ?? "")
        let typed = ["name": name, "email": email, "role": form.inviteRole ?? ""]
        // Every problem at once: the name and email (Core's check, in this form's words), the role, and
        // whether the address already has an account, each beside its box.
        var errors: [FormError] = StaffMember.problems(email: email, name: name).map { problem in
            switch problem {
            case .nameMissing: FormError(field: "inviteName", message: Wording.current("staff.invite.enter-a-name"))
            case .emailMissing:
                FormError(field: "inviteEmail", message: Wording.current("staff.invite.enter-an-email"))
            default: FormError(field: "invite", message: problem.message)
            }
        }
        let role = form.inviteRole.flatMap(Role.init(rawValue:))
        if role == nil || !Self.councilRoles.contains(role!) {
            errors.append(
                FormError(field: "inviteRole", message: Wording.current("staff.page.choose-a-role-from-the-list")))
        }
        if StaffMember.isPlausibleEmail(email), try await req.stores.staff.account(email: email) != nil {
            errors.append(FormError(field: "inviteEmail", message: Wording.current("staff.invite.already")))
        }
        guard errors.isEmpty, let role else {
            return try await req.view.render(
                .staffIndex, try await indexPage(req, staff, errors: errors, invite: typed)
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let (_, link) = try await StaffLinks.invite(
            email: email, name: name, role: role, to: staff.council, by: staff.member.id,
            audit: .key("staff.invite.audit", name, role.rawValue), address: req.clientAddress,
            app: req.application)
        if req.application.alongside.mail == nil {
            return try await req.view.render(
                .staffIndex, try await indexPage(req, staff, errors: [], handOver: link)
            ).encodeResponse(status: .created, for: req)
        }
        return req.redirect(to: SitePath.staff.path + "?saved=invited")
    }

    /// Sends a member a link to choose a new password (their password keeps working until they do).
    func sendReset(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .manageStaff)
        let id = try Self.memberID(req)
        let account = try await req.stores.staff.account(id, councilID: staff.council.id)
        guard account.active, Self.councilRoles.contains(account.member.role) else {
            throw RequestProblem.resetNotNow
        }
        let now = req.now
        let app = req.application
        let council = staff.council
        // The link goes to the member alone: never shown to the admin, who could otherwise sign in as them.
        _ = try await req.db.change { db in
            let link = try await StaffLinks.issue(
                .reset, for: account.member, council: council, on: db, app: app, at: now)
            try await audit(req, staff, .key("staff.reset.audit", account.member.name), on: db)
            return link
        }
        return req.redirect(
            to: SitePath.staff.path + (req.application.alongside.mail == nil ? "?saved=reset-waits" : "?saved=reset"))
    }
}
