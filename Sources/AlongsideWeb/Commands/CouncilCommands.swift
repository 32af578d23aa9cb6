import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// `alongside council create|list`.
struct CouncilCommands: AsyncCommandGroup {
    var help: String { "Adds and lists the councils on this Alongside." }
    var commands: [String: any AnyAsyncCommand] { ["create": CreateCouncilCommand(), "list": ListCouncilsCommand()] }
}

struct CreateCouncilCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(
            name: "slug",
            help: "Short name for addresses and the command line, e.g. derby (lower-case letters, digits, hyphens).")
        var slug: String?

        @Option(name: "name", help: "The council's full name, e.g. \"Derby City Council\".")
        var name: String?

        init() {}
    }

    var help: String { "Adds a council. Example: alongside council create --slug derby --name \"Derby City Council\"" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let slug = signature.slug, let name = signature.name else {
            throw CommandFailure("Give both --slug and --name.")
        }
        let app = context.application
        try await app.autoMigrate()
        do {
            let council = try await app.stores.councils.create(slug: slug, name: name)
            context.console.success("Added \(council.name) (\(council.slug)).")
        } catch let error as AlongsideError {
            throw CommandFailure(error.message)
        } catch let problem as any DomainProblem {
            throw CommandFailure(problem.message)
        }
    }
}

struct ListCouncilsCommand: AsyncCommand {
    struct Signature: CommandSignature { init() {} }
    var help: String { "Lists the councils: slug, name, and whether each shares its figures with the Network." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        for council in try await app.stores.councils.all() {
            let sharing = council.sharesWithNetwork ? "shares with the Network" : "does not share"
            context.console.output("\(council.slug)\t\(council.name)\t\(sharing)".consoleText())
        }
    }
}
