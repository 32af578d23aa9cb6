import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// `alongside summaries rebuild [--council SLUG]`: the figures' summaries worked out again from the rows.
struct SummariesCommands: AsyncCommandGroup {
    var help: String {
        "The figures of each month, quarter and financial year, kept as records are written (the Network comparison and the figures read them)."
    }
    var commands: [String: any AnyAsyncCommand] { ["rebuild": RebuildSummariesCommand()] }
}

struct RebuildSummariesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "council", help: "Rebuild one council's summaries only (its slug); all councils without it.")
        var council: String?

        init() {}
    }

    var help: String {
        "Works every council's (or one council's) figure summaries out again exactly from the rows, printing progress. Safe while the server runs: a page read meanwhile catches up on what is still to do first."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        var councilID: Council.ID? = nil
        if let slug = signature.council {
            guard let council = try await app.stores.councils.find(slug: slug) else {
                throw CommandFailure("No council has the slug \(slug). `alongside council list` lists them.")
            }
            councilID = council.id
        }
        let started = Date()
        let console = context.console
        var people = 0
        var councils = 0
        try await app.stores.summaries.rebuild(council: councilID) { council, done, total in
            if done == 0 {
                councils += 1
                people += total
                console.output("Council \(council.uuid.uuidString): \(total) people.".consoleText())
            } else {
                console.output("  \(done) of \(total) worked out.".consoleText())
            }
        }
        console.output(
            "Rebuilt the summaries of \(councils) council\(councils == 1 ? "" : "s") (\(people) people) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s."
                .consoleText())
    }
}
