import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// `alongside user create | invite | set-password | reset-two-step | role | deactivate | reactivate`.
struct UserCommands: AsyncCommandGroup {
    var help: String {
        "Adds or invites staff accounts, sets passwords, changes roles, switches leavers off and back on."
    }
    var commands: [String: any AnyAsyncCommand] {
        [
            "create": CreateUserCommand(), "reset-two-step": ResetTwoStepCommand(),
            "set-password": SetPasswordCommand(), "role": RoleUserCommand(), "deactivate": DeactivateUserCommand(),
            "reactivate": ReactivateUserCommand(), "invite": InviteUserCommand(),
        ]
    }
}

/// A role named on the command line, or a failure that lists the roles.
func commandRole(_ name: String) throws -> Role {
    guard let role = Role(rawValue: name) else {
        throw CommandFailure(
            "Unknown role \"\(name)\". Use one of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
    }
    return role
}

/// The council a new member of staff joins, named by its slug; migrates first.
func joiningCouncil(_ slug: String, on app: Application) async throws -> Council {
    try await app.autoMigrate()
    guard let council = try await app.stores.councils.find(slug: slug) else {
        throw CommandFailure(
            "There is no council \"\(slug)\". Add it first: alongside council create --slug \(slug) --name \"…\"")
    }
    return council
}

struct CreateUserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "Their work email address; they sign in with it.")
        var email: String?

        @Option(name: "name", help: "Their full name, as colleagues know them.")
        var name: String?

        @Option(name: "role", help: "One of: coordinator, team-leader, council-admin, network-analyst, auditor.")
        var role: String?

        @Option(name: "council", help: "The council's slug, e.g. demo.")
        var council: String?

        @Flag(
            name: "password-stdin",
            help: "Read the password from standard input (one line), so it never appears in shell history.")
        var passwordStdin: Bool

        init() {}
    }

    var help: String {
        "Adds a member of staff. Example: echo 'long pass phrase' | alongside user create --email a@council.gov.uk --name \"A Person\" --role coordinator --council demo --password-stdin"
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let email = signature.email, let name = signature.name, let roleName = signature.role,
            let slug = signature.council
        else {
            throw CommandFailure("Give --email, --name, --role and --council (and --password-stdin).")
        }
        let role = try commandRole(roleName)
        guard signature.passwordStdin else {
            throw CommandFailure("Pass --password-stdin and send the password on standard input.")
        }
        let app = context.application
        guard let password = app.passwordInput(), !password.isEmpty else {
            throw CommandFailure("No password arrived on standard input.")
        }
        if let problem = PasswordPolicy.problem(with: password, email: email, name: name) {
            throw CommandFailure("Password refused: \(problem)")
        }
        let council = try await joiningCouncil(slug, on: app)
        let hash = try await app.password.async.hash(password)
        do {
            let member = try await app.stores.staff.create(
                councilID: council.id, email: email, name: name, role: role, passwordHash: hash)
            context.console.success("Added \(member.name) <\(member.email)> as \(role.title) at \(council.name).")
        } catch let error as AlongsideError {
            throw CommandFailure(error.message)
        } catch let problem as any DomainProblem {
            throw CommandFailure(problem.message)
        }
    }
}

/// `alongside user reset-two-step --email E`: for someone who lost their phone and their recovery codes.
struct ResetTwoStepCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "The account's email address.")
        var email: String?

        init() {}
    }

    var help: String {
        "Turns off two-step sign-in for one account (a lost phone); they set it up again at their next sign-in if their council requires it."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let email = signature.email, let found = try await app.stores.staff.credentials(email: email) else {
            throw CommandFailure("There is no active account for \(signature.email ?? "(give --email)").")
        }
        try await app.stores.staff.resetTwoStep(found.member.id)
        context.console.success("Two-step sign-in is off for \(found.member.email); they can set it up again.")
    }
}

/// `alongside user set-password --email E --password-stdin`: an admin's reset for a forgotten password.
struct SetPasswordCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "The account's email address.")
        var email: String?

        @Flag(name: "password-stdin", help: "Read the new password from standard input (required).")
        var passwordStdin: Bool

        init() {}
    }

    var help: String {
        "Sets a new password for an account (a forgotten password) and signs it out everywhere. Weak passwords are refused."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let email = signature.email, let found = try await app.stores.staff.credentials(email: email) else {
            throw CommandFailure("There is no active account for \(signature.email ?? "(give --email)").")
        }
        guard signature.passwordStdin, let password = app.passwordInput(), !password.isEmpty else {
            throw CommandFailure("Pass --password-stdin and send the new password on standard input.")
        }
        if let problem = PasswordPolicy.problem(with: password, email: found.member.email, name: found.member.name) {
            throw CommandFailure("That password was not set: \(problem)")
        }
        try await app.stores.staff.setPasswordHash(
            try await app.password.async.hash(password), for: found.member.id, at: app.alongside.now())
        context.console.success("Set a new password for \(found.member.email) and signed them out everywhere.")
    }
}
