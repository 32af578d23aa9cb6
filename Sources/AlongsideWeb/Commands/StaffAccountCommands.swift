import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// `alongside user deactivate --email E`: switches a leaver off for operators, as the Staff page does:
/// signed out everywhere, API tokens stopped, their wards uncovered from now, their people returned to the
/// team leader's queue (the Staff page can hand them to named coordinators instead).
struct DeactivateUserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "The leaver's email address.")
        var email: String?

        init() {}
    }

    var help: String {
        "Switches a leaver off at once: no sign-in, sessions and API tokens stopped, wards uncovered, their people returned to the team leader's queue."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let account = try await StaffAccount.named(signature.email, on: app)
        guard account.active else { throw CommandFailure("\(account.member.email) is already switched off.") }
        let member = account.member
        let name = member.name
        let departure = try await app.stores.staff.switchOff(
            member.id, councilID: member.councilID, successors: [:], people: .teamLeader, note: "\(name) left",
            audit: StaffStore.DepartureAudit(
                by: nil, address: nil, handedOver: .key("staff.command.returned-when-left", name),
                summary: { .key("staff.command.switched-off", name, $0.endedWards.count, $0.people.count) }),
            at: app.alongside.now())
        context.console.success(
            "Switched \(member.email) off: signed out everywhere, \(departure.endedWards.count) ward(s) uncovered, \(departure.people.count) person(s) returned to the team leader's queue."
        )
    }
}

/// `alongside user reactivate --email E`: lets a returner sign in again.
struct ReactivateUserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "Their email address.")
        var email: String?

        init() {}
    }

    var help: String {
        "Switches an account back on: they sign in with their old password; name their wards again on the Wards page."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let account = try await StaffAccount.named(signature.email, on: app)
        guard !account.active else { throw CommandFailure("\(account.member.email) is already switched on.") }
        let member = account.member
        try await app.db.change { db in
            try await Stores(db).staff.reactivate(member.id, councilID: member.councilID)
            try await Stores(db, council: member.councilID).audit.record(
                AuditEntry(
                    at: app.alongside.now(), staffID: nil, personID: nil, action: .update,
                    detail: .key("staff.command.switched-back-on", member.name)))
        }
        context.console.success("Switched \(member.email) back on.")
    }
}

/// `alongside user role --email E --role R`: changes a member's role.
struct RoleUserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "Their email address.")
        var email: String?

        @Option(
            name: "role",
            help: "One of: coordinator, team-leader, council-admin, network-analyst, network-admin, auditor.")
        var role: String?

        init() {}
    }

    var help: String {
        "Changes a member's role and signs them out everywhere, so they sign in again with the new one."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let account = try await StaffAccount.named(signature.email, on: app)
        guard let role = signature.role.flatMap(Role.init(rawValue:)) else {
            throw CommandFailure(
                "Give --role: one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let member = account.member
        let now = app.alongside.now()
        try await app.db.change { db in
            let ended = try await Stores(db).staff.setRole(role, of: member.id, councilID: member.councilID, at: now)
            try await Stores(db).staff.signOutEverywhere(member.id, at: now)
            try await Stores(db, council: member.councilID).audit.record(
                AuditEntry(
                    at: now, staffID: nil, personID: nil, action: .update,
                    detail: .key(
                        "staff.command.changed-role", member.name, member.role.rawValue, role.rawValue, ended.count)))
        }
        context.console.success("\(member.email) is now \(role.rawValue); they sign in again to use it.")
    }
}

extension StaffAccount {
    /// The account an operator's `--email` names, active or not, or a failure saying what to give.
    static func named(_ email: String?, on app: Application) async throws -> StaffAccount {
        guard let email, let account = try await app.stores.staff.account(email: email) else {
            throw CommandFailure("There is no account for \(email ?? "(give --email)").")
        }
        return account
    }
}
