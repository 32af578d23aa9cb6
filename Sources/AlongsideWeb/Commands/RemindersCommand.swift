import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// `alongside reminders`: the volunteer check reminders due today (60, 30 and 7 days before a DBS check
/// expires), one line each, for a daily cron job to mail to the Good Neighbours lead. Each reminder is
/// given once; `--dry-run` shows them without marking them given.
struct RemindersCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "council", help: "Only this council (slug). Every council when left out.")
        var council: String?

        @Flag(name: "dry-run", help: "Show what is due without marking it sent.")
        var dryRun: Bool

        init() {}
    }

    var help: String {
        "Lists Good Neighbour volunteers whose DBS checks expire in 60, 30 or 7 days, once each, for a daily job to send on."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        var councils = try await app.stores.councils.all()
        if let slug = signature.council {
            councils = councils.filter { $0.slug == slug.lowercased() }
            if councils.isEmpty { throw CommandFailure("There is no council with the slug \(slug).") }
        }
        let now = app.alongside.now()
        let today = ISODay.string(now)
        var total = 0
        for council in councils {
            let store = try Stores(app.db, council: council.id).goodNeighbours
            for reminder in try await store.remindersDue(on: today) {
                context.console.output(
                    "\(council.name): \(reminder.volunteer.shownName)'s \(reminder.check.kind.label) expires on \(LondonTime.day(reminder.check.expiresOn)) (\(reminder.days)-day reminder)."
                        .consoleText())
                if !signature.dryRun { try await store.markReminderSent(reminder, at: now) }
                total += 1
            }
        }
        context.console.info(total == 0 ? "No reminders due today." : "\(total) reminder\(total == 1 ? "" : "s") due.")
    }
}
