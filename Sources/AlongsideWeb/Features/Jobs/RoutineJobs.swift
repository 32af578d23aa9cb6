import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// A routine job the server runs itself: what it is called, when it runs, and what it does (its answer is
/// the result `alongside jobs` shows).
struct RoutineJob: Sendable {
    enum Schedule: Sendable, Equatable {
        /// Again this long after each run.
        case every(TimeInterval)
        /// Each day at this London time.
        case daily(hour: Int, minute: Int)
    }

    let name: String
    let schedule: Schedule
    let run: @Sendable (Application, Date) async throws -> String

    /// When it runs next after a run at `date`.
    func next(after date: Date) -> Date {
        switch schedule {
        case .every(let interval): return date.addingTimeInterval(interval)
        case .daily(let hour, let minute):
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .gmt
            return calendar.nextDate(
                after: date, matching: DateComponents(hour: hour, minute: minute), matchingPolicy: .nextTime)
                ?? date.addingTimeInterval(86_400)
        }
    }

    /// When a job first runs on a new deployment: one run at intervals at once, a daily one at its time (a
    /// first start at noon sends no morning summary).
    func firstRun(at now: Date) -> Date {
        if case .daily = schedule { return next(after: now) }
        return now
    }

    /// How late a run may be before `/health` calls it overdue: twice its interval, at least ten minutes.
    var grace: TimeInterval {
        switch schedule {
        case .every(let interval): return max(2 * interval, 600)
        case .daily: return 2 * 60 * 60
        }
    }
}

/// The server's routine jobs. With several servers on one database each job runs once (a lease in the
/// database, `JobStore`).
enum RoutineJobs {
    /// How long a job is held by the server running it.
    static let lease: TimeInterval = 30 * 60

    static func all(_ app: Application) -> [RoutineJob] {
        [
            RoutineJob(name: "send-outbox", schedule: .every(app.alongside.outboxInterval)) { app, _ in
                guard let mailer = OutboxSender.mailer(app) else { return "Mail is not configured: emails wait." }
                let result = try await OutboxSender.sendDue(app, with: mailer)
                return "Sent \(result.sent), to try again \(result.failed)."
            },
            RoutineJob(name: "morning-summaries", schedule: .daily(hour: 7, minute: 0)) { app, now in
                "Summaries put in the outbox: \(try await morningSummaries(app, at: now))."
            },
            RoutineJob(name: "check-reminders", schedule: .daily(hour: 7, minute: 5)) { app, now in
                "Reminders of checks expiring: \(try await checkReminders(app, at: now))."
            },
            RoutineJob(name: "retention-list", schedule: .daily(hour: 6, minute: 0)) { app, now in
                "Records due for a retention review: \(try await retentionList(app, at: now))."
            },
            RoutineJob(name: "open-referral-feeds", schedule: .daily(hour: 3, minute: 0)) { app, now in
                let (read, failed) = try await readFeeds(app, at: now)
                return "Feeds read again: \(read), failed (nothing changed): \(failed)."
            },
            RoutineJob(name: "prune", schedule: .every(60 * 60)) { app, _ in
                try await Housekeeping.prune(app)
                return "Old sessions, sign-in attempts and form submissions pruned."
            },
        ]
    }

    /// Runs every job that is due and free now; the names of those this server ran.
    @discardableResult
    static func runDue(_ app: Application) async -> [String] {
        let store = app.stores.jobs
        let jobs = all(app)
        do {
            let now = app.alongside.now()
            try await store.register(jobs.map { ($0.name, $0.firstRun(at: now)) })
        } catch {
            app.logger.report(error: error)
            return []
        }
        var ran: [String] = []
        for job in jobs {
            let now = app.alongside.now()
            do {
                guard try await store.take(job.name, lease: lease, at: now) else { continue }
            } catch {
                app.logger.report(error: error)
                continue
            }
            ran.append(job.name)
            var ok = true
            var result: String
            do {
                result = try await job.run(app, now)
            } catch {
                ok = false
                result = "Failed: \(error)"
                app.logger.warning("The job \(job.name) failed: \(error)")
            }
            let finished = app.alongside.now()
            try? await store.finish(job.name, ok: ok, result: result, next: job.next(after: now), at: finished)
        }
        return ran
    }

    /// Jobs whose next run is past by more than their grace: the server is not keeping up, or not running
    /// its jobs at all.
    static func overdue(_ app: Application) async throws -> [String] {
        let now = app.alongside.now()
        let jobs = Dictionary(uniqueKeysWithValues: all(app).map { ($0.name, $0) })
        return try await app.stores.jobs.all().compactMap { state in
            guard let job = jobs[state.name], now.timeIntervalSince(state.nextRunAt) > job.grace else { return nil }
            return state.name
        }
    }

    /// Each member who wants notices (at once or in the morning) gets one summary of what waits for them,
    /// when anything does; team leaders also hear of introductions waiting for the team.
    static func morningSummaries(_ app: Application, at now: Date) async throws -> Int {
        let today = LondonTime.isoDay(now)
        var count = 0
        for council in try await app.stores.councils.all() {
            let waiting = try await Stores(app.db, council: council.id).people.waiting(today: today)
            let forTeam = waiting[nil]?.introductions ?? 0
            let staff = app.stores.staff
            let preferences = try await staff.noticePreferences(councilID: council.id)
            for member in try await staff.list(councilID: council.id, roles: [.coordinator, .teamLeader]) {
                var mine = waiting[member.id] ?? PeopleStore.Waiting()
                if member.role == .teamLeader { mine.introductions += forTeam }
                guard !mine.isEmpty, preferences[member.id] != Notice.Preference.none else { continue }
                try await app.stores.outbox.put(
                    .morningSummary(
                        introductions: mine.introductions, steps: mine.steps, connections: mine.connections),
                    to: member.email, staffID: member.id, councilID: council.id, at: now)
                count += 1
            }
        }
        return count
    }

    /// Checks expiring in 60, 30 and 7 days: each reminder once, to the council's team leaders (who lead
    /// the Good Neighbours scheme), in one transaction with its "sent" mark.
    static func checkReminders(_ app: Application, at now: Date) async throws -> Int {
        let today = ISODay.string(now)
        var count = 0
        for council in try await app.stores.councils.all() {
            let leads = try await app.stores.staff.list(councilID: council.id, roles: [.teamLeader])
            for reminder in try await Stores(app.db, council: council.id).goodNeighbours.remindersDue(on: today) {
                try await app.db.change { db in
                    for lead in leads {
                        try await Stores(db).outbox.notify(lead, .checkExpiring(days: reminder.days), at: now)
                    }
                    try await Stores(db, council: council.id).goodNeighbours.markReminderSent(reminder, at: now)
                }
                count += 1
            }
        }
        return count
    }

    /// Reads every imported Open Referral feed again into its council's directory, all or nothing each: a
    /// feed that fails (unreachable, a bad record) changes nothing and says why on its row.
    static func readFeeds(_ app: Application, at now: Date) async throws -> (read: Int, failed: Int) {
        var result = (read: 0, failed: 0)
        for feed in try await DirectoryStore.allFeeds(on: app.db) {
            let store = try Stores(app.db, council: feed.councilID).directory
            do {
                let catalogue = try await ORUKImport(feed: HTTPFeed(base: feed.url, client: app.client), at: now).read()
                let report = try await ORUKImport.write(catalogue, into: store, source: feed.url, at: now)
                try await store.recordFeed(feed.id, ok: true, result: report.text, at: now)
                result.read += 1
            } catch {
                try await store.recordFeed(feed.id, ok: false, result: "\(error)", at: now)
                result.failed += 1
            }
        }
        return result
    }

    /// How many records are past the council's retention period: a list team leaders review on the
    /// people's-rights page (erasure stays a person's decision, never the job's).
    static func retentionList(_ app: Application, at now: Date) async throws -> Int {
        var count = 0
        for council in try await app.stores.councils.all() {
            count += try await Stores(app.db, council: council.id).people.dueForRetention(
                level1Years: council.retentionLevel1Years, level2Years: council.retentionLevel2Years, now: now
            ).count
        }
        return count
    }
}

/// Runs the routine jobs while the server serves: every few seconds it looks for what is due. `serve`
/// starts it once the database is migrated (the application has booted by then, so a lifecycle handler's
/// boot would never be called); it stops when the application shuts down.
struct JobRunner: LifecycleHandler {
    private let task = NIOLockedValueBox<RepeatedTask?>(nil)

    func start(_ app: Application) {
        task.withLockedValue { task in
            guard task == nil else { return }
            let tick = max(1, min(app.alongside.outboxInterval, 30))
            task = app.eventLoopGroup.next().scheduleRepeatedAsyncTask(
                initialDelay: .seconds(1), delay: .milliseconds(Int64(tick * 1_000))
            ) { _ in
                app.eventLoopGroup.next().makeFutureWithTask { _ = await RoutineJobs.runDue(app) }
            }
        }
    }

    func shutdown(_ app: Application) {
        task.withLockedValue { $0?.cancel() }
    }
}
