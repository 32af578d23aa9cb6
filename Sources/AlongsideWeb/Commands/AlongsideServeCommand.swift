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
            var summary = try await DemoCouncil.load(on: app)
            summary.address = "http://\(signature.hostname ?? "127.0.0.1"):\(signature.port ?? 8080)"
            context.console.output(summary.text.consoleText())
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

/// `alongside seed --demo`: loads the demo council.
struct SeedCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(
            name: "demo",
            help:
                "Load the demo councils: Kestrel Vale (slug demo) with Harbourne and Glanmor beside it, with wards, coordinators, postcodes and people."
        )
        var demo: Bool

        @Flag(
            name: "scale",
            help:
                "Load a network-sized data set for benchmarks: councils scale-1 … scale-N (sign in as leader@scale-1.example with the demo password)."
        )
        var scale: Bool

        @Option(name: "councils", help: "With --scale: how many councils (default 10).")
        var councils: Int?

        @Option(name: "people", help: "With --scale: people in all, shared between the councils (default 100000).")
        var people: Int?

        @Option(name: "conversations", help: "With --scale: conversations in all (default 10 a person).")
        var conversations: Int?

        @Option(
            name: "seed", help: "With --scale: the random seed; the same seed gives the same data (default 20261202).")
        var seed: Int?

        init() {}
    }

    var help: String {
        "Loads example data: --demo (three demo councils) or --scale (for benchmarks). Migrates first. Refuses to run in production."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.demo || signature.scale else {
            throw CommandFailure(
                "Say what to load: alongside seed --demo, or alongside seed --scale --councils 10 --people 100000 --conversations 1000000"
            )
        }
        let app = context.application
        guard app.environment != .production else {
            throw CommandFailure("Example data is for trying and measuring Alongside, never for production.")
        }
        try await app.autoMigrate()
        if signature.scale {
            let people = signature.people ?? 100_000
            var plan = ScaleData.Plan(
                councils: signature.councils ?? 10, people: people,
                conversations: signature.conversations ?? people * 10)
            if let seed = signature.seed { plan.seed = UInt64(max(seed, 0)) }
            guard (1...1_000).contains(plan.councils), (1...50_000_000).contains(plan.people),
                (0...500_000_000).contains(plan.conversations)
            else {
                throw CommandFailure(
                    "Use 1 to 1,000 councils, 1 to 50,000,000 people and up to 500,000,000 conversations.")
            }
            let data = ScaleData(plan: plan, today: app.alongside.now())
            let hash = try await app.password.async.hash(DemoCouncil.password)
            let console = context.console
            let report = try await data.load(on: app, passwordHash: hash) { line in
                console.output(line.consoleText())
            }
            func seconds(_ value: Double) -> String { String(format: "%.1f", value) }
            context.console.output(
                "Wrote \(report.rows) rows (\(report.people) people, \(report.conversations) conversations) in \(seconds(report.seconds)) s: \(report.rowsPerSecond) rows/s."
                    .consoleText())
            context.console.output(
                "Setting up the councils \(seconds(report.setUpSeconds)) s, writing the rows \(seconds(report.writeSeconds)) s (\(report.writeRowsPerSecond) rows/s), building the indexes \(seconds(report.indexSeconds)) s, the figures' summaries \(seconds(report.summarySeconds)) s."
                    .consoleText())
            return
        }
        let summary = try await DemoCouncil.load(on: app)
        context.console.output(summary.text.consoleText())
    }
}
