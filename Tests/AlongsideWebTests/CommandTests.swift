import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTestUtils

@testable import AlongsideDemo
@testable import AlongsideWeb

@Suite("Command line")
struct CommandTests {
    func writeTemporary(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "postcodes-\(UUID().uuidString).csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func migrateIsSafeToRunTwice() async throws {
        try await withAlongside { app, _ in
            let first = try await app.run(["migrate"])
            #expect(first.contains("up to date"))
            let second = try await app.run(["migrate"])
            #expect(second.contains("The database is up to date."))
        }
    }

    @Test func userCreateAddsAStaffMemberWhoCanSignIn() async throws {
        try await withAlongside { app, _ in
            try await app.run(["council", "create", "--slug", "derby", "--name", "Derby City Council"])
            app.passwordInput = { "a long and unusual phrase" }
            let output = try await app.run([
                "user", "create", "--email", "Jo.Bloggs@Derby.example", "--name", "Jo Bloggs", "--role", "team-leader",
                "--council", "derby", "--password-stdin",
            ])
            #expect(output.contains("Added Jo Bloggs <jo.bloggs@derby.example> as Team leader at Derby City Council."))
            let response = try await Browser(app).signIn(
                "jo.bloggs@derby.example", password: "a long and unusual phrase")
            #expect(response.status == .seeOther)
        }
    }

    @Test(arguments: [
        (["--role", "boss"], "Unknown role \"boss\""),
        (["--role", "coordinator", "--council", "nowhere"], "There is no council \"nowhere\""),
    ])
    func userCreateExplainsWhatIsWrong(extra: [String], message: String) async throws {
        try await withAlongside { app, _ in
            try await app.run(["council", "create", "--slug", "derby", "--name", "Derby City Council"])
            app.passwordInput = { "a long and unusual phrase" }
            var arguments = ["user", "create", "--email", "a@derby.example", "--name", "A Person", "--password-stdin"]
            arguments += extra
            if !extra.contains("--council") { arguments += ["--council", "derby"] }
            await #expect {
                try await app.run(arguments)
            } throws: { error in
                String(describing: error).contains(message)
            }
        }
    }

    @Test(arguments: ["short", "password123456", "aaaaaaaaaaaaaaaa"])
    func userCreateRefusesAWeakPassword(password: String) async throws {
        try await withAlongside { app, _ in
            try await app.run(["council", "create", "--slug", "derby", "--name", "Derby City Council"])
            app.passwordInput = { password }
            await #expect {
                try await app.run([
                    "user", "create", "--email", "a@derby.example", "--name", "A Person", "--role", "coordinator",
                    "--council", "derby", "--password-stdin",
                ])
            } throws: { error in
                String(describing: error).hasPrefix("Password refused:")
            }
            let council = try #require(try await CouncilStore(app.db).find(slug: "derby"))
            #expect(try await StaffStore(app.db).list(councilID: council.id).isEmpty)
        }
    }

    @Test func councilCreateRefusesADuplicateSlug() async throws {
        try await withAlongside { app, _ in
            try await app.run(["council", "create", "--slug", "derby", "--name", "Derby City Council"])
            await #expect {
                try await app.run(["council", "create", "--slug", "derby", "--name", "Another"])
            } throws: { error in
                String(describing: error).contains("already exists")
            }
            let list = try await app.run(["council", "list"])
            #expect(list.contains("derby\tDerby City Council\tdoes not share"))
        }
    }

    @Test func importPostcodesLoadsAnONSFileAndNormalisesPostcodes() async throws {
        try await withAlongside { app, _ in
            let path = try writeTemporary(
                """
                pcd,pcds,dointr,osward,lat
                DE1 2FS,de1 2fs,202001,E05001234,52.9
                DE221AB,DE22 1AB,202001,e05001235,52.9

                """)
            let output = try await app.run(["import", "postcodes", path])
            #expect(output.contains("Loaded 2 postcodes."))
            let store = PostcodeStore(app.db)
            #expect(try await store.wardCode(for: try #require(Postcode("DE12FS"))) == "E05001234")
            #expect(try await store.wardCode(for: try #require(Postcode("de22 1ab"))) == "E05001235")
        }
    }

    @Test func aBadPostcodeFileIsRejectedWholeWithItsLineNumber() async throws {
        try await withAlongside { app, _ in
            let good = try writeTemporary("pcds,osward\nDE1 2FS,E05001234\n")
            try await app.run(["import", "postcodes", good])
            let bad = try writeTemporary(
                "pcds,osward\nDE1 3AA,E05001234\nDE1 3AB,E05001234\nNOT A POSTCODE,E05001234\n")
            await #expect {
                try await app.run(["import", "postcodes", bad])
            } throws: { error in
                let text = String(describing: error)
                return text.contains("Line 4") && text.contains("\"NOT A POSTCODE\" is not a postcode")
                    && text.contains("Nothing was changed")
            }
            #expect(try await PostcodeStore(app.db).count() == 1)
            await #expect {
                try await app.run(["import", "postcodes", "/no/such/file.csv"])
            } throws: { error in
                String(describing: error).contains("Cannot read /no/such/file.csv")
            }
        }
    }

    @Test func seedDemoLoadsAWholeCouncilOnceAndPrintsHowToSignIn() async throws {
        try await withAlongside { app, _ in
            let output = try await app.run(["seed", "--demo"])
            #expect(output.contains("leader@demo.example"))
            #expect(output.contains("walk-alongside-demo"))
            let council = try #require(try await CouncilStore(app.db).find(slug: "demo"))
            let coverage = try await WardStore(app.db, councilID: council.id).coverage()
            #expect(coverage.rows.count == 18)
            #expect(coverage.uncovered.map(\.ward.name) == ["Millbrook"])
            let staff = try await StaffStore(app.db).list(councilID: council.id)
            #expect(staff.filter { $0.role == .coordinator }.count == 17)
            #expect(Set(staff.map(\.role)) == Set(Role.allCases))
            #expect(Set(coverage.rows.compactMap { $0.coordinator?.id }).count == 17)
            // Kestrel Vale's 72 postcodes, and six a ward for Harbourne (8 wards) and Glanmor (4).
            #expect(try await PostcodeStore(app.db).count() == 72 + 48 + 24)
            let network = try await CouncilStore(app.db).sharingWithNetwork().map(\.slug)
            #expect(network == ["demo-glanmor", "demo-harbourne", "demo"])

            let again = try await app.run(["seed", "--demo"])
            #expect(again.contains("already loaded"))
            #expect(try await WardStore(app.db, councilID: council.id).all().count == 18)

            let browser = Browser(app)
            try await browser.signIn("leader@demo.example", password: DemoCouncil.password)
            let page = try await browser.get("/coverage").body.string
            #expect(page.contains("17 of 18 wards have a named coordinator"))
            #expect(page.contains("<li>Millbrook (E05900012)</li>"))
        }
    }

    @Test func seedScaleWritesTheAskedNumbersRepeatablyAndShowsProgress() async throws {
        try await withAlongside { app, _ in
            // The load drops the big tables' indexes and builds them again at the end.
            func indexes() async throws -> Int {
                let sql = try app.db.sql
                let query: SQLQueryString =
                    sql.dialect.name == "sqlite"
                    ? "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('people', 'conversations')"
                    : "SELECT COUNT(*) AS n FROM pg_indexes WHERE tablename IN ('people', 'conversations')"
                return try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
            }
            let before = try await indexes()
            if try app.db.sql.dialect.name == "sqlite" {
                // As a server leaves the file (`SQLiteTuning`).
                try await app.db.sql.raw("PRAGMA journal_mode=WAL").run()
            }
            let output = try await app.run([
                "seed", "--scale", "--councils", "2", "--people", "300", "--conversations", "3000",
            ])
            #expect(try await indexes() == before)
            #expect(before > 4)
            #expect(output.contains("scale-1: 150 of 150 people"))
            #expect(output.contains("scale-2: 150 of 150 people"))
            #expect(output.contains("Wrote "))
            #expect(output.contains("rows/s"))
            #expect(output.contains("Setting up the councils "))
            #expect(output.contains("rows/s), building the indexes "))
            #expect(output.contains("the figures' summaries "))
            let sql = try app.db.sql
            let people = try await sql.raw("SELECT COUNT(*) AS n FROM people").first()?.decode(
                column: "n", as: Int.self)
            #expect(people == 300)
            // Written without the database checking each reference as it went: every reference is right.
            if sql.dialect.name == "sqlite" {
                #expect(try await sql.raw("PRAGMA foreign_key_check").all().isEmpty)
                // The load's quicker writing is put back: the file is in WAL mode, as a server keeps it.
                #expect(
                    try await sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
                        == "wal")
            } else {
                #expect(try await danglingReferences(sql).isEmpty)
                let role = try await sql.raw("SHOW session_replication_role").first()?.decode(
                    column: "session_replication_role", as: String.self)
                #expect(role == "origin")
                // Every connection the load wrote on (PostgreSQL's second one too) is back as the server set it.
                for loop in app.eventLoopGroup.makeIterator() {
                    guard let own = app.databases.database(logger: app.logger, on: loop) else { continue }
                    let settings = try await own.sql.raw(
                        "SELECT current_setting('session_replication_role') AS role, current_setting('synchronous_commit') AS commit"
                    ).first()
                    #expect(try settings?.decode(column: "role", as: String.self) == "origin")
                    #expect(try settings?.decode(column: "commit", as: String.self) == "on")
                }
                // Autovacuum, kept off the tables while they were filled, is theirs again.
                let kept = try await sql.raw(
                    "SELECT relname FROM pg_class WHERE array_to_string(reloptions, ',') LIKE '%autovacuum_enabled%'"
                ).all()
                #expect(kept.isEmpty)
            }
            let talks = try await sql.raw("SELECT COUNT(*) AS n FROM conversations").first()?.decode(
                column: "n", as: Int.self)
            // Ten a person on average: each person gets 10, as asked.
            #expect(talks == 3000)
            // The figures' summaries are worked out at the end of the load, their triggers back in place, and
            // they equal the figures counted from the rows.
            #expect(try await FigureSummariesTests.pending(app) == 0)
            let triggers: SQLQueryString =
                sql.dialect.name == "sqlite"
                ? "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'figure_pending_%'"
                : "SELECT COUNT(*) AS n FROM pg_trigger WHERE tgname LIKE 'figure_pending_%' AND tgenabled = 'O'"
            #expect(
                try await sql.raw(triggers).first()?.decode(column: "n", as: Int.self)
                    == (sql.dialect.name == "sqlite" ? 24 : 8))
            let now = app.alongside.now()
            let ids = try await CouncilStore(app.db).sharingWithNetwork().map(\.id)
            for period in [
                Period.financialYear(containing: ISODay.string(now)), Period.quarter(containing: ISODay.string(now)),
            ] {
                let kept = try await FiguresStore(app.db).figures(councils: ids, period: period, now: now)
                let counted = try await FiguresStore(app.db).figures(
                    councils: ids, period: try Period.dates(from: period.from, to: period.to), now: now)
                #expect(kept == counted, "\(period.key)")
                #expect((kept[FiguresStore.Key(councilID: ids[0])]?[.peopleSupported] ?? 0) > 0)
            }
            // Worked out as the rows were generated, they are exactly what a rebuild from the rows gives: the
            // totals and each person's part.
            let keptTotals = try await FigureSummariesTests.totals(app)
            let keptParts = try await FigureSummariesTests.parts(app)
            #expect(keptTotals.count > 1_000)
            #expect(keptParts.count == 300)
            try await FigureSummaries(app.db).rebuild(council: nil)
            #expect(try await FigureSummariesTests.totals(app) == keptTotals)
            #expect(try await FigureSummariesTests.parts(app) == keptParts)
            let councils = try await CouncilStore(app.db).sharingWithNetwork().map(\.slug)
            #expect(councils == ["scale-1", "scale-2"])
            let one = try #require(try await CouncilStore(app.db).find(slug: "scale-1"))
            #expect(try await WardStore(app.db, councilID: one.id).coverage().uncovered.isEmpty)
            // Each council has a community directory across its wards, for the directory and ORUK workloads.
            #expect(try await DirectoryStore(app.db, councilID: one.id).count() == 20 * DemoDirectory.resourcesPerWard)
            let first = try await sql.raw(
                "SELECT full_name FROM people WHERE council_id = \(bind: one.id.uuid) ORDER BY created_at, full_name LIMIT 3"
            ).all().map { try $0.decode(column: "full_name", as: String.self) }

            // The same seed gives the same people; a second run leaves loaded councils alone.
            let again = try await app.run(["seed", "--scale", "--councils", "2", "--people", "300"])
            #expect(again.contains("scale-1 is already loaded"))
            try await withAlongside { other, _ in
                _ = try await other.run(["seed", "--scale", "--councils", "2", "--people", "300"])
                let council = try #require(try await CouncilStore(other.db).find(slug: "scale-1"))
                let names = try await other.db.sql.raw(
                    "SELECT full_name FROM people WHERE council_id = \(bind: council.id.uuid) ORDER BY created_at, full_name LIMIT 3"
                ).all().map { try $0.decode(column: "full_name", as: String.self) }
                #expect(names == first)
            }
            let browser = Browser(app)
            try await browser.signIn("coordinator1@scale-1.example", password: DemoCouncil.password)
            #expect(try await browser.get("/caseload").body.string.contains("people"))
        }
    }

    @Test func seedScaleRefusesNumbersOutOfRange() async throws {
        try await withAlongside { app, _ in
            await #expect {
                try await app.run(["seed", "--scale", "--councils", "0"])
            } throws: { error in
                String(describing: error).contains("Use 1 to 1,000 councils")
            }
            let councils = try await CouncilStore(app.db).all()
            #expect(councils.isEmpty)
        }
    }

    @Test func seedWithoutWhatToLoadSaysHow() async throws {
        try await withAlongside { app, _ in
            await #expect {
                try await app.run(["seed"])
            } throws: { error in
                String(describing: error).contains("alongside seed --demo")
            }
        }
    }
}

/// PostgreSQL's answer to SQLite's `PRAGMA foreign_key_check`: each reference of the schema, of one column or
/// several (`(council_id, person_id) → people (council_id, id)`, migration 028), whose value names no row,
/// as "table.column → table" (one per reference that has any; the columns joined with "+").
func danglingReferences(_ sql: any SQLDatabase) async throws -> [String] {
    func columns(_ keys: String, of relation: String) -> String {
        """
        array_to_string(ARRAY(SELECT a.attname FROM unnest(\(keys)) WITH ORDINALITY k(n, o) \
        JOIN pg_attribute a ON a.attrelid = \(relation) AND a.attnum = k.n ORDER BY k.o), ',')
        """
    }
    let references = try await sql.raw(
        """
        SELECT c.conrelid::regclass::text AS t, c.confrelid::regclass::text AS ref, \
        \(unsafeRaw: columns("c.conkey", of: "c.conrelid")) AS cols, \
        \(unsafeRaw: columns("c.confkey", of: "c.confrelid")) AS refcols \
        FROM pg_constraint c WHERE c.contype = 'f'
        """
    ).all()
    var dangling: [String] = []
    for row in references {
        let (table, target) = (
            try row.decode(column: "t", as: String.self), try row.decode(column: "ref", as: String.self)
        )
        let columns = try row.decode(column: "cols", as: String.self).split(separator: ",").map(String.init)
        let keys = try row.decode(column: "refcols", as: String.self).split(separator: ",").map(String.init)
        var present: SQLQueryString = "TRUE"
        var matches: SQLQueryString = "TRUE"
        for (column, key) in zip(columns, keys) {
            present += " AND x.\(ident: column) IS NOT NULL"
            matches += " AND y.\(ident: key) = x.\(ident: column)"
        }
        let count =
            try await sql.raw(
                "SELECT COUNT(*) AS n FROM \(ident: table) x WHERE " + present
                    + " AND NOT EXISTS (SELECT 1 FROM \(ident: target) y WHERE " + matches + ")"
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        if count > 0 { dangling.append("\(table).\(columns.joined(separator: "+")) → \(target)") }
    }
    return dangling
}
