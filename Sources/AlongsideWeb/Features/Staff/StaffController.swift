import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The council admin runs the team's accounts in the browser: changes a role, switches a leaver off (at
/// once and everywhere, their wards uncovered and their people handed over in the same step) and switches
/// a returner back on. Every change is in the audit log, written in the same transaction.
struct StaffController: RouteCollection {
    struct Row: Encodable {
        let name: String
        let email: String
        let role: String
        let roles: [ChoiceOption]
        let twoStep: Bool
        let active: Bool
        let isYou: Bool
        /// A council admin runs the council's own roles; the Network's (analyst, admin) are the network admin's.
        let manageable: Bool
        let rolePath: String
        let leavePath: String
        let reactivatePath: String
        let resetPath: String
    }

    /// An email waiting in the outbox, as the admins see it (no links, no personal details).
    struct WaitingRow: Encodable {
        let what: String
        let to: String
        let since: String
        let attempts: Int
        let problem: String?
    }

    struct IndexPage: Encodable {
        let page: PageContext
        let rows: [Row]
        let notice: String?
        let errors: [FormError]
        let fieldErrors: [String: String]
        let invitePath = SitePath.staffInvite.path
        let invite: [String: String]
        let inviteRoles: [ChoiceOption]
        /// A one-time link to hand over in person, shown once when no mail is configured.
        let handOver: String?
        let mailConfigured: Bool
        let waiting: [WaitingRow]
    }

    struct WardChoice: Encodable {
        let field: String
        let name: String
        let options: [ChoiceOption]
    }

    struct LeavePage: Encodable {
        let page: PageContext
        let name: String
        let action: String
        let backPath: String
        let wards: [WardChoice]
        let peopleCount: Int
        let handover: [ChoiceOption]
        let note: String
        let errors: [FormError]
        let fieldErrors: [String: String]
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get(.staff, use: index)
        signedIn.post(.staffMember(.key, .role), use: changeRole)
        signedIn.get(.staffMember(.key, .leave), use: showLeave)
        signedIn.post(.staffMember(.key, .leave), use: leave)
        signedIn.post(.staffMember(.key, .reactivate), use: reactivate)
        signedIn.post(.staffInvite, use: invite)
        signedIn.post(.staffMember(.key, .reset), use: sendReset)
    }

    static func memberID(_ req: Request) throws -> StaffMember.ID {
        guard let id = req.parameters.get(.staffID).flatMap(StaffMember.ID.init) else {
            throw AlongsideError.notFound(.staffMember)
        }
        return id
    }

    /// The roles a council admin may give: a council's own roles, not the Network's.
    static let councilRoles: [Role] = [.coordinator, .teamLeader, .councilAdmin, .auditor]

    func index(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .manageStaff)
        return try await req.view.render(.staffIndex, try await indexPage(req, staff, errors: []))
    }

    func indexPage(
        _ req: Request, _ staff: SignedInStaff, errors: [FormError], invite: [String: String] = [:],
        handOver: String? = nil
    ) async throws -> IndexPage {
        let accounts = try await req.stores.staff.accounts(councilID: staff.council.id)
        let notice = req.query[String.self, at: "saved"].flatMap { key in
            [
                "role": Wording.current("staff.page.role-changed"),
                "left": Wording.current("staff.page.switched-off"),
                "back": Wording.current("staff.page.switched-back-on"),
                "invited": Wording.current("staff.invite.sent"),
                "reset": Wording.current("staff.reset.sent"),
                "reset-waits": Wording.current("staff.reset.waits"),
            ][key]
        }
        let waiting = try await req.stores.outbox.waiting(councilID: staff.council.id).map {
            WaitingRow(
                what: Self.noticeLabel($0.notice), to: $0.to, since: LondonTime.dateTime($0.createdAt),
                attempts: $0.attempts, problem: $0.lastError)
        }
        let chosenRole = invite["role"] ?? Role.coordinator.rawValue
        return IndexPage(
            page: PageContext(request: req, title: Wording.current("staff.page.staff-accounts"), forms: true),
            rows: accounts.map { account in
                let member = account.member
                return Row(
                    name: member.name, email: member.email, role: member.role.title,
                    roles: Self.councilRoles.map {
                        ChoiceOption(value: $0.rawValue, label: $0.title, selected: $0 == member.role)
                    },
                    twoStep: member.twoStepEnabled, active: account.active, isYou: member.id == staff.member.id,
                    manageable: Self.councilRoles.contains(member.role),
                    rolePath: SitePath.staffMember(.value(member.id), .role).path,
                    leavePath: SitePath.staffMember(.value(member.id), .leave).path,
                    reactivatePath: SitePath.staffMember(.value(member.id), .reactivate).path,
                    resetPath: SitePath.staffMember(.value(member.id), .reset).path)
            }, notice: notice, errors: errors, fieldErrors: errors.byField, invite: invite,
            inviteRoles: Self.councilRoles.map {
                ChoiceOption(value: $0.rawValue, label: $0.title, selected: $0.rawValue == chosenRole)
            }, handOver: handOver, mailConfigured: req.application.alongside.mail != nil, waiting: waiting)
    }

    func audit(_ req: Request, _ staff: SignedInStaff, _ detail: AuditEntry.Detail, on db: any Database) async throws {
        try await req.stores(on: db).audit.record(
            AuditEntry(
                at: req.now, staffID: staff.member.id, personID: nil, action: .update, detail: detail, reason: nil,
                address: req.clientAddress))
    }

    func changeRole(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .manageStaff)
        let id = try Self.memberID(req)
        struct Form: Content { var role: String? }
        let form = try req.content.decode(Form.self)
        let store = req.stores.staff
        let account = try await store.account(id, councilID: staff.council.id)
        guard let role = form.role.flatMap(Role.init(rawValue:)), Self.councilRoles.contains(role) else {
            let errors = [FormError(field: "role", message: Wording.current("staff.page.choose-a-role-from-the-list"))]
            return try await req.view.render(.staffIndex, try await indexPage(req, staff, errors: errors))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        guard Self.councilRoles.contains(account.member.role) else {
            let errors = [FormError(field: "role", message: Wording.current("staff.page.a-network-role"))]
            return try await req.view.render(.staffIndex, try await indexPage(req, staff, errors: errors))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        guard id != staff.member.id else {
            let errors = [
                FormError(field: "role", message: Wording.current("staff.page.you-cannot-change-your-own-role"))
            ]
            return try await req.view.render(.staffIndex, try await indexPage(req, staff, errors: errors))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let now = req.now
        try await req.db.change { db in
            _ = try await req.stores(on: db).staff.setRole(role, of: id, councilID: staff.council.id, at: now)
            // A new role is a new set of permissions: every session and token of theirs starts again.
            try await req.stores(on: db).staff.signOutEverywhere(id, at: now)
            try await audit(
                req, staff,
                .key("staff.page.changed-role", account.member.name, account.member.role.rawValue, role.rawValue),
                on: db)
        }
        return req.redirect(to: SitePath.staff.path + "?saved=role")
    }

    func leavePage(
        _ req: Request, _ staff: SignedInStaff, _ account: StaffAccount, chosen: [String: String], errors: [FormError]
    ) async throws -> LeavePage {
        let wards = try await req.stores.wards.coverage()
        let theirs = wards.rows.filter { $0.coordinator?.id == account.member.id }
        let others = try await req.stores.staff.list(councilID: staff.council.id, roles: [.coordinator, .teamLeader])
            .filter { $0.id != account.member.id }
        let people = try await req.stores.staff.people(of: account.member.id, councilID: staff.council.id).count
        func options(_ field: String, first: (String, String)) -> [ChoiceOption] {
            [ChoiceOption(value: first.0, label: first.1, selected: (chosen[field] ?? first.0) == first.0)]
                + others.map {
                    ChoiceOption(
                        value: $0.id.description, label: $0.name, selected: chosen[field] == $0.id.description)
                }
        }
        return LeavePage(
            page: PageContext(
                request: req,
                title: errors.isEmpty
                    ? Wording.current("staff.leave.switch-off", account.member.name)
                    : Wording.current("staff.leave.error-switch-off", account.member.name), forms: true),
            name: account.member.name, action: SitePath.staffMember(.value(account.member.id), .leave).path,
            backPath: SitePath.staff.path,
            wards: theirs.map { row in
                WardChoice(
                    field: "ward-\(row.ward.id)", name: row.ward.name,
                    options: options("ward-\(row.ward.id)", first: ("none", Wording.current("staff.leave.nobody-yet"))))
            },
            peopleCount: people,
            handover: options(
                "handover", first: ("ward", Wording.current("staff.leave.each-wards-new-coordinator"))),
            note: chosen["note"] ?? "", errors: errors, fieldErrors: errors.byField)
    }

    func showLeave(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .manageStaff)
        let account = try await req.stores.staff.account(try Self.memberID(req), councilID: staff.council.id)
        return try await req.view.render(
            .staffLeave, try await leavePage(req, staff, account, chosen: [:], errors: []))
    }

    /// Switches a leaver off and, in the same transaction, names each of their wards' new coordinator (or
    /// leaves it uncovered) and hands each of their people over with the note: to the new named coordinator
    /// of the person's ward by default (to the team leader's queue where there is none), or to one chosen
    /// coordinator.
    func leave(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .manageStaff)
        let id = try Self.memberID(req)
        let account = try await req.stores.staff.account(id, councilID: staff.council.id)
        var form: [String: String] = [:]
        for key in ["handover", "note"] { form[key] = try? req.content.get(String.self, at: key) }
        let wards = try await req.stores.wards.coverage().rows
            .filter { $0.coordinator?.id == id }
        for row in wards { form["ward-\(row.ward.id)"] = try? req.content.get(String.self, at: "ward-\(row.ward.id)") }
        var errors: [FormError] = []
        if id == staff.member.id {
            errors.append(
                FormError(field: "handover", message: Wording.current("staff.leave.you-cannot-switch-off-yourself")))
        }
        if !Self.councilRoles.contains(account.member.role) {
            errors.append(FormError(field: "handover", message: Wording.current("staff.page.a-network-role")))
        }
        if !account.active {
            errors.append(FormError(field: "handover", message: Wording.current("staff.leave.already-switched-off")))
        }
        let note = (form["note"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if note.count > 500 {
            errors.append(FormError(field: "note", message: Wording.current("staff.leave.keep-the-note-short")))
        }
        func chosenMember(_ text: String?) -> StaffMember.ID? {
            guard let text, text != "none", text != "ward" else { return nil }
            return StaffMember.ID(text)
        }
        for row in wards where form["ward-\(row.ward.id)"].map({ $0 != "none" && chosenMember($0) == nil }) == true {
            errors.append(
                FormError(field: "ward-\(row.ward.id)", message: Wording.current("staff.page.choose-a-coordinator")))
        }
        let handover = form["handover"] ?? "ward"
        if handover != "ward" && chosenMember(handover) == nil {
            errors.append(FormError(field: "handover", message: Wording.current("staff.page.choose-a-coordinator")))
        }
        if !errors.isEmpty {
            return try await req.view.render(
                .staffLeave, try await leavePage(req, staff, account, chosen: form, errors: errors)
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let successors = Dictionary(
            uniqueKeysWithValues: wards.compactMap { row in
                chosenMember(form["ward-\(row.ward.id)"]).map { (row.ward.id, $0) }
            })
        let name = account.member.name
        let audit = StaffStore.DepartureAudit(
            by: staff.member.id, address: req.clientAddress,
            handedOver: .key("staff.leave.handed-over-when-left", name),
            summary: { departure in
                .key("staff.leave.switched-off-detail", name, departure.endedWards.count, departure.people.count)
            })
        do {
            _ = try await req.stores.staff.switchOff(
                id, councilID: staff.council.id, successors: successors,
                people: chosenMember(handover).map { .coordinator($0) } ?? .wardCoordinator, note: note, audit: audit,
                at: req.now)
        } catch let problem as any DomainProblem where problem.kind == .invalid {
            return try await req.view.render(
                .staffLeave,
                try await leavePage(
                    req, staff, account, chosen: form, errors: [FormError(problem)])
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        return req.redirect(to: SitePath.staff.path + "?saved=left")
    }

    func reactivate(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .manageStaff)
        let id = try Self.memberID(req)
        let account = try await req.stores.staff.account(id, councilID: staff.council.id)
        try await req.db.change { db in
            try await req.stores(on: db).staff.reactivate(id, councilID: staff.council.id)
            try await audit(
                req, staff, .key("staff.page.switched-back-on-detail", account.member.name), on: db)
        }
        return req.redirect(to: SitePath.staff.path + "?saved=back")
    }
}
