import AlongsideCore
import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import NIOCore
import NIOPosix
import PostgresNIO
import SQLKit
import VaporCSQLite

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
        /// When the measures and outcomes are recorded (their `created_at`).
        public var recordedAt = Date()
        /// Where the ids of the rows the history gives none (journey events, visions) come from, so they are
        /// known before they are written (`madeIDs`).
        var idSeed = UInt64.random(in: .min ... .max)

        public init() {}

        /// The ids the rows without one (journey events, then visions) are written with: time-ordered (like
        /// UUID version 7, the millisecond first), so they too go in at the end of their key index.
        func madeIDs() -> (events: [UUID], visions: [UUID]) {
            var generator = SeededGenerator(seed: idSeed)
            let millisecond = UInt64(recordedAt.timeIntervalSince1970 * 1_000)
            let events = events.map { _ in generator.orderedUUID(millisecond) }
            let visions = visions.map { _ in generator.orderedUUID(millisecond) }
            return (events, visions)
        }

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

    /// How a SQLite connection wrote before `quickWrites`, to put back afterwards.
    public struct WriteSettings: Sendable {
        let journalMode: String?
        let synchronous: Int?
    }

    /// For a load of generated rows into a deployment not yet in use, on this connection (outside a
    /// transaction): on SQLite, the rollback journal kept in memory instead of the WAL, where SQLite allows
    /// the change (no other connection open), so each page is written once rather than to the WAL and again
    /// at the checkpoint; no waiting for the disk at each commit (`synchronous = OFF`); and a helper thread
    /// for the sorts that build the indexes at the end (`threads = 1`). A crash during the load can then
    /// lose the file: load into a fresh database, as the benchmarks do. On PostgreSQL, for the session: no
    /// waiting for the WAL at each commit, memory for the index builds, and long values compressed by LZ4. Give what it returns to
    /// `restoreWrites` afterwards, whatever happens.
    public static func quickWrites(on database: any Database) async throws -> WriteSettings {
        let sql = try database.sql
        guard sql.dialect.name == "sqlite" else {
            // PostgreSQL, for this session: a commit does not wait for its WAL to reach the disk (a crash loses
            // the last chunks, never leaves them half written), and the index builds at the end sort in memory
            // (64 MB by default made them sort on disk at a million people).
            try await sql.raw("SET synchronous_commit = off").run()
            try await sql.raw("SET maintenance_work_mem = '1GB'").run()
            // Long values (a person's part of the figures, some 2.6 KB) compressed by LZ4 rather than pglz,
            // which was a tenth of the server's time in a million people's COPY; values are read back alike
            // whichever compressed them. A server built without LZ4 refuses, and keeps pglz.
            _ = try? await sql.raw("SET default_toast_compression = lz4").run()
            return WriteSettings(journalMode: nil, synchronous: nil)
        }
        let journal = try await sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
        let synchronous = try await sql.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self)
        // Refused (busy, or the mode kept) while another connection has the file open: then the WAL stays.
        _ = try? await sql.raw("PRAGMA journal_mode = MEMORY").all()
        try await sql.raw("PRAGMA synchronous = OFF").run()
        try await sql.raw("PRAGMA threads = 1").run()
        // The sorts that build the indexes spill to memory rather than temporary files.
        try await sql.raw("PRAGMA temp_store = MEMORY").run()
        return WriteSettings(journalMode: journal, synchronous: synchronous)
    }

    /// Puts back what `quickWrites` changed.
    public static func restoreWrites(_ settings: WriteSettings, on database: any Database) async throws {
        let sql = try database.sql
        guard sql.dialect.name == "sqlite" else {
            try await sql.raw("RESET synchronous_commit").run()
            try await sql.raw("RESET maintenance_work_mem").run()
            // Refused where `quickWrites` could not set it (a server before 14 has no such setting).
            _ = try? await sql.raw("RESET default_toast_compression").run()
            return
        }
        if let mode = settings.journalMode, ["wal", "delete", "truncate", "persist", "memory"].contains(mode) {
            try await sql.raw("PRAGMA journal_mode = \(unsafeRaw: mode.uppercased())").run()
        }
        if let level = settings.synchronous, (0...3).contains(level) {
            try await sql.raw("PRAGMA synchronous = \(unsafeRaw: String(level))").run()
        }
        try await sql.raw("PRAGMA threads = 0").run()
        try await sql.raw("PRAGMA temp_store = DEFAULT").run()
    }

    /// Everything a load of generated rows sets aside on this connection before it writes: the secondary
    /// indexes (`dropIndexes`), the figures' triggers (`suspendFigureTriggers`) and PostgreSQL's autovacuum
    /// (`suspendAutovacuum`). Give what it returns to `restore` afterwards, whatever happens; if setting one
    /// aside fails, those already set aside are put back before the error is thrown.
    public static func setAside(on database: any Database) async throws -> [SavedIndex] {
        var saved = try await dropIndexes(on: database)
        do {
            saved += try await suspendFigureTriggers(on: database)
            saved += try await suspendAutovacuum(on: database)
        } catch {
            try? await restore(saved, on: database)
            throw error
        }
        return saved
    }

    /// Runs `body` with this connection's session set for a load of generated rows (outside a transaction):
    /// references unchecked (`checkForeignKeys`) and quicker writes (`quickWrites`), both put back whatever
    /// happens, so a pooled connection goes back as the server set it. The first failure is thrown: the
    /// body's, else putting back's.
    public static func withLoadSession<T>(on database: any Database, _ body: () async throws -> T) async throws
        -> T
    {
        try await checkForeignKeys(false, on: database)
        let settings: WriteSettings
        do {
            settings = try await quickWrites(on: database)
        } catch {
            try? await checkForeignKeys(true, on: database)
            throw error
        }
        let outcome: Result<T, any Error>
        do { outcome = .success(try await body()) } catch { outcome = .failure(error) }
        var failure: (any Error)? = nil
        do { try await restoreWrites(settings, on: database) } catch { failure = error }
        do { try await checkForeignKeys(true, on: database) } catch { failure = failure ?? error }
        let value = try outcome.get()
        if let failure { throw failure }
        return value
    }

    /// Builds the indexes `dropIndexes` took away (and puts back what `suspendFigureTriggers` and
    /// `suspendAutovacuum` set aside): every one is tried, so one that fails leaves none of the others
    /// undone; the first failure is thrown at the end.
    public static func restore(_ indexes: [SavedIndex], on database: any Database) async throws {
        let sql = try database.sql
        var failure: (any Error)? = nil
        for index in indexes {
            do {
                try await sql.raw("\(unsafeRaw: index.create)").run()
            } catch {
                if failure == nil { failure = error }
            }
        }
        if let failure { throw failure }
    }

    /// On PostgreSQL, keeps autovacuum off the load's tables until `restore` runs with what this returns: it
    /// otherwise starts on the tables being filled, spends the load's CPU on pages about to change again, and
    /// holds up each index build at the end until it is cancelled (a second each). The load gathers its
    /// statistics itself at the end (`ANALYZE`). A table whose autovacuum an operator set is left as it is
    /// (so is one a load killed midway left off: `ALTER TABLE … RESET (autovacuum_enabled)` gives it back).
    /// If one table refuses, those already set aside are given back before the error is thrown. Nothing on
    /// SQLite.
    public static func suspendAutovacuum(
        on database: any Database, tables: [String] = BulkLoad.tables + ["figure_contributions", "figure_summaries"]
    ) async throws -> [SavedIndex] {
        let sql = try database.sql
        guard sql.dialect.name == "postgresql" else { return [] }
        var saved: [SavedIndex] = []
        for table in tables {
            let options = try await sql.raw(
                "SELECT array_to_string(reloptions, ',') AS options FROM pg_class WHERE oid = to_regclass(\(bind: table))"
            ).first()?.decode(column: "options", as: String?.self)
            guard options?.contains("autovacuum_enabled") != true else { continue }
            do {
                try await sql.raw("ALTER TABLE \(ident: table) SET (autovacuum_enabled = false)").run()
            } catch {
                try? await restore(saved, on: database)
                throw error
            }
            saved.append(SavedIndex(name: table, create: "ALTER TABLE \"\(table)\" RESET (autovacuum_enabled)"))
        }
        return saved
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

    /// Writes the history in one transaction: on SQLite a prepared statement a table (`insert`), on
    /// PostgreSQL 1,000 rows a statement (or `batchSize`).
    public func write(_ history: History, batchSize: Int = 1_000) async throws {
        guard try database.sql.dialect.name != "sqlite" else {
            try await insert(Self.rows(history, councilID: councilID))
            return
        }
        try await run(Self.statements(history, councilID: councilID, postgres: true, batchSize: batchSize))
    }

    /// Every row of the history, table by table in the order references need, for `insert`. A pure
    /// function, so a loader can make the next chunk's rows on another thread while the database writes these.
    public static func tables(_ history: History, councilID: Council.ID) -> [Rows] {
        rows(history, councilID: councilID)
    }

    /// Runs statements from `statements` in one transaction.
    public func run(_ statements: [String]) async throws {
        try await database.change { db in
            let sql = try db.sql
            guard sql.dialect.name == "sqlite" else {
                for text in statements { try await sql.raw("\(unsafeRaw: text)").run() }
                return
            }
            try await Self.withLoadCache(sql) {
                for text in statements { try await sql.raw("\(unsafeRaw: text)").run() }
            }
        }
    }

    /// Runs `body` with a 256 MB page cache on this SQLite connection, which keeps the indexes' pages being
    /// written in memory instead of spilling them to the WAL again and again, then gives the connection back
    /// the cache it had: it returns to the server's pool (`serve --demo` seeds in the serving process).
    static func withLoadCache(_ sql: any SQLDatabase, _ body: () async throws -> Void) async throws {
        let own = try await sql.raw("PRAGMA cache_size").first()?.decode(column: "cache_size", as: Int.self)
        try await sql.raw("PRAGMA cache_size = -262144").run()
        do {
            try await body()
        } catch {
            if let own { try? await sql.raw("PRAGMA cache_size = \(unsafeRaw: String(own))").run() }
            throw error
        }
        if let own { try await sql.raw("PRAGMA cache_size = \(unsafeRaw: String(own))").run() }
    }

    /// Writes `tables` in one transaction. On SQLite through one prepared statement a table, each row's
    /// values bound and the statement stepped: no SQL text written out for every row and parsed again by
    /// SQLite (parsing 1,000-row INSERTs was a quarter to a third of a scale load's samples). The statements
    /// run on the connection the transaction holds, on a thread of NIO's pool, as SQLiteNIO runs its own.
    /// Where SQLiteNIO's handle cannot be reached (`sqliteHandle`), and on PostgreSQL, as INSERT statements.
    public func insert(_ tables: [Rows]) async throws {
        guard try database.sql.dialect.name == "sqlite" else {
            try await run(Self.statements(tables, postgres: true))
            return
        }
        try await database.change { db in
            let sql = try db.sql
            try await Self.withLoadCache(sql) {
                let stepped =
                    try await (db as? any SQLiteDatabase)?.withConnection { connection -> Bool in
                        guard let handle = Self.sqliteHandle(connection) else { return false }
                        try await NIOThreadPool.singleton.runIfActive { try Self.step(tables, on: handle) }
                        return true
                    } ?? false
                if !stepped {
                    for text in Self.statements(tables, postgres: false) {
                        try await sql.raw("\(unsafeRaw: text)").run()
                    }
                }
            }
        }
    }

    /// An open `sqlite3` handle, used only on the connection a transaction holds, one call at a time (the
    /// loader awaits each), as SQLiteNIO uses it; SQLite is built serialized, so its own mutex guards it too.
    struct SQLiteHandle: @unchecked Sendable {
        let raw: OpaquePointer
    }

    /// SQLiteNIO keeps a connection's `sqlite3` handle to itself (`SQLiteConnection.handle.raw`); it is read
    /// here by reflection, and nil if that ever changes (the loader then writes INSERT statements instead).
    static func sqliteHandle(_ connection: SQLiteConnection) -> SQLiteHandle? {
        guard let box = Mirror(reflecting: connection).children.first(where: { $0.label == "handle" })?.value,
            let raw = Mirror(reflecting: box).children.first(where: { $0.label == "raw" })?.value as? OpaquePointer
        else { return nil }
        return SQLiteHandle(raw: raw)
    }

    /// Inserts every row of `tables` through one prepared statement a table. Inside the caller's transaction.
    static func step(_ tables: [Rows], on handle: SQLiteHandle) throws {
        let db = handle.raw
        func refused(_ code: Int32) -> BulkLoadProblem {
            .sqliteRefused(code: code, message: sqlite_nio_sqlite3_errmsg(db).map { String(cString: $0) } ?? "")
        }
        for table in tables where !table.values.isEmpty {
            let text =
                "INSERT INTO \(table.table) (\(table.columns.joined(separator: ", "))) VALUES ("
                + Array(repeating: "?", count: table.columns.count).joined(separator: ", ") + ")"
            var prepared: OpaquePointer?
            let made = sqlite_nio_sqlite3_prepare_v3(db, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
            guard made == SQLITE_OK, let statement = prepared else { throw refused(made) }
            defer { sqlite_nio_sqlite3_finalize(statement) }
            var binding = BulkBinding(statement: statement)
            for row in table.values {
                binding.index = 1
                for value in row { value.bind(to: &binding) }
                guard binding.status == SQLITE_OK else { throw refused(binding.status) }
                let done = sqlite_nio_sqlite3_step(statement)
                guard done == SQLITE_DONE else { throw refused(done) }
                sqlite_nio_sqlite3_reset(statement)
            }
        }
    }

    /// One table's rows, as values `BulkValue` renders for an INSERT or a COPY.
    public struct Rows: Sendable {
        public let table: String
        public let columns: [String]
        public let values: [[any BulkValue]]
    }

    /// The INSERT statements that write the history, `batchSize` rows a statement. A pure function, so a
    /// loader can write out the next batch's statements on another thread while the database runs these.
    public static func statements(
        _ history: History, councilID: Council.ID, postgres: Bool, batchSize: Int = 1_000
    ) -> [String] {
        statements(rows(history, councilID: councilID), postgres: postgres, batchSize: batchSize)
    }

    /// The INSERT statements that write `tables`, `batchSize` rows a statement.
    public static func statements(_ tables: [Rows], postgres: Bool, batchSize: Int = 1_000) -> [String] {
        var statements: [String] = []
        // Rows go in as SQL literals, many rows a statement: binding every value through SQLKit's
        // Encodable path cost more than SQLite's own work (seen with perf on the scale generator).
        // Every value is Alongside's own and rendered by `BulkValue`, strings quoted and escaped.
        for table in tables {
            let head = "INSERT INTO \(table.table) (\(table.columns.joined(separator: ", "))) VALUES "
            let rows = table.values
            for start in stride(from: 0, to: rows.count, by: batchSize) {
                var text = head
                text.reserveCapacity(batchSize * table.columns.count * 24)
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
        return statements
    }

    /// One table's rows for PostgreSQL's `COPY … FROM STDIN` (text format: a line a row, tab between
    /// values, `\N` for NULL).
    public struct Copy: Sendable {
        public let table: String
        public let columns: [String]
        /// The rows in COPY's text format, as UTF-8.
        public let bytes: [UInt8]
        public let rows: Int
    }

    /// The history as `COPY` data, one a table. A pure function, like `statements`, so the next chunk is
    /// rendered on another thread while PostgreSQL reads this one.
    public static func copies(_ history: History, councilID: Council.ID) -> [Copy] {
        copies(rows(history, councilID: councilID))
    }

    /// `tables` as `COPY` data, one a table that has rows.
    public static func copies(_ tables: [Rows]) -> [Copy] {
        var copies: [Copy] = []
        // Bytes, not a String: each value written straight into them (a String appended to value by value,
        // and copied again into buffers, was half the generating process's time on PostgreSQL).
        for table in tables where !table.values.isEmpty {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(table.values.count * table.columns.count * 24)
            for row in table.values {
                for (column, value) in row.enumerated() {
                    if column > 0 { bytes.append(UInt8(ascii: "\t")) }
                    value.appendCopyText(to: &bytes)
                }
                bytes.append(UInt8(ascii: "\n"))
            }
            copies.append(Copy(table: table.table, columns: table.columns, bytes: bytes, rows: table.values.count))
        }
        return copies
    }

    /// Writes `copies` with `COPY … FROM STDIN` in one transaction, on PostgreSQL only: the rows go to the
    /// server as they are, with no statement to parse or plan for each batch.
    public func copy(_ copies: [Copy]) async throws {
        try await database.transaction { db in
            guard let postgres = db as? any PostgresDatabase else { throw BulkLoadProblem.notPostgreSQL }
            try await postgres.withConnection { connection in
                connection.eventLoop.makeFutureWithTask {
                    for copy in copies {
                        try await connection.copyFrom(table: copy.table, columns: copy.columns, logger: db.logger) {
                            writer in
                            // In pieces of about a megabyte, so neither side holds a chunk's rows twice over.
                            var start = 0
                            while start < copy.bytes.count {
                                let end = min(start + (1 << 20), copy.bytes.count)
                                var buffer = ByteBufferAllocator().buffer(capacity: end - start)
                                buffer.writeBytes(copy.bytes[start..<end])
                                try await writer.write(buffer)
                                start = end
                            }
                        }
                    }
                }
            }.get()
        }
    }

    /// Every row of the history, table by table in the order references need (people first), as values
    /// `BulkValue` renders for an INSERT or a COPY.
    static func rows(_ history: History, councilID: Council.ID) -> [Rows] {
        let council = councilID.uuid
        let made = history.madeIDs()
        var tables: [Rows] = []
        func insert(_ table: String, _ columns: [String], _ values: [[any BulkValue]]) {
            tables.append(Rows(table: table, columns: columns, values: values))
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
            zip(made.events, history.events).map { id, e in
                [id, council, e.0.uuid, e.1, e.2, e.3, e.4, e.5?.uuid, e.6]
            })
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
            zip(made.visions, history.visions).map { madeID, vision in
                let (id, v) = vision
                return [
                    madeID, council, id.uuid, v.vision, v.strengths, v.giftsAndInterests, v.whatMatters,
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
        let created = history.recordedAt
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
        return tables
    }
}

/// What can go wrong with a bulk load.
public enum BulkLoadProblem: Error, Sendable, Equatable {
    /// `COPY` was asked of a database that is not PostgreSQL.
    case notPostgreSQL
    /// SQLite refused a prepared insert of the load (its result code and message).
    case sqliteRefused(code: Int32, message: String)
}

/// The next parameter of a prepared SQLite statement a row's values are bound to, in column order
/// (`BulkValue.bind`); the first refusal is kept in `status`.
public struct BulkBinding {
    let statement: OpaquePointer
    var index: Int32 = 1
    var status = SQLITE_OK

    init(statement: OpaquePointer) { self.statement = statement }

    /// Copied by SQLite (`SQLITE_TRANSIENT`): the string may be gone before the statement is stepped.
    static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }

    mutating func next(_ result: Int32) {
        if result != SQLITE_OK, status == SQLITE_OK { status = result }
        index += 1
    }

    mutating func text(_ value: String) {
        var value = value
        let result = value.withUTF8 { bytes in
            sqlite_nio_sqlite3_bind_text64(
                statement, index,
                UnsafeRawPointer(bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!)
                    .assumingMemoryBound(to: CChar.self), UInt64(bytes.count), Self.transient, UInt8(SQLITE_UTF8))
        }
        next(result)
    }

    mutating func integer(_ value: Int) { next(sqlite_nio_sqlite3_bind_int64(statement, index, Int64(value))) }
    mutating func double(_ value: Double) { next(sqlite_nio_sqlite3_bind_double(statement, index, value)) }
    mutating func null() { next(sqlite_nio_sqlite3_bind_null(statement, index)) }
}

/// A value BulkLoad writes as an SQL literal: text quoted with `'` doubled, numbers as they are, UUIDs
/// as text (SQLite, as its driver stores them) or uuid literals (PostgreSQL), dates as seconds since 1970
/// (SQLite's storage) or `to_timestamp` (PostgreSQL), booleans as 1/0 or true/false, nil as NULL.
public protocol BulkValue: Sendable {
    func appendLiteral(to text: inout String, postgres: Bool)
    /// The value in `COPY`'s text format, as UTF-8: `\N` for NULL, backslash, tab, CR and LF escaped in text,
    /// dates as UTC timestamps, booleans as t/f.
    func appendCopyText(to bytes: inout [UInt8])
    /// The value bound to a prepared SQLite insert, stored as `appendLiteral` writes it for SQLite: text,
    /// integers, UUIDs as their text, dates as seconds since 1970 (a double), booleans as 1/0, nil as NULL.
    func bind(to binding: inout BulkBinding)
}

extension String: BulkValue {
    public func appendLiteral(to text: inout String, postgres: Bool) {
        text += "'"
        // A scan of the bytes: Foundation's `contains` took a tenth of a scale load (perf).
        text += utf8.contains(UInt8(ascii: "'")) ? replacingOccurrences(of: "'", with: "''") : self
        text += "'"
    }

    public func bind(to binding: inout BulkBinding) { binding.text(self) }

    public func appendCopyText(to bytes: inout [UInt8]) {
        var text = self
        text.withUTF8 { utf8 in
            guard utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 < 0x20 }) else {
                bytes.append(contentsOf: utf8)
                return
            }
            for byte in utf8 {
                let escaped: UInt8? =
                    switch byte {
                    case UInt8(ascii: "\\"): UInt8(ascii: "\\")
                    case UInt8(ascii: "\t"): UInt8(ascii: "t")
                    case UInt8(ascii: "\n"): UInt8(ascii: "n")
                    case UInt8(ascii: "\r"): UInt8(ascii: "r")
                    default: nil
                    }
                if let escaped {
                    bytes.append(UInt8(ascii: "\\"))
                    bytes.append(escaped)
                } else {
                    bytes.append(byte)
                }
            }
        }
    }
}

extension Int: BulkValue {
    public func appendLiteral(to text: inout String, postgres: Bool) { text += String(self) }
    public func appendCopyText(to bytes: inout [UInt8]) { CopyDigits.append(self, to: &bytes) }
    public func bind(to binding: inout BulkBinding) { binding.integer(self) }
}

extension Bool: BulkValue {
    public func appendLiteral(to text: inout String, postgres: Bool) {
        text += postgres ? (self ? "true" : "false") : (self ? "1" : "0")
    }

    public func appendCopyText(to bytes: inout [UInt8]) { bytes.append(UInt8(ascii: self ? "t" : "f")) }
    public func bind(to binding: inout BulkBinding) { binding.integer(self ? 1 : 0) }
}

extension UUID: BulkValue {
    public func appendLiteral(to text: inout String, postgres: Bool) {
        text += "'"
        text += self.text
        text += "'"
    }

    public func appendCopyText(to bytes: inout [UInt8]) { appendText(to: &bytes) }
    public func bind(to binding: inout BulkBinding) { binding.text(self.text) }
}

extension Date: BulkValue {
    public func appendLiteral(to text: inout String, postgres: Bool) {
        let seconds = String(timeIntervalSince1970)
        text += postgres ? "to_timestamp(\(seconds))" : seconds
    }

    public func bind(to binding: inout BulkBinding) { binding.double(timeIntervalSince1970) }

    /// `YYYY-MM-DD HH:MM:SS.ffffff+00`, to the microsecond PostgreSQL keeps (as `to_timestamp` rounds), worked
    /// out by arithmetic: a formatter a value cost more than the copy itself.
    public func appendCopyText(to bytes: inout [UInt8]) {
        let micros = Int64((timeIntervalSince1970 * 1_000_000).rounded())
        var days = micros / 86_400_000_000
        var rest = micros % 86_400_000_000
        if rest < 0 {
            rest += 86_400_000_000
            days -= 1
        }
        // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int64, _ width: Int, then separator: Unicode.Scalar?) {
            CopyDigits.append(Int(value), width: width, to: &bytes)
            if let separator { bytes.append(UInt8(ascii: separator)) }
        }
        pad(year, 4, then: "-")
        pad(month, 2, then: "-")
        pad(day, 2, then: " ")
        pad(rest / 3_600_000_000, 2, then: ":")
        pad(rest / 60_000_000 % 60, 2, then: ":")
        pad(rest / 1_000_000 % 60, 2, then: ".")
        pad(rest % 1_000_000, 6, then: nil)
        bytes.append(contentsOf: "+00".utf8)
    }
}

extension Optional: BulkValue where Wrapped: BulkValue {
    public func appendLiteral(to text: inout String, postgres: Bool) {
        if let value = self { value.appendLiteral(to: &text, postgres: postgres) } else { text += "NULL" }
    }

    public func appendCopyText(to bytes: inout [UInt8]) {
        if let value = self {
            value.appendCopyText(to: &bytes)
        } else {
            bytes.append(UInt8(ascii: "\\"))
            bytes.append(UInt8(ascii: "N"))
        }
    }

    public func bind(to binding: inout BulkBinding) {
        if let value = self { value.bind(to: &binding) } else { binding.null() }
    }
}

/// Decimal digits written straight into COPY's bytes, with zeros in front to `width`.
enum CopyDigits {
    static func append(_ value: Int, width: Int = 1, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var count = 1
        while magnitude >= 10 {
            magnitude /= 10
            count += 1
        }
        if width > count { bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - count)) }
        let end = bytes.count + count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        magnitude = value.magnitude
        var at = end - 1
        repeat {
            bytes[at] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            at -= 1
        } while magnitude > 0
    }
}
