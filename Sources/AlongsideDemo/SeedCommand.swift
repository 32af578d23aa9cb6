import AlongsideStore
import AlongsideWeb
import Fluent
import Foundation
import Vapor

extension Application {
    /// Adds the example data to the commands: `seed`, and the demo councils that `serve --demo` loads.
    public func useAlongsideDemo() {
        asyncCommands.use(SeedCommand(), as: "seed")
        loadDemo = { app, address in
            var summary = try await DemoCouncil.load(on: app)
            if let address { summary.address = address }
            return summary.text
        }
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
                "Setting up the councils \(seconds(report.setUpSeconds)) s, writing the rows \(seconds(report.writeSeconds)) s (\(report.writeRowsPerSecond) rows/s), building the indexes \(seconds(report.indexSeconds)) s; the figures' summaries worked out meanwhile in \(seconds(report.summarySeconds)) s."
                    .consoleText())
            return
        }
        let summary = try await DemoCouncil.load(on: app)
        context.console.output(summary.text.consoleText())
    }
}
