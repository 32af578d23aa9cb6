import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Writes many generated records at once (the demo council, benchmark data), in batches, in one
/// transaction. Only for data Alongside makes itself: nothing here is validated.
public struct BulkLoad: Sendable {
    public struct History: Sendable {
        public var people: [Person] = []
        public var introductions: [(Introduction, recordedBy: StaffMember.ID?)] = []
        /// Person, kind ("stage" or "coordinator"), from, to, reason, staff, at.
        public var events: [(Person.ID, String, String?, String?, String?, StaffMember.ID?, Date)] = []
        public var conversations: [Conversation] = []
        public var conversationDates: [Date] = []
        public var visions: [(Person.ID, GoodLifeVision)] = []
        public var steps: [(Step, createdAt: Date)] = []
        public var peopleInLife: [PersonInLife] = []
        public var measures: [MeasureReading] = []
        public var outcomes: [RecordedOutcome] = []

        public init() {}

        /// Every row `write` will insert.
        public var rowCount: Int {
            people.count + introductions.count + events.count + conversations.count + visions.count + steps.count
                + peopleInLife.count + measures.count + outcomes.count
        }
    }

    let database: any Database
    let councilID: Council.ID

    public init(_ database: any Database, councilID: Council.ID) {
        self.database = database
        self.councilID = councilID
    }

    /// The tables `write` fills.
    public static let tables = [
        "people", "introductions", "journey_events", "conversations", "good_lives", "steps", "people_in_life",
        "measures", "outcomes",
    ]

    /// An index taken away for a bulk load, with the statement that builds it again.
    public struct SavedIndex: Sendable {
        let name: String
        let create: String
    }

    /// Drops the secondary indexes of `tables` (not unique ones, which keep their constraints), for loading millions of rows into a deployment not yet
    /// in use: building an index once from all the rows is far cheaper than keeping it up to date row by
    /// row. Give what it returns to `restore` afterwards, whatever happens.
    public static func dropIndexes(on database: any Database, tables: [String] = BulkLoad.tables) async throws
        -> [SavedIndex]
    {
        let sql = try database.sql
        var saved: [SavedIndex] = []
        for table in tables {
            let rows =
                sql.dialect.name == "sqlite"
                ? try await sql.raw(
                    "SELECT name, sql AS definition FROM sqlite_master WHERE type = 'index' AND tbl_name = \(bind: table) AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'"
                ).all()
                : try await sql.raw(
                    "SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE schemaname = current_schema() AND tablename = \(bind: table) AND indexdef NOT LIKE 'CREATE UNIQUE%'"
                ).all()
            for row in rows {
                saved.append(
                    SavedIndex(
                        name: try row.decode(column: "name", as: String.self),
                        create: try row.decode(column: "definition", as: String.self)))
            }
        }
        for index in saved { try await sql.raw("DROP INDEX \(ident: index.name)").run() }
        return saved
    }

    /// Switches the database's checks of references on or off for this connection (outside a transaction).
    /// Only around loads of rows Alongside generated itself, whose references are right by construction.
    /// SQLite: `PRAGMA foreign_keys`. PostgreSQL checks references with triggers, which only a superuser may
    /// set aside (`session_replication_role`); for any other role the checks stay on and this does nothing.
    public static func checkForeignKeys(_ on: Bool, on database: any Database) async throws {
        let sql = try database.sql
        guard sql.dialect.name != "sqlite" else {
            try await sql.raw("PRAGMA foreign_keys = \(unsafeRaw: on ? "ON" : "OFF")").run()
            return
        }
        let superuser = try await sql.raw("SELECT rolsuper AS s FROM pg_roles WHERE rolname = current_user").first()?
            .decode(column: "s", as: Bool.self)
        guard superuser == true else { return }
        try await sql.raw("SET session_replication_role = \(unsafeRaw: on ? "DEFAULT" : "replica")").run()
    }

    /// Builds the indexes `dropIndexes` took away.
    public static func restore(_ indexes: [SavedIndex], on database: any Database) async throws {
        let sql = try database.sql
        for index in indexes { try await sql.raw("\(unsafeRaw: index.create)").run() }
    }

    /// Sets aside the triggers that mark people for the figures' summaries (`FigureSummaries`) for a bulk
    /// load, which rebuilds the summaries once at the end instead: on SQLite they are dropped (give what
    /// this returns to `restore`), on PostgreSQL disabled until `restore` runs with what this returns.
    public static func suspendFigureTriggers(on database: any Database) async throws -> [SavedIndex] {
        let sql = try database.sql
        if sql.dialect.name == "sqlite" {
            let saved = try await sql.raw(
                "SELECT name, sql AS definition FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'figure_pending_%'"
            ).all().map {
                SavedIndex(
                    name: try $0.decode(column: "name", as: String.self),
                    create: try $0.decode(column: "definition", as: String.self))
            }
            for trigger in saved { try await sql.raw("DROP TRIGGER \(ident: trigger.name)").run() }
            return saved
        }
        let rows = try await sql.raw(
            "SELECT t.tgname AS name, c.relname AS tbl FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname LIKE 'figure_pending_%' AND NOT t.tgisinternal"
        ).all()
        var saved: [SavedIndex] = []
        for row in rows {
            let name = try row.decode(column: "name", as: String.self)
            let table = try row.decode(column: "tbl", as: String.self)
            try await sql.raw("ALTER TABLE \(ident: table) DISABLE TRIGGER \(ident: name)").run()
            saved.append(SavedIndex(name: name, create: "ALTER TABLE \"\(table)\" ENABLE TRIGGER \"\(name)\""))
        }
        return saved
    }

    /// Writes the history in one transaction, 1,000 rows a statement (or `batchSize`).
    public func write(_ history: History, batchSize: Int = 1_000) async throws {
        let postgres = try database.sql.dialect.name != "sqlite"
        try await run(Self.statements(history, councilID: councilID, postgres: postgres, batchSize: batchSize))
    }

    /// Runs statements from `statements` in one transaction.
    public func run(_ statements: [String]) async throws {
        try await database.transaction { db in
            let sql = try db.sql
            if sql.dialect.name == "sqlite" {
                // A larger page cache for this connection keeps the indexes' pages being written in memory
                // instead of spilling them to the WAL again and again.
                try await sql.raw("PRAGMA cache_size = -262144").run()
            }
            for text in statements { try await sql.raw("\(unsafeRaw: text)").run() }
        }
    }

    /// The INSERT statements that write the history, `batchSize` rows a statement. A pure function, so a
    /// loader can write out the next batch's statements on another thread while the database runs these.
    public static func statements(
        _ history: History, councilID: Council.ID, postgres: Bool, batchSize: Int = 1_000
    ) -> [String] {
        let council = councilID.uuid
        var statements: [String] = []
        // Rows the history gives no id (journey events, visions) get time-ordered ones (like UUID version
        // 7: the millisecond first), so they too go in at the end of their key index.
        var generator = SeededGenerator(seed: UInt64.random(in: .min ... .max))
        func newID() -> UUID { generator.orderedUUID(UInt64(Date().timeIntervalSince1970 * 1_000)) }
        // Rows go in as SQL literals, many rows a statement: binding every value through SQLKit's
        // Encodable path cost more than SQLite's own work (seen with perf on the scale generator).
        // Every value is Alongside's own and rendered by `BulkValue`, strings quoted and escaped.
        func insert(_ table: String, _ columns: [String], _ rows: [[any BulkValue]]) {
            let head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
            for start in stride(from: 0, to: rows.count, by: batchSize) {
                var text = head
                text.reserveCapacity(batchSize * columns.count * 24)
                for (index, row) in rows[start..<min(start + batchSize, rows.count)].enumerated() {
                    text += index == 0 ? "(" : ", ("
                    for (column, value) in row.enumerated() {
                        if column > 0 { text += ", " }
                        value.appendLiteral(to: &text, postgres: postgres)
                    }
                    text += ")"
                }
                statements.append(text)
            }
        }
        insert(
            "people",
            [
                "id", "council_id", "full_name", "name_key", "preferred_name", "date_of_birth", "age_band", "phone",
                "phone_digits",
                "email", "contact_preference", "address", "postcode", "ward_id", "household", "own_words",
                "categories",
                "level", "stage", "end_reason", "coordinator_id", "queue_reason", "created_at", "last_contact_at",
                "next_step_due", "merged_into_id",
            ],
            history.people.map { p in
                [
                    p.id.uuid, council, p.fullName, DuplicateCheck.normalisedName(p.fullName), p.preferredName,
                    p.dateOfBirth, p.ageBand, p.phone,
                    Person.normalisedPhone(p.phone), p.email.lowercased(), p.contactPreference?.rawValue, p.address,
                    p.postcode, p.wardID?.uuid, p.household, p.ownWords,
                    p.categories.map(\.rawValue).joined(separator: ","), p.level.rawValue, p.stage.rawValue,
                    p.endReason?.rawValue, p.coordinatorID?.uuid, p.queueReason, p.createdAt, p.lastContactAt,
                    p.nextStepDue, Optional<UUID>.none as UUID?,
                ]
            })
        insert(
            "introductions",
            [
                "id", "council_id", "person_id", "source", "introducer_name", "introducer_contact", "what_matters",
                "received_at", "via_public_page", "route_note", "recorded_by_id",
            ],
            history.introductions.map { i, by in
                [
                    i.id.uuid, council, i.personID.uuid, i.source.rawValue, i.introducerName, i.introducerContact,
                    i.whatMatters, i.receivedAt, i.viaPublicPage, i.routeNote, by?.uuid,
                ]
            })
        insert(
            "journey_events",
            ["id", "council_id", "person_id", "kind", "from_value", "to_value", "reason", "staff_id", "at"],
            history.events.map { e in [newID(), council, e.0.uuid, e.1, e.2, e.3, e.4, e.5?.uuid, e.6] })
        insert(
            "conversations",
            [
                "id", "council_id", "person_id", "staff_id", "happened_on", "minutes", "place", "who_was_there",
                "notes",
                "level", "about", "shared", "created_at",
            ],
            zip(history.conversations, history.conversationDates).map { c, at in
                [
                    c.id.uuid, council, c.personID.uuid, c.staffID.uuid, c.happenedOn, c.minutes, c.place.rawValue,
                    c.whoWasThere, c.notes, c.level.rawValue, c.about, c.shared, at,
                ]
            })
        insert(
            "good_lives",
            [
                "id", "council_id", "person_id", "vision", "strengths", "gifts_and_interests", "what_matters",
                "updated_at", "updated_by_id",
            ],
            history.visions.map { id, v in
                [
                    newID(), council, id.uuid, v.vision, v.strengths, v.giftsAndInterests, v.whatMatters,
                    v.updatedAt ?? Date(), Optional<UUID>.none as UUID?,
                ]
            })
        insert(
            "steps", ["id", "council_id", "person_id", "what", "who", "due_on", "done_at", "created_at"],
            history.steps.map { s, created in
                [s.id.uuid, council, s.personID.uuid, s.what, s.who, s.dueOn, s.doneAt, created]
            })
        insert(
            "people_in_life", ["id", "council_id", "person_id", "name", "kind", "closeness", "note", "added_at"],
            history.peopleInLife.map { p in
                [
                    p.id.uuid, council, p.personID.uuid, p.name, p.kind.rawValue, p.closeness.rawValue, p.note,
                    p.addedAt,
                ]
            })
        let created = Date()
        insert(
            "measures",
            [
                "id", "council_id", "person_id", "kind", "taken_on", "answers", "declined", "score_hundredths",
                "recorded_by_id", "created_at",
            ],
            history.measures.map { m in
                [
                    m.id.uuid, council, m.personID.uuid, m.kind.rawValue, m.takenOn,
                    m.answers.map(String.init).joined(separator: ","), m.declined, m.headlineHundredths,
                    Optional<UUID>.none as UUID?, created,
                ]
            })
        insert(
            "outcomes",
            [
                "id", "council_id", "person_id", "kind", "happened_on", "otherwise", "confidence", "recorded_by_id",
                "created_at",
            ],
            history.outcomes.map { o in
                [
                    o.id.uuid, council, o.personID.uuid, o.kind.rawValue, o.happenedOn, o.otherwise,
                    o.confidence.rawValue,
                    Optional<UUID>.none as UUID?, created,
                ]
            })
        return statements
    }
}

/// A value BulkLoad writes as an SQL literal: text quoted with `'` doubled, numbers as they are, UUIDs
/// as text (SQLite, as its driver stores them) or uuid literals (PostgreSQL), dates as seconds since 1970
/// (SQLite's storage) or `to_timestamp` (PostgreSQL), booleans as 1/0 or true/false, nil as NULL.
public protocol BulkValue: Sendable {
    func appendLiteral(to text: inout String, postgres: Bool)
}

extension String: BulkValue {
    public func appendLiteral(to text: inout String, postgres: Bool) {
        text += "'"
        // A scan of the bytes: Foundation's `contains` took a tenth of a scale load (perf).
        text += utf8.contains(UInt8(ascii: "'")) ? replacingOccurrences(of: "'", with: "''") : self
        text += "'"
    }
}

extension Int: BulkValue {
    public func appendLiteral(to text: inout String, postgres: Bool) { text += String(self) }
}

extension Bool: BulkValue {
    public func appendLiteral(to text: inout String, postgres: Bool) {
        text += postgres ? (self ? "true" : "false") : (self ? "1" : "0")
    }
}

extension UUID: BulkValue {
    public func appendLiteral(to text: inout String, postgres: Bool) {
        text += "'"
        text += self.text
        text += "'"
    }
}

extension Date: BulkValue {
    public func appendLiteral(to text: inout String, postgres: Bool) {
        let seconds = String(timeIntervalSince1970)
        text += postgres ? "to_timestamp(\(seconds))" : seconds
    }
}

extension Optional: BulkValue where Wrapped: BulkValue {
    public func appendLiteral(to text: inout String, postgres: Bool) {
        if let value = self { value.appendLiteral(to: &text, postgres: postgres) } else { text += "NULL" }
    }
}
