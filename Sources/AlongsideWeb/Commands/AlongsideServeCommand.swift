import Vapor

/// `alongside serve`: migrates the database (creating the SQLite file on first start), loads the demo
/// council when asked, then serves HTTP until stopped.
struct AlongsideServeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "hostname", short: "H", help: "Address to listen on (default 127.0.0.1).")
        var hostname: String?

        @Option(name: "port", short: "p", help: "Port to listen on (default 8080).")
        var port: Int?

        @Flag(
            name: "demo",
            help: "Load the demo council (slug demo) if it is not there yet, and print its sign-in details.")
        var demo: Bool

        init() {}
    }

    var help: String {
        "Migrates the database, optionally loads the demo council, and serves Alongside over HTTP."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        context.console.info("Database: \(app.alongside.database)")
        try await app.autoMigrate()
        if signature.demo {
            var summary = try await DemoCouncil.load(on: app)
            summary.address = "http://\(signature.hostname ?? "127.0.0.1"):\(signature.port ?? 8080)"
            context.console.output(summary.text.consoleText())
        }
        var arguments = ["alongside serve"]
        arguments += ["--hostname", signature.hostname ?? "127.0.0.1"]
        arguments += ["--port", String(signature.port ?? 8080)]
        var inner = context
        inner.input = CommandInput(arguments: arguments)
        try await app.servers.asyncCommand.run(using: &inner)
    }
}

/// `alongside migrate`: brings the database schema up to date, or reverts the last batch.
struct AlongsideMigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "revert", help: "Undo the most recent batch of migrations instead (asks first).")
        var revert: Bool

        @Flag(name: "yes", short: "y", help: "Do not ask for confirmation when reverting.")
        var yes: Bool

        init() {}
    }

    var help: String { "Creates or updates the database schema. Safe to run more than once." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        context.console.info("Database: \(app.alongside.database)")
        if signature.revert {
            guard
                signature.yes
                    || context.console.confirm("Revert the last batch of migrations? Data in those tables is lost.")
            else {
                context.console.warning("Nothing reverted.")
                return
            }
            try await app.migrator.setupIfNeeded().get()
            try await app.migrator.revertLastBatch().get()
            context.console.success("Reverted the last batch of migrations.")
            return
        }
        try await app.migrator.setupIfNeeded().get()
        let pending = try await app.migrator.previewPrepareBatch().get()
        try await app.autoMigrate()
        context.console.success(
            pending.isEmpty
                ? "The database is up to date." : "Applied \(pending.count) migration(s); the database is up to date.")
    }
}

/// `alongside seed --demo`: loads the demo council.
struct SeedCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "demo", help: "Load the demo council (slug demo) with wards, coordinators and postcodes.")
        var demo: Bool

        init() {}
    }

    var help: String { "Loads example data. Migrates first. Refuses to run in production." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.demo else {
            throw CommandFailure("Say what to load: alongside seed --demo")
        }
        let app = context.application
        try await app.autoMigrate()
        let summary = try await DemoCouncil.load(on: app)
        context.console.output(summary.text.consoleText())
    }
}
