import AlongsideCore
import AlongsideTestSupport
import Fluent
import FluentSQLiteDriver
import Foundation
import SQLKit
import Testing

@testable import AlongsideStore

/// Bulk loads of generated rows: INSERTs of many rows a statement (SQLite), `COPY … FROM STDIN`
/// (PostgreSQL), and the same rows either way.
@Suite("Bulk loads")
struct BulkLoadTests {
    /// A value as COPY's text format has it.
    static func copyText(_ value: some BulkValue) -> String {
        var bytes: [UInt8] = []
        value.appendCopyText(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func aDateGoesToCopyAsAUTCTimestampToTheMicrosecond() {
        func text(_ seconds: Double) -> String { Self.copyText(Date(timeIntervalSince1970: seconds)) }
        #expect(text(0) == "1970-01-01 00:00:00.000000+00")
        #expect(text(1_785_000_000.25) == "2026-07-25 17:20:00.250000+00")
        #expect(text(-1.5) == "1969-12-31 23:59:58.500000+00")
        #expect(text(951_782_400.000001) == "2000-02-29 00:00:00.000001+00")
    }

    @Test func copyTextEscapesWhatCopyReadsSpecially() {
        #expect(
            Self.copyText("Tab\there\nnew line\\ back\rslash O'Brien Siân")
                == "Tab\\there\\nnew line\\\\ back\\rslash O'Brien Siân")
        #expect(Self.copyText("Siân") == "Siân")
        #expect(Self.copyText(Optional<String>.none) == "\\N")
        #expect(Self.copyText(true) + Self.copyText(false) == "tf")
    }

    @Test func numbersAndIdsGoToCopyAsTheirText() {
        for number in [0, 7, 10, 45, 1_000_000, -3, -120, Int.max, Int.min] {
            #expect(Self.copyText(number) == String(number))
        }
        let id = UUID()
        #expect(Self.copyText(id) == id.uuidString)
        #expect(Self.copyText(Optional(id)) == id.text)
    }

    /// PostgreSQL's autovacuum is kept off the tables a load fills, and given back after; an operator's own
    /// setting is left alone. SQLite has none.
    @Test func autovacuumIsSetAsideForALoadAndGivenBack() async throws {
        try await withDatabase { db in
            let sql = try db.sql
            guard sql.dialect.name == "postgresql" else {
                #expect(try await BulkLoad.suspendAutovacuum(on: db).isEmpty)
                return
            }
            func options(_ table: String) async throws -> String? {
                try await sql.raw(
                    "SELECT array_to_string(reloptions, ',') AS options FROM pg_class WHERE relname = \(bind: table)"
                ).first()?.decode(column: "options", as: String?.self)
            }
            try await sql.raw("ALTER TABLE steps SET (autovacuum_enabled = true)").run()
            let saved = try await BulkLoad.suspendAutovacuum(on: db)
            #expect(try await options("conversations") == "autovacuum_enabled=false")
            #expect(try await options("figure_contributions") == "autovacuum_enabled=false")
            #expect(try await options("steps") == "autovacuum_enabled=true")
            try await BulkLoad.restore(saved, on: db)
            #expect(try await options("conversations") == nil)
            #expect(try await options("figure_contributions") == nil)
            #expect(try await options("steps") == "autovacuum_enabled=true")
            try await sql.raw("ALTER TABLE steps RESET (autovacuum_enabled)").run()
        }
    }

    /// A load's session is put back even when what ran in it failed, and its failure is the one thrown.
    @Test func theLoadSessionIsPutBackWhenTheLoadFails() async throws {
        struct Refused: Error {}
        try await withDatabase { pool in
            try await pool.withConnection { db in
                let sql = try db.sql
                func checked() async throws -> String {
                    sql.dialect.name == "sqlite"
                        ? String(
                            try await sql.raw("PRAGMA foreign_keys").first()?.decode(
                                column: "foreign_keys", as: Int.self) ?? -1)
                        : try await sql.raw("SHOW synchronous_commit").first()?.decode(
                            column: "synchronous_commit", as: String.self) ?? ""
                }
                let before = try await checked()
                await #expect(throws: Refused.self) {
                    try await BulkLoad.withLoadSession(on: db) {
                        #expect(try await checked() != before)
                        throw Refused()
                    }
                }
                #expect(try await checked() == before)
            }
        }
    }

    /// Two councils get the same history, one through INSERTs and one through COPY (on PostgreSQL; SQLite
    /// refuses COPY with a typed problem), and read back alike, awkward characters, NULLs and dates included.
    @Test func copyWritesTheSameRowsAsInserts() async throws {
        try await withDatabase { db in
            let postgres = try db.sql.dialect.name != "sqlite"
            let inserted = try await CouncilStore(db).create(slug: "inserted", name: "Inserted")
            let copied = try await CouncilStore(db).create(slug: "copied", name: "Copied")
            func history(_ council: Council) -> BulkLoad.History {
                var history = BulkLoad.History()
                let person = Person(
                    id: .init(UUID()), councilID: council.id, fullName: "Siân O'Brien\tJones",
                    address: "Flat 2\\B\n1 High Street", ownWords: "Line one\r\nline two",
                    categories: [.olderPerson, .disability],
                    createdAt: Date(timeIntervalSince1970: 1_785_000_000.123456),
                    lastContactAt: nil)
                history.people.append(person)
                history.introductions.append(
                    (
                        Introduction(
                            id: .init(UUID()), personID: person.id, source: .gpOrHealth, introducerName: "Dr \\ Evans",
                            introducerContact: "", whatMatters: "Getting out\tagain", receivedAt: person.createdAt,
                            viaPublicPage: true, routeNote: "coordinator:North"), nil
                    ))
                history.steps.append(
                    (
                        Step(
                            id: .init(UUID()), personID: person.id, what: "Call the café", who: "Them",
                            dueOn: "2026-08-01", doneAt: nil), createdAt: Date(timeIntervalSince1970: 1_785_000_001)
                    ))
                return history
            }
            try await BulkLoad(db, councilID: inserted.id).write(history(inserted))
            let copies = BulkLoad.copies(history(copied), councilID: copied.id)
            // Tables with no rows are left out.
            #expect(copies.map(\.table) == ["people", "introductions", "steps"])
            guard postgres else {
                await #expect(throws: BulkLoadProblem.notPostgreSQL) {
                    try await BulkLoad(db, councilID: copied.id).copy(copies)
                }
                return
            }
            try await BulkLoad(db, councilID: copied.id).copy(copies)
            let sql = try db.sql
            func rows(_ council: Council) async throws -> [String] {
                let people = try await sql.raw(
                    """
                    SELECT p.full_name, p.address, p.own_words, p.categories, p.ward_id, p.last_contact_at,
                        p.created_at, i.introducer_name, i.what_matters, i.via_public_page, i.received_at, s.what,
                        s.done_at, s.created_at AS step_created
                    FROM people p JOIN introductions i ON i.person_id = p.id JOIN steps s ON s.person_id = p.id
                    WHERE p.council_id = \(bind: council.id.uuid)
                    """
                ).all()
                return try people.map { row in
                    [
                        try row.decode(column: "full_name", as: String.self),
                        try row.decode(column: "address", as: String.self),
                        try row.decode(column: "own_words", as: String.self),
                        try row.decode(column: "categories", as: String.self),
                        "\(try row.decode(column: "ward_id", as: UUID?.self) as Any)",
                        "\(try row.decode(column: "last_contact_at", as: Date?.self) as Any)",
                        "\(try row.decode(column: "created_at", as: Date.self).timeIntervalSince1970)",
                        try row.decode(column: "introducer_name", as: String.self),
                        try row.decode(column: "what_matters", as: String.self),
                        "\(try row.decode(column: "via_public_page", as: Bool.self))",
                        "\(try row.decode(column: "received_at", as: Date.self).timeIntervalSince1970)",
                        try row.decode(column: "what", as: String.self),
                        "\(try row.decode(column: "done_at", as: Date?.self) as Any)",
                        "\(try row.decode(column: "step_created", as: Date.self).timeIntervalSince1970)",
                    ].joined(separator: "|")
                }
            }
            let expected = try await rows(inserted)
            #expect(expected.count == 1)
            #expect(
                expected.first?.hasPrefix("Siân O'Brien\tJones|Flat 2\\B\n1 High Street|Line one\r\nline two|") == true)
            #expect(try await rows(copied) == expected)
        }
    }

    /// On SQLite a load binds each row to one prepared statement a table instead of writing INSERT text
    /// for SQLite to parse: every value is stored exactly as the INSERT text stored it (the same value and
    /// storage class: text, integers, dates as seconds, NULLs), and it is the prepared path that runs
    /// (SQLiteNIO's handle is found, so the load does not fall back to INSERT text).
    /// The bulk load's larger page cache is the load's only: the connection goes back to the pool (the
    /// server's, when `serve --demo` seeds) with the cache it had.
    @Test(.enabled(if: TestDatabase.postgresURL == nil, "SQLite's page cache"))
    func theLoadsPageCacheIsGivenBackToTheConnection() async throws {
        try await withDatabase { db in
            let cache = try await (db as? any SQLiteDatabase)?.withConnection { connection in
                let sql = connection.sql()
                func size() async throws -> Int? {
                    try await sql.raw("PRAGMA cache_size").first()?.decode(column: "cache_size", as: Int.self)
                }
                try await sql.raw("PRAGMA cache_size = -4321").run()
                var during: Int?
                try await BulkLoad.withLoadCache(sql) { during = try await size() }
                let after = try await size()
                struct Refused: Error {}
                await #expect(throws: Refused.self) { try await BulkLoad.withLoadCache(sql) { throw Refused() } }
                return (during, after, try await size())
            }
            #expect(cache?.0 == -262_144)
            #expect(cache?.1 == -4_321)
            #expect(cache?.2 == -4_321, "given back after a load that failed too")
        }
    }

    @Test(.enabled(if: TestDatabase.postgresURL == nil, "SQLite's prepared statements"))
    func preparedInsertsStoreWhatInsertTextStored() async throws {
        try await withDatabase { db in
            let sql = try db.sql
            let reached = try await (db as? any SQLiteDatabase)?.withConnection { BulkLoad.sqliteHandle($0) != nil }
            #expect(reached == true)
            let written = try await CouncilStore(db).create(slug: "written", name: "Written")
            let bound = try await CouncilStore(db).create(slug: "bound", name: "Bound")
            let at = Date(timeIntervalSince1970: 1_785_000_000)
            func history(_ council: Council) -> BulkLoad.History {
                var history = BulkLoad.History()
                history.recordedAt = at
                let person = Person(
                    id: .init(UUID()), councilID: council.id, fullName: "Siân O'Brien\tJones", preferredName: "",
                    dateOfBirth: nil, phone: "07700 900123", email: "", contactPreference: nil,
                    address: "Flat 2\\B\n1 High Street", postcode: "X1 0AA", wardID: nil, ownWords: "It's me",
                    categories: [.olderPerson, .disability], level: .two, stage: .introduced,
                    createdAt: Date(timeIntervalSince1970: 1_785_000_000.123456))
                history.people.append(person)
                history.introductions.append(
                    (
                        Introduction(
                            id: .init(UUID()), personID: person.id, source: .gpOrHealth, introducerName: "Dr Evans",
                            introducerContact: "", whatMatters: "Getting out", receivedAt: at, viaPublicPage: true,
                            routeNote: "coordinator:North"), nil
                    ))
                history.events.append((person.id, "stage", nil, "introduced", nil, nil, at))
                history.steps.append(
                    (
                        Step(
                            id: .init(UUID()), personID: person.id, what: "Call the café", who: "Them",
                            dueOn: "2026-08-01", doneAt: nil), createdAt: at
                    ))
                history.measures.append(
                    MeasureReading(
                        id: .init(UUID()), personID: person.id, kind: .swemwbs, takenOn: "2026-07-01",
                        answers: [2, 3, 4, 2, 3, 4, 2], declined: false))
                history.outcomes.append(
                    RecordedOutcome(
                        id: .init(UUID()), personID: person.id, kind: .hospitalAdmission, happenedOn: "2026-07-02",
                        otherwise: "", confidence: .medium))
                return history
            }
            try await BulkLoad(db, councilID: written.id).run(
                BulkLoad.statements(history(written), councilID: written.id, postgres: false))
            try await BulkLoad(db, councilID: bound.id).insert(BulkLoad.tables(history(bound), councilID: bound.id))
            var compared = 0
            for table in BulkLoad.tables {
                let columns = try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table))").all().map {
                    try $0.decode(column: "name", as: String.self)
                }.filter { !["id", "council_id", "person_id"].contains($0) }
                let select = columns.map { "typeof(\($0)) || ':' || quote(\($0))" }.joined(separator: " || '|' || ")
                func values(_ council: Council) async throws -> [String] {
                    try await sql.raw(
                        "SELECT \(unsafeRaw: select) AS v FROM \(ident: table) WHERE council_id = \(bind: council.id.uuid)"
                    ).all().map { try $0.decode(column: "v", as: String.self) }
                }
                let expected = try await values(written)
                #expect(try await values(bound) == expected, "\(table)")
                compared += expected.count
            }
            #expect(compared == 6)
        }
    }
}
