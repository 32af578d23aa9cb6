import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// `alongside jobs`: the server's routine jobs, each with its last run, result and next run; `--run` runs
/// what is due now, once (each job still runs once across servers).
struct JobsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "run", help: "Run the jobs that are due now, once, then list them.")
        var run: Bool

        init() {}
    }

    var help: String {
        "Lists the routine jobs the server runs itself (sending email, morning summaries, check reminders, the retention list, pruning): last run, result, next run."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        if signature.run {
            let ran = await RoutineJobs.runDue(app)
            context.console.info(ran.isEmpty ? "No job was due." : "Ran: \(ran.joined(separator: ", ")).")
        }
        let known = try await app.stores.jobs.all()
        let overdue = Set(try await RoutineJobs.overdue(app))
        for job in RoutineJobs.all(app) {
            guard let state = known.first(where: { $0.name == job.name }) else {
                context.console.output("\(job.name): not run yet (the server runs it when it starts).".consoleText())
                continue
            }
            let last = state.lastFinishedAt.map { LondonTime.dateTime($0) } ?? "never"
            let outcome = state.lastOK.map { $0 ? "ok" : "FAILED" } ?? "-"
            var line =
                "\(job.name): last \(last) (\(outcome)) \(state.lastResult ?? ""); next \(LondonTime.dateTime(state.nextRunAt))"
            if overdue.contains(job.name) { line += " OVERDUE" }
            context.console.output(line.consoleText())
        }
    }
}
