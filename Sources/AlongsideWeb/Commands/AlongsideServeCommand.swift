import AlongsideStore
import Fluent
import FluentKit
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
        if let replica = app.alongside.reportsReplicaURL {
            // Through DatabaseLocation's description, so the password is not printed.
            context.console.info("Reports read from the replica: \(DatabaseLocation.postgres(url: replica))")
        }
        try await app.autoMigrate()
        try await SecretBox.sealPlainSecrets(on: app)
        if signature.demo {
            guard let loadDemo = app.loadDemo else {
                throw CommandFailure("This build of Alongside has no demo data (AlongsideDemo is not linked).")
            }
            let address = "http://\(signature.hostname ?? "127.0.0.1"):\(signature.port ?? 8080)"
            context.console.output(try await loadDemo(app, address).consoleText())
        }
        let jobs = JobRunner()
        jobs.start(app)
        app.lifecycle.use(jobs)
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
        try await SecretBox.sealPlainSecrets(on: app)
        context.console.success(
            pending.isEmpty
                ? "The database is up to date." : "Applied \(pending.count) migration(s); the database is up to date.")
    }
}

extension Application {
    private struct LoadDemoKey: StorageKey {
        typealias Value = @Sendable (Application, _ address: String?) async throws -> String
    }

    /// Loads the demo councils if they are not there yet and says how to sign in (`serve --demo`). The demo
    /// data lives in its own target, AlongsideDemo, which sets this (`useAlongsideDemo()`); the server's own
    /// code never holds it.
    public var loadDemo: (@Sendable (Application, _ address: String?) async throws -> String)? {
        get { storage[LoadDemoKey.self] }
        set { storage[LoadDemoKey.self] = newValue }
    }
}
