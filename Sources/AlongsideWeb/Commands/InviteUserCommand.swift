import AlongsideCore
import AlongsideStore
import Vapor

/// `alongside user invite --email E --name N --role R --council C`: adds a member of staff who chooses their
/// own password from a one-time link (72 hours), emailed through the outbox and printed here for the
/// operator to hand over when mail is not set up.
struct InviteUserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "Their work email address; they sign in with it.")
        var email: String?

        @Option(name: "name", help: "Their full name, as colleagues know them.")
        var name: String?

        @Option(name: "role", help: "One of: coordinator, team-leader, council-admin, network-analyst, auditor.")
        var role: String?

        @Option(name: "council", help: "The council's slug, e.g. demo.")
        var council: String?

        init() {}
    }

    var help: String {
        "Invites a member of staff to choose their own password from a one-time link (72 hours). Example: alongside user invite --email a@council.gov.uk --name \"A Person\" --role coordinator --council demo"
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let email = signature.email, let name = signature.name, let roleName = signature.role,
            let slug = signature.council
        else {
            throw CommandFailure("Give --email, --name, --role and --council.")
        }
        let role = try commandRole(roleName)
        let app = context.application
        let council = try await joiningCouncil(slug, on: app)
        do {
            let (member, link) = try await StaffLinks.invite(
                email: email, name: name, role: role, to: council, by: nil,
                audit: .key(
                    "staff.command.invited", name.trimmingCharacters(in: .whitespacesAndNewlines), role.rawValue),
                address: nil, app: app)
            context.console.success("Invited \(member.name) <\(member.email)> as \(role.title) at \(council.name).")
            if app.alongside.mail == nil {
                context.console.warning(
                    "Mail is not set up, so nothing was emailed. Give them this link yourself (it works once, for 72 hours):"
                )
            } else {
                context.console.info("The invitation is in the outbox; the running server sends it. The link:")
            }
            context.console.output(link.consoleText())
        } catch let error as AlongsideError {
            throw CommandFailure(error.message)
        } catch let problem as any DomainProblem {
            throw CommandFailure(problem.message)
        }
    }
}
