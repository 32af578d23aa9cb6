import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// The figures' summaries (issue 28): kept as records are written, they always equal the figures counted
/// from the rows, after every kind of write, and a rebuild from nothing gives the very same totals.
@Suite("Figure summaries: kept as records are written, always equal to the rows")
struct FigureSummariesTests {
    /// Every named period the seeded work touches, and some either side.
    static var periods: [Period] {
        var periods: [Period] = []
        for year in 2024...2026 {
            if let own = try? Period.financialYear(year) { periods.append(own) }
            for quarter in 1...4 {
                if let own = try? Period.quarter(quarter, ofYearStarting: year) { periods.append(own) }
            }
        }
        for year in 2025...2026 {
            for month in 1...12 { if let own = try? Period.month(month, year) { periods.append(own) } }
        }
        return periods
    }

    /// Every council's kept figures for every named period equal those counted from the rows for the same
    /// days (as a range of dates, which is never summarised), on the figures and the Network comparison
    /// alike; and the kept totals equal those of a rebuild from nothing.
    static func expectReconciled(
        _ app: Application, now: Date, after step: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let councils = try await app.db.sql.raw("SELECT id FROM councils").all().map {
            Council.ID(try $0.decode(column: "id", as: UUID.self))
        }
        let figures = FiguresStore(app.db)
        let network = NetworkStore(app.db)
        for period in periods {
            let days = try Period.dates(from: period.from, to: period.to)
            let kept = try await figures.figures(councils: councils, period: period, now: now)
            let counted = try await figures.figures(councils: councils, period: days, now: now)
            #expect(kept == counted, "\(step): \(period.key)", sourceLocation: sourceLocation)
            // By ward too, as the dashboard reads them (a council and its wards).
            for council in councils {
                let keptWards = try await figures.figures(councils: [council], period: period, byWard: true, now: now)
                let countedWards = try await figures.figures(councils: [council], period: days, byWard: true, now: now)
                #expect(keptWards == countedWards, "\(step): wards, \(period.key)", sourceLocation: sourceLocation)
            }
            let keptRows = try await network.figures(period: period, now: now)
            let countedRows = try await network.figures(period: days, now: now)
            #expect(keptRows == countedRows, "\(step): Network, \(period.key)", sourceLocation: sourceLocation)
        }
        let before = try await totals(app)
        #expect(try await pending(app) == 0, "\(step): nothing left pending", sourceLocation: sourceLocation)
        try await FigureSummaries(app.db).rebuild(council: nil)
        #expect(try await totals(app) == before, "\(step): as a rebuild gives", sourceLocation: sourceLocation)
    }

    /// Every non-zero total, "council period code" → total.
    static func totals(_ app: Application) async throws -> [String: Int] {
        var totals: [String: Int] = [:]
        for row in try await app.db.sql.raw("SELECT council_id, period_key, code, total FROM figure_summaries").all() {
            let total = try row.decode(column: "total", as: Int.self)
            guard total != 0 else { continue }
            let key =
                "\(try row.decode(column: "council_id", as: UUID.self)) \(try row.decode(column: "period_key", as: String.self)) \(try row.decode(column: "code", as: String.self))"
            totals[key] = total
        }
        return totals
    }

    /// Each person's kept part, "council person" → document.
    static func parts(_ app: Application) async throws -> [String: String] {
        var parts: [String: String] = [:]
        for row in try await app.db.sql.raw("SELECT council_id, person_id, document FROM figure_contributions").all() {
            let key =
                "\(try row.decode(column: "council_id", as: UUID.self)) \(try row.decode(column: "person_id", as: UUID.self))"
            parts[key] = try row.decode(column: "document", as: String.self)
        }
        return parts
    }

    static func pending(_ app: Application) async throws -> Int {
        try await app.db.sql.raw("SELECT COUNT(*) AS n FROM figure_pending").first()?.decode(column: "n", as: Int.self)
            ?? -1
    }

    /// The ids of a person's entries in `table`, not struck out, oldest day first.
    static func ids(_ app: Application, _ table: String, of person: Person.ID) async throws -> [UUID] {
        try await app.db.sql.raw(
            "SELECT id FROM \(unsafeRaw: table) WHERE person_id = \(bind: person.uuid) AND struck_at IS NULL ORDER BY created_at"
        ).all().map { try $0.decode(column: "id", as: UUID.self) }
    }

    static func at(_ day: String) -> Date { FiguresTests.at(day) }

    @Test func theSummariesEqualTheRowsAfterEveryKindOfWrite() async throws {
        try await withAlongside { app, clock in
            // New records of every kind: introductions, conversations, connections, contributions, outcomes,
            // SWEMWBS readings (FiguresTests.seed), in two councils.
            let seeded = try await FiguresTests.seed(app)
            try await CouncilStore(app.db).setNetworkSharing(
                true, annualInvestmentPence: 36_500_000, for: seeded.council.id)
            let store = PeopleStore(app.db, councilID: seeded.council.id)
            let people = seeded.people
            let coordinator = seeded.coordinator.id
            try await Self.expectReconciled(app, now: clock.now, after: "new records")

            // A person with labels; life-satisfaction readings (the WELLBYs of social value).
            var draft = IntroductionDraft()
            draft.fullName = "Labelled Person"
            draft.phone = "07700 900777"
            draft.categories = [.olderPerson, .carer]
            draft.source = .gpOrHealth
            let labelled = try await store.introduce(
                try draft.validated(today: Date()).get(), recordedBy: nil, at: Self.at("2025-06-03")
            )
            .person
            for (person, day, answers) in [
                (labelled.id, "2025-06-03", [5, 5, 5, 5]), (labelled.id, "2025-08-20", [8, 7, 7, 2]),
                (people[0].id, "2025-04-12", [6, 6, 6, 4]), (people[0].id, "2025-11-02", [4, 6, 6, 4]),
            ] {
                try await store.addMeasure(
                    to: person, kind: .ons4, takenOn: day, answers: answers, declined: false, by: coordinator,
                    at: Self.at(day))
            }
            _ = try await store.addConversation(
                to: labelled.id, by: coordinator, happenedOn: "2025-08-20", minutes: 20, place: .phone,
                whoWasThere: "", notes: "", at: Self.at("2025-08-20"))
            try await store.addOutcome(
                to: labelled.id, kind: .gpAppointment, happenedOn: "2025-08-21",
                otherwise: "A visit to the GP for low mood",
                confidence: .medium,
                by: coordinator, at: Self.at("2025-08-21"))
            try await Self.expectReconciled(app, now: clock.now, after: "labels, readings, an outcome")

            // A change of level (a journey event): the level on each period's last day.
            try await store.setLevel(
                people[1].id, to: .one, expectedVersion: nil, by: coordinator, at: Self.at("2025-10-15"))
            try await Self.expectReconciled(app, now: clock.now, after: "a change of level")

            // A move to another ward and new labels (the person's details corrected).
            var moved = try await store.find(people[0].id)
            moved.postcode = "DE2 2BB"
            moved.categories = [.mentalHealth]
            try await store.updateDetails(moved, reason: "Moved house", by: coordinator, at: Self.at("2025-12-10"))
            try await Self.expectReconciled(app, now: clock.now, after: "a move of ward and new labels")

            // Corrections: a conversation's date, a reading's date and answers, an outcome's date.
            let conversation = try #require(try await Self.ids(app, "conversations", of: people[0].id).first)
            try await store.correctConversation(
                .init(conversation), of: people[0].id, happenedOn: "2026-01-20", minutes: 30, place: .home,
                whoWasThere: "", notes: "", reason: "Wrong day", expectedVersion: nil, by: coordinator,
                mayCorrectOthers: true, at: clock.now)
            let readings = try await store.entryStates(.measure, of: people[0].id)
            let swemwbs = try #require(
                readings.values.first {
                    $0.values["takenOn"] == "2025-04-12"
                        && ($0.values["answers"] ?? "").split(separator: ",").count == 7
                })
            try await store.correctEntry(
                .measure, swemwbs.id, of: people[0].id, values: ["takenOn": "2025-05-01", "answers": "1,1,1,1,1,1,1"],
                reason: "Typed in wrongly", expectedVersion: nil, by: coordinator, mayCorrectOthers: true, at: clock.now
            )
            let outcome = try #require(try await store.entryStates(.outcome, of: people[1].id).values.first)
            try await store.correctEntry(
                .outcome, outcome.id, of: people[1].id, values: ["happenedOn": "2025-12-01"], reason: "Wrong day",
                expectedVersion: nil, by: coordinator, mayCorrectOthers: true, at: clock.now)
            try await Self.expectReconciled(app, now: clock.now, after: "corrections")

            // Strike-outs: a conversation, a connection, a reading.
            let struck = try #require(try await Self.ids(app, "conversations", of: people[1].id).first)
            try await store.strikeOutConversation(
                .init(struck), of: people[1].id, reason: "Not them", expectedVersion: nil, by: coordinator,
                mayCorrectOthers: true, at: clock.now)
            let connection = try #require(try await store.entryStates(.connection, of: people[2].id).keys.first)
            try await store.strikeOutEntry(
                .connection, connection, of: people[2].id, reason: "Not them", expectedVersion: nil, by: coordinator,
                mayCorrectOthers: true, at: clock.now)
            let reading = try #require(try await store.entryStates(.measure, of: labelled.id).keys.first)
            try await store.strikeOutEntry(
                .measure, reading, of: labelled.id, reason: "Not them", expectedVersion: nil, by: coordinator,
                mayCorrectOthers: true, at: clock.now)
            try await Self.expectReconciled(app, now: clock.now, after: "strike-outs")

            // A merge: person 5's record into person 0's.
            try await store.merge(people[5].id, into: people[0].id, by: coordinator, at: clock.now)
            try await Self.expectReconciled(app, now: clock.now, after: "a merge")

            // An erasure.
            try await store.erase(labelled.id, reason: "Asked to be forgotten", by: coordinator, at: clock.now)
            try await Self.expectReconciled(app, now: clock.now, after: "an erasure")
        }
    }

    @Test func aWriteOutsideATransactionIsCaughtUpBeforeTheSummariesAreRead() async throws {
        try await withAlongside { app, clock in
            let seeded = try await FiguresTests.seed(app)
            let year = try Period.financialYear(2025)
            let before = try await FiguresStore(app.db).figures(
                council: seeded.council.id, period: year, now: clock.now)
            // A conversation's day changed straight in the table, as an import or a script might: person 0's
            // conversation of November (Q3) moved to July (Q2).
            try await app.db.sql.raw(
                """
                UPDATE conversations SET happened_on = '2025-07-02' WHERE person_id = \(bind: seeded.people[0].id.uuid) \
                AND happened_on = '2025-11-02'
                """
            ).run()
            #expect(try await Self.pending(app) == 1)
            let after = try await FiguresStore(app.db).figures(council: seeded.council.id, period: year, now: clock.now)
            #expect(after[.peopleSupported] == before[.peopleSupported])
            for quarter in [2, 3] {
                let kept = try await FiguresStore(app.db).figures(
                    council: seeded.council.id, period: try Period.quarter(quarter, ofYearStarting: 2025),
                    now: clock.now)
                let period = try Period.quarter(quarter, ofYearStarting: 2025)
                let counted = try await FiguresStore(app.db).figures(
                    council: seeded.council.id, period: try Period.dates(from: period.from, to: period.to),
                    now: clock.now)
                #expect(kept == counted)
            }
            #expect(try await Self.pending(app) == 0)
        }
    }

    @Test func theRebuildCommandWorksTheSummariesOutAgainAndSaysHowFarItHasGot() async throws {
        try await withAlongside { app, clock in
            let seeded = try await FiguresTests.seed(app)
            _ = try await FiguresStore(app.db).figures(
                council: seeded.council.id, period: try Period.financialYear(2025), now: clock.now)
            let kept = try await Self.totals(app)
            try await app.db.sql.raw("UPDATE figure_summaries SET total = total + 5").run()
            let output = try await app.run(["summaries", "rebuild", "--council", seeded.council.slug])
            #expect(output.contains("of 8 worked out"))
            #expect(output.contains("Rebuilt the summaries of 1 council"))
            // The other council's totals were not rebuilt, so only this council's are right again.
            let rebuilt = try await Self.totals(app)
            for (key, total) in kept where key.hasPrefix(seeded.council.id.uuid.uuidString) {
                #expect(rebuilt[key] == total, "\(key)")
            }
            _ = try await app.run(["summaries", "rebuild"])
            #expect(try await Self.totals(app) == kept)
            let help = try await app.run(["summaries", "rebuild", "--help"])
            #expect(help.contains("--council"))
        }
    }
}
