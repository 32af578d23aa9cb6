import AlongsideCore
import AlongsideStore
import Vapor

/// `alongside import postcodes FILE.csv`.
struct ImportCommands: AsyncCommandGroup {
    var help: String { "Loads reference data from files." }
    var commands: [String: any AnyAsyncCommand] { ["postcodes": ImportPostcodesCommand()] }
}

struct ImportPostcodesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(
            name: "file",
            help: "A CSV in the ONS postcode directory layout: columns pcds and a ward code (osward, wd24cd, …).")
        var file: String

        init() {}
    }

    var help: String {
        "Loads a postcode → ward table. A bad line rejects the whole file and changes nothing."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            throw CommandFailure("Cannot read \(signature.file). Check the path.")
        }
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
            throw CommandFailure("\(signature.file) is not a text file.")
        }
        let entries: [PostcodeDirectory.Entry]
        do {
            entries = try PostcodeDirectory.parse(text)
        } catch {
            throw CommandFailure("\(signature.file) was not loaded. \(error.message) Nothing was changed.")
        }
        context.console.info("Read \(entries.count) postcodes from \(signature.file). Writing…")
        try await app.autoMigrate()
        let total = entries.count
        let console = context.console
        try await PostcodeStore(app.db).load(entries, batchSize: 1000) { written in
            if written == total || written % 50_000 == 0 { console.output("  \(written) of \(total)".consoleText()) }
        }
        context.console.success("Loaded \(total) postcodes.")
    }
}
