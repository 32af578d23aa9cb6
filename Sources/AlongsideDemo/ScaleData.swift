import AlongsideCore
import AlongsideStore
import AlongsideWeb
import Fluent
import Foundation
import SQLKit
import Vapor

/// A network-sized data set for benchmarks: `alongside seed --scale --councils N --people P
/// --conversations C`. Councils `scale-1` … `scale-N`, each with 20 wards, a named coordinator for each
/// and a team leader (demo password), postcodes, and people at every journey stage with introductions,
/// journey events, conversations, steps, measures and outcomes. Seeded: the same numbers give the same
/// data. Written in large batches, one transaction per chunk of people, with progress as it goes.
final class ScaleData: @unchecked Sendable {
    struct Plan {
        var councils: Int
        var people: Int
        var conversations: Int
        var seed: UInt64 = 20_261_202
        /// People written per transaction (and generated while the one before is written).
        var chunk = 2_500
    }

    struct Report {
        var rows = 0
        var people = 0
        var conversations = 0
        var seconds = 0.0
        /// Setting up the councils (wards, staff, postcodes and a directory each, the directory many rows a
        /// statement): the time the load waited for it (on PostgreSQL the next council is set up on another
        /// connection while the rows are written).
        var setUpSeconds = 0.0
        /// Writing the generated rows, from the first chunk to the last.
        var writeSeconds = 0.0
        /// Building the indexes again at the end.
        var indexSeconds = 0.0
        /// Working out the figures' summaries of the rows as they were generated (on the thread that generates
        /// them, while the database writes the chunk before).
        var summarySeconds = 0.0
        var rowsPerSecond: Int { seconds > 0 ? Int(Double(rows) / seconds) : 0 }
        /// The rows a second while they were being written, set-up and index builds left out.
        var writeRowsPerSecond: Int { writeSeconds > 0 ? Int(Double(rows) / writeSeconds) : 0 }
    }

    static let wardsPerCouncil = 20

    let plan: Plan
    let today: Date
    var random: SeededGenerator

    init(plan: Plan, today: Date) {
        self.plan = plan
        // In whole seconds, so every date generated from it is kept exactly by both databases (PostgreSQL
        // keeps microseconds), as the figures' summaries worked out while generating take it to be.
        self.today = Date(timeIntervalSince1970: today.timeIntervalSince1970.rounded(.down))
        random = SeededGenerator(seed: plan.seed)
    }

    static func slug(_ index: Int) -> String { "scale-\(index + 1)" }

    /// Made-up postcodes for the council: area `X{council}`, five a ward.
    static func postcodes(council: Int) -> [(postcode: String, ward: Int)] {
        (0..<(wardsPerCouncil * 5)).map { index in
            let letters = Array("ABDEFGHJLNPQRSTUWXYZ")
            let inward =
                "\(index % 10)\(letters[(index / 10) % letters.count])\(letters[(index / 200) % letters.count])"
            return ("X\(council + 1) \(inward)", index / 5)
        }
    }

    static func wardCode(council: Int, ward: Int) -> String {
        String(format: "E05%06d", 100_000 + council * wardsPerCouncil + ward)
    }

    func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
    func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }
    func number(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    func ago(_ days: Int) -> Date { today.addingTimeInterval(-Double(days) * 86_400) }

    /// `ISODay.string(ago(days))`, worked out once for each number of days: the calendar's arithmetic for
    /// every conversation, step and reading was a large part of generating a person.
    var dayStrings: [String?] = []
    func day(_ days: Int) -> String {
        if days >= 0, days < dayStrings.count, let known = dayStrings[days] { return known }
        let text = ISODay.string(ago(days))
        if days >= 0, days < 10_000 {
            if days >= dayStrings.count { dayStrings += Array(repeating: nil, count: days + 1 - dayStrings.count) }
            dayStrings[days] = text
        }
        return text
    }

    /// `0…999_999` as six digits, with the zeros in front (`String(format:)` a person cost more).
    static func sixDigits(_ value: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 6 - digits.utf8.count)) + digits
    }

    /// The figures' summaries of the council being generated so far.
    var summaries = FigureSummaries.Loaded()

    /// Where the next generated id comes in order: the council's number in the top 16 bits, a count below.
    var sequence: UInt64 = 0

    /// A time-ordered id (`SeededGenerator.orderedUUID`): rows are generated in the order they are written,
    /// so each lands at the end of its key index. Random ids put every insert on a random page of indexes
    /// of millions of keys, which made the load slow down as it grew.
    func nextID() -> UUID {
        sequence += 1
        return random.orderedUUID(sequence)
    }

    /// Writes everything, calling `progress` after each chunk. Councils that exist already are left alone.
    func load(on app: Application, passwordHash: String, progress: @escaping @Sendable (String) -> Void) async throws
        -> Report
    {
        let started = Date()
        // One connection for the whole load, so dropping the indexes, writing and building them again all see
        // the same schema. Indexes are built once at the end from all the rows (see BulkLoad.dropIndexes).
        var report = try await app.db.withConnection { db in
            var report = Report()
            let setAside = try await BulkLoad.setAside(on: db)
            // Generated rows refer only to rows generated before them, so the database is spared checking each
            // reference as it goes (three lookups a conversation); CommandTests checks the references.
            try await BulkLoad.withLoadSession(on: db) {
                do {
                    try await self.write(
                        on: db, alongside: Self.secondConnection(app, besides: db), passwordHash: passwordHash,
                        report: &report, started: started, progress: progress)
                } catch {
                    try? await BulkLoad.restore(setAside, on: db)
                    throw error
                }
                progress("Building the indexes again …")
                let indexing = Date()
                try await BulkLoad.restore(setAside, on: db)
                report.indexSeconds = Date().timeIntervalSince(indexing)
            }
            // PostgreSQL plans from statistics gathered by samples: the load added millions of rows since the
            // last, so gather them now, before the summaries' rebuild and the first requests read the rows.
            let analysing = Date()
            if try db.sql.dialect.name == "postgresql" { try await db.sql.raw("ANALYZE").run() }
            report.indexSeconds += Date().timeIntervalSince(analysing)
            return report
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// On PostgreSQL, a database on another event loop's connections than `db`'s, where the next council is
    /// set up and every other chunk written while `db` writes (each loop's pool has one connection: one on
    /// `db`'s loop would wait for the load's own). Nil on SQLite, which has one writer, and with one event loop.
    static func secondConnection(_ app: Application, besides db: any Database) throws -> (any Database)? {
        guard try db.sql.dialect.name == "postgresql",
            let loop = app.eventLoopGroup.makeIterator().first(where: { $0 !== db.eventLoop })
        else { return nil }
        return app.databases.database(logger: app.logger, on: loop)
    }

    /// Sets up each council (the database's part) and writes its people a chunk at a time: the next chunk
    /// is generated, its figures' summaries worked out and its statements written out on another thread
    /// while the database runs this one or sets up the next council, so the load keeps both cores busy.
    /// Given `alongside` (PostgreSQL), the next council is set up there while `db` writes this one's rows, and
    /// every other chunk is written there while `db` writes the next.
    func write(
        on db: any Database, alongside: (any Database)? = nil, passwordHash: String, report: inout Report,
        started: Date, progress: (String) -> Void
    ) async throws {
        let perCouncil = max(1, plan.people / max(plan.councils, 1))
        struct Chunk: Sendable {
            let slug: String
            let council: Council.ID
            let councilIndex: Int
            let wards: [(Ward, StaffMember.ID, [String])]
            let first: Int
            let count: Int
            let of: Int
        }
        var chunks: [Chunk] = []
        var nextCouncil = 0
        var setUpSeconds = Date().timeIntervalSince(started)
        /// A council set up: it and its wards, or nil when it was loaded already.
        typealias SetUp = (council: Council, wards: [(Ward, StaffMember.ID, [String])])?
        @Sendable func setUpOne(_ index: Int, on database: any Database) async throws -> SetUp {
            guard try await Stores(database).councils.find(slug: Self.slug(index)) == nil else { return nil }
            return try await self.setUp(index, on: database, passwordHash: passwordHash)
        }
        // The council being set up meanwhile on `alongside`.
        var ahead: (index: Int, task: Task<SetUp, any Error>)? = nil
        /// Sets up the next council not yet loaded (or waits for the one being set up) and adds its chunks;
        /// false when none is left. The time counted is the time the load waited for it.
        func setUpNext() async throws -> Bool {
            while true {
                let waiting = Date()
                let index: Int
                let made: SetUp
                if let (own, task) = ahead {
                    ahead = nil
                    (index, made) = (own, try await task.value)
                } else if nextCouncil < plan.councils {
                    index = nextCouncil
                    nextCouncil += 1
                    made = try await setUpOne(index, on: db)
                } else {
                    return false
                }
                setUpSeconds += Date().timeIntervalSince(waiting)
                if let alongside, nextCouncil < plan.councils {
                    let next = nextCouncil
                    nextCouncil += 1
                    ahead = (next, Task { try await setUpOne(next, on: alongside) })
                }
                let slug = Self.slug(index)
                guard let (council, wards) = made else {
                    progress("\(slug) is already loaded; left as it is.")
                    continue
                }
                let people = index == plan.councils - 1 ? plan.people - perCouncil * (plan.councils - 1) : perCouncil
                for first in stride(from: 0, to: people, by: plan.chunk) {
                    chunks.append(
                        Chunk(
                            slug: slug, council: council.id, councilIndex: index, wards: wards, first: first,
                            count: min(plan.chunk, people - first), of: people))
                }
                return true
            }
        }
        let postgres = try db.sql.dialect.name != "sqlite"
        // A chunk generated, with its figures' summaries worked out: made one chunk at a time, in order (the
        // generator and the council's totals carry on from one chunk to the next).
        struct Generated: Sendable {
            let history: BulkLoad.History
            let council: Council.ID
            let figures: [BulkLoad.Rows]
            let summarySeconds: Double
        }
        // The figures' summaries are worked out from the rows as they are generated (the load set their
        // triggers aside): each chunk's people's parts go in with its rows, the council's totals with its last.
        @Sendable func generated(_ chunk: Chunk) -> Generated {
            if chunk.first == 0 {
                sequence = UInt64(chunk.councilIndex + 1) << 32
                summaries.startCouncil()
            }
            let history = self.generate(chunk.count, from: chunk.first, council: chunk.council, wards: chunk.wards)
            let working = Date()
            var figures = [summaries.add(history, councilID: chunk.council)]
            if chunk.first + chunk.count == chunk.of { figures.append(summaries.summaries(councilID: chunk.council)) }
            return Generated(
                history: history, council: chunk.council, figures: figures,
                summarySeconds: Date().timeIntervalSince(working))
        }
        // PostgreSQL reads the rows with COPY … FROM STDIN; SQLite through a prepared INSERT a table.
        struct Prepared: Sendable {
            var tables: [BulkLoad.Rows] = []
            var copies: [BulkLoad.Copy] = []
            let rows: Int
            let conversations: Int
            let summarySeconds: Double
        }
        // A pure function of the generated chunk, so it runs beside the next chunk's generation.
        @Sendable func render(_ generated: Generated) -> Prepared {
            var prepared = Prepared(
                rows: generated.history.rowCount, conversations: generated.history.conversations.count,
                summarySeconds: generated.summarySeconds)
            if postgres {
                prepared.copies =
                    BulkLoad.copies(generated.history, councilID: generated.council)
                    + BulkLoad.copies(generated.figures)
            } else {
                prepared.tables = BulkLoad.tables(generated.history, councilID: generated.council) + generated.figures
            }
            return prepared
        }
        // Three stages at once, so the load keeps both cores busy: while the database writes chunk i (or sets
        // up the next council), chunk i + 1's statements are written out and chunk i + 2 is generated.
        // On PostgreSQL, the chunk being written on the second connection meanwhile.
        var secondCopy: (Chunk, Prepared, Task<Void, any Error>)? = nil
        do {
            while chunks.count < 2, try await setUpNext() {}
            report.setUpSeconds = setUpSeconds
            let setUpBefore = setUpSeconds
            guard let firstChunk = chunks.first else { return }
            let writing = Date()
            // One chunk is generated at a time: the generator carries on from one to the next.
            let first = await Task.detached { generated(firstChunk) }.value
            var rendering = Task.detached { render(first) }
            var generating: Task<Generated, Never>? = nil
            if chunks.count > 1 {
                let next = chunks[1]
                generating = Task.detached { generated(next) }
            }
            /// Counts a chunk written, and says so.
            func account(_ chunk: Chunk, _ ready: Prepared) {
                report.people += chunk.count
                report.conversations += ready.conversations
                report.rows += ready.rows
                report.summarySeconds += ready.summarySeconds
                report.seconds = Date().timeIntervalSince(started)
                report.setUpSeconds = setUpSeconds
                report.writeSeconds = Date().timeIntervalSince(writing) - (setUpSeconds - setUpBefore)
                progress(
                    "\(chunk.slug): \(chunk.first + chunk.count) of \(chunk.of) people; \(report.rows) rows in all, \(report.rowsPerSecond) rows/s"
                )
            }
            var index = 0
            while index < chunks.count {
                let chunk = chunks[index]
                let ready = await rendering.value
                if let next = generating {
                    let made = await next.value
                    rendering = Task.detached { render(made) }
                    generating = nil
                    while index + 2 >= chunks.count, try await setUpNext() {}
                    if index + 2 < chunks.count {
                        let after = chunks[index + 2]
                        generating = Task.detached { generated(after) }
                    }
                }
                if postgres, let alongside, index % 2 == 1 {
                    // Every other chunk on the second connection, while the next is written on this one: one
                    // server process reading COPY was the load's limit. Counted when it has been written.
                    let copies = ready.copies
                    secondCopy = (
                        chunk, ready, Task { try await Self.copy(copies, council: chunk.council, on: alongside) }
                    )
                    index += 1
                    continue
                }
                if postgres {
                    try await BulkLoad(db, councilID: chunk.council).copy(ready.copies)
                } else {
                    try await BulkLoad(db, councilID: chunk.council).insert(ready.tables)
                }
                if let (written, its, task) = secondCopy {
                    secondCopy = nil
                    try await task.value
                    account(written, its)
                }
                account(chunk, ready)
                index += 1
            }
            if let (written, its, task) = secondCopy {
                secondCopy = nil
                try await task.value
                account(written, its)
            }
        } catch {
            // Nothing else writes once this returns: the load then puts back what it set aside.
            ahead?.task.cancel()
            secondCopy?.2.cancel()
            _ = try? await ahead?.task.value
            _ = try? await secondCopy?.2.value
            throw error
        }
    }

    /// Writes a chunk's COPY data on `database` (PostgreSQL's second connection), in the load's session
    /// (`BulkLoad.withLoadSession`, put back after).
    static func copy(_ copies: [BulkLoad.Copy], council: Council.ID, on database: any Database) async throws {
        try await database.withConnection { connection in
            try await BulkLoad.withLoadSession(on: connection) {
                try await BulkLoad(connection, councilID: council).copy(copies)
            }
        }
    }

    /// The council, its wards (each with its coordinator) and its postcodes.
    func setUp(_ index: Int, on db: any Database, passwordHash: String) async throws -> (
        Council, [(Ward, StaffMember.ID, [String])]
    ) {
        try await db.transaction { db in
            let council = try await Stores(db).councils.create(
                slug: Self.slug(index), name: "Scale Council \(index + 1)")
            try await Stores(db).councils.setNetworkSharing(true, annualInvestmentPence: 50_000_000, for: council.id)
            let staff = Stores(db).staff
            let store = try Stores(db, council: council.id).wards
            let postcodes = Self.postcodes(council: index)
            try await Stores(db).postcodes.load(
                try PostcodeDirectory.parse(
                    "pcds,osward\n"
                        + postcodes.map { "\($0.postcode),\(Self.wardCode(council: index, ward: $0.ward))" }.joined(
                            separator: "\n") + "\n"))
            try await staff.create(
                councilID: council.id, email: "leader@\(Self.slug(index)).example", name: "Scale team leader",
                role: .teamLeader, passwordHash: passwordHash)
            var wards: [(Ward, StaffMember.ID, [String])] = []
            for number in 0..<Self.wardsPerCouncil {
                let coordinator = try await staff.create(
                    councilID: council.id, email: "coordinator\(number + 1)@\(Self.slug(index)).example",
                    name: "Coordinator \(number + 1)", role: .coordinator, passwordHash: passwordHash)
                let ward = try await store.create(
                    code: Self.wardCode(council: index, ward: number), name: "Ward \(number + 1)")
                try await store.assign(ward.id, to: coordinator.id, by: nil, at: self.ago(800))
                wards.append((ward, coordinator.id, postcodes.filter { $0.ward == number }.map(\.postcode)))
            }
            // A community directory like the demo council's: groups, services and their schedules in each ward.
            var directory = DemoDirectory(
                councilID: council.id,
                wards: wards.map { ward, _, codes in
                    (
                        ward.code, ward.name,
                        codes.compactMap(Postcode.init).map {
                            PostcodeDirectory.Entry(postcode: $0, wardCode: ward.code)
                        }
                    )
                }, today: self.today)
            _ = try await directory.load(on: db)
            return (council, wards)
        }
    }

    /// `count` people (numbered from `first` in their council) with their histories.
    func generate(
        _ count: Int, from first: Int, council: Council.ID, wards: [(Ward, StaffMember.ID, [String])]
    ) -> BulkLoad.History {
        var history = BulkLoad.History()
        let conversationsPerPerson = Double(plan.conversations) / Double(max(plan.people, 1))
        for offset in 0..<count {
            let index = first + offset
            let (ward, coordinator, postcodes) = wards[index % wards.count]
            let id = Person.ID(nextID())
            let started = number(5...1_400)
            let ended = started > 500 && chance(60)
            let level: SupportLevel = chance(15) ? .one : .two
            var person = Person(
                id: id, councilID: council,
                fullName: "\(pick(DemoPeople.firstNames)) \(pick(DemoPeople.surnames))", preferredName: "",
                dateOfBirth: nil, phone: "07700 " + Self.sixDigits(index % 1_000_000),
                email: "", contactPreference: nil, address: "\(number(1...200)) \(pick(DemoPeople.streets))",
                postcode: pick(postcodes), wardID: ward.id, ownWords: "",
                categories: [pick(ReportingCategory.allCases)],
                level: level, stage: .introduced, createdAt: ago(started))
            person.coordinatorID = coordinator
            let stage: JourneyStage =
                ended
                ? .ended : pick([.introduced, .gettingToKnow, .walkingAlongside, .walkingAlongside, .stayingConnected])
            person.stage = stage
            if ended { person.endReason = pick(EndReason.allCases) }
            history.introductions.append(
                (
                    Introduction(
                        id: .init(nextID()), personID: id, source: pick(IntroductionSource.allCases),
                        introducerName: "", introducerContact: "", whatMatters: pick(DemoPeople.visions),
                        receivedAt: ago(started), viaPublicPage: false, routeNote: "coordinator:" + ward.name), nil
                ))
            history.events.append((id, "stage", nil, stage.rawValue, nil, nil, ago(max(started - 10, 1))))
            // Conversations: on average as asked, spread from the start to lately.
            let whole = Int(conversationsPerPerson)
            let conversations =
                whole + (Double(number(0...999)) / 1000 < conversationsPerPerson - Double(whole) ? 1 : 0)
            var last: Date? = nil
            for number in 0..<conversations {
                let daysAgo = max(1, started - (started * number) / max(conversations, 1))
                let when = ago(daysAgo)
                last = max(last ?? when, when)
                history.conversations.append(
                    Conversation(
                        id: .init(nextID()), personID: id, staffID: coordinator, staffName: "",
                        happenedOn: day(daysAgo), minutes: 45, place: .home, whoWasThere: "",
                        notes: pick(DemoPeople.topics), level: level, about: "", shared: ""))
                history.conversationDates.append(when)
            }
            person.lastContactAt = last
            if level == .two {
                history.steps.append(
                    (
                        Step(
                            id: .init(nextID()), personID: id, what: pick(DemoPeople.stepTexts).0, who: "Them",
                            dueOn: day(max(started / 2, 1)), doneAt: chance(50) ? ago(1) : nil),
                        createdAt: ago(started)
                    ))
                let answers = (0..<7).map { _ in self.number(2...4) }
                history.measures.append(
                    MeasureReading(
                        id: .init(nextID()), personID: id, kind: .swemwbs, takenOn: day(started),
                        answers: answers, declined: false))
                if started > 120 {
                    history.measures.append(
                        MeasureReading(
                            id: .init(nextID()), personID: id, kind: .swemwbs,
                            takenOn: day(started / 3), answers: answers.map { min($0 + 1, 5) },
                            declined: false))
                }
                if chance(30) {
                    history.outcomes.append(
                        RecordedOutcome(
                            id: .init(nextID()), personID: id, kind: pick(RecordedOutcome.Kind.allCases),
                            happenedOn: day(max(started / 2, 1)), otherwise: "", confidence: .medium))
                }
            }
            history.people.append(person)
        }
        return history
    }
}
