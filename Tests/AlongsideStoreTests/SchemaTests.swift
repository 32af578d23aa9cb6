import AlongsideCore
import AlongsideTestSupport
import Fluent
import Foundation
import SQLKit
import Testing

@testable import AlongsideStore

/// The schema keeps councils apart and ready to distribute by council: every table with a `council_id`
/// requires it, and has an index that starts with it.
@Suite("Schema")
struct SchemaTests {
    @Test func everyCouncilOwnedTableRequiresItsCouncilAndIsIndexedByIt() async throws {
        try await withDatabase { db in
            let sql = try db.sql
            var owned: [String: (required: Bool, indexed: Bool)] = [:]
            if sql.dialect.name == "sqlite" {
                let tables = try await sql.raw(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'directory_search%'"
                ).all().map { try $0.decode(column: "name", as: String.self) }
                for table in tables {
                    let columns = try await sql.raw("PRAGMA table_info(\(ident: table))").all()
                    guard
                        let council = try columns.first(where: {
                            try $0.decode(column: "name", as: String.self) == "council_id"
                        })
                    else { continue }
                    var indexed = false
                    for index in try await sql.raw("PRAGMA index_list(\(ident: table))").all() {
                        let name = try index.decode(column: "name", as: String.self)
                        let first = try await sql.raw("PRAGMA index_info(\(ident: name))").all()
                            .first { try $0.decode(column: "seqno", as: Int.self) == 0 }
                        if try first?.decode(column: "name", as: String.self) == "council_id" { indexed = true }
                    }
                    owned[table] = (try council.decode(column: "notnull", as: Int.self) == 1, indexed)
                }
            } else {
                for row in try await sql.raw(
                    "SELECT table_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'council_id'"
                ).all() {
                    let table = try row.decode(column: "table_name", as: String.self)
                    let indexes = try await sql.raw(
                        "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = \(bind: table)"
                    ).all().map { try $0.decode(column: "indexdef", as: String.self) }
                    owned[table] = (
                        try row.decode(column: "is_nullable", as: String.self) == "NO",
                        indexes.contains { $0.contains("(council_id") }
                    )
                }
            }
            #expect(owned.count >= 30)
            for (table, facts) in owned.sorted(by: { $0.key < $1.key }) {
                #expect(facts.required, "\(table).council_id may be empty")
                #expect(facts.indexed, "\(table) has no index starting with council_id")
            }
        }
    }

    /// The rule a row-distributed PostgreSQL (Citus) sets, read from PostgreSQL's catalog: on every table
    /// with a `council_id` that is not shared (`KeyTablesByCouncil.referenceTables`), the primary key and
    /// every unique key include `council_id`, and every foreign key to another such table pairs its
    /// `council_id` with the other's. SQLite is never distributed and keeps its keys (migration 028).
    @Test(.enabled(if: TestDatabase.postgresURL != nil, "PostgreSQL's keys; SQLite is never distributed"))
    func everyDistributedTableKeysByCouncil() async throws {
        try await withDatabase { db in
            let rule = try await CouncilKeyRule.read(try db.sql)
            #expect(rule.distributed.count >= 35)
            #expect(rule.distributed.isSuperset(of: ["people", "conversations", "wards", "figure_contributions"]))
            #expect(rule.breaches.isEmpty, "\(rule.breaches.joined(separator: "\n"))")
        }
    }

    /// The check names the table and what it breaks, for each part of the rule.
    @Test(.enabled(if: TestDatabase.postgresURL != nil, "PostgreSQL's keys; SQLite is never distributed"))
    func theKeyRuleNamesATableThatBreaksIt() async throws {
        try await withDatabase { db in
            let sql = try db.sql
            let probes = [
                "CREATE TABLE keys_probe_parent (id uuid NOT NULL, council_id uuid NOT NULL, PRIMARY KEY (id, council_id), CONSTRAINT keys_probe_parent_id UNIQUE (id))",
                "CREATE TABLE keys_probe_child (id uuid PRIMARY KEY, council_id uuid NOT NULL, parent_id uuid CONSTRAINT keys_probe_child_parent REFERENCES keys_probe_parent (id))",
                "CREATE TABLE keys_probe_loose (id uuid NOT NULL, council_id uuid NOT NULL, session_id uuid CONSTRAINT keys_probe_loose_session REFERENCES _fluent_sessions (id), PRIMARY KEY (council_id, id))",
                "ALTER TABLE staff ADD COLUMN probe_ward_id uuid, ADD CONSTRAINT staff_probe_ward FOREIGN KEY (council_id, probe_ward_id) REFERENCES wards (council_id, id)",
            ]
            for probe in probes { try await sql.raw("\(unsafeRaw: probe)").run() }
            let breaches = try await CouncilKeyRule.read(sql).breaches
            #expect(breaches.count == 5, "\(breaches)")
            for expected in [
                "keys_probe_parent: unique key keys_probe_parent_id (id) lacks council_id",
                "keys_probe_child: primary key keys_probe_child_pkey (id) lacks council_id",
                "keys_probe_child: foreign key keys_probe_child_parent (parent_id) → keys_probe_parent (id) does not pair council_id with council_id",
                "keys_probe_loose: foreign key keys_probe_loose_session → _fluent_sessions, a table neither distributed by council nor shared",
                "staff is shared: foreign key staff_probe_ward → wards, a table distributed by council",
            ] {
                #expect(breaches.contains(expected), "missing: \(expected)")
            }
            for drop in [
                "ALTER TABLE staff DROP COLUMN probe_ward_id", "DROP TABLE keys_probe_loose",
                "DROP TABLE keys_probe_child",
                "DROP TABLE keys_probe_parent",
            ] {
                try await sql.raw("\(unsafeRaw: drop)").run()
            }
            #expect(try await CouncilKeyRule.read(sql).breaches.isEmpty)
        }
    }

    /// A lookup by `id` alone (Fluent's `find`, an update by id) still has an index that starts with `id`
    /// on every table whose key became `(id, council_id)`.
    @Test(.enabled(if: TestDatabase.postgresURL != nil, "PostgreSQL's keys; SQLite is never distributed"))
    func everyTableKeyedByIDCanStillBeFoundByID() async throws {
        try await withDatabase { db in
            let rows = try await db.sql.raw(
                """
                SELECT DISTINCT t.relname AS name FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
                WHERE t.relnamespace = 'public'::regnamespace AND a.attname = 'id'
                """
            ).all()
            let found = Set(try rows.map { try $0.decode(column: "name", as: String.self) })
            let missing = Set(KeyTablesByCouncil.keyedByID).subtracting(found).sorted()
            #expect(missing.isEmpty, "No index starts with id on \(missing)")
        }
    }

    /// The keys keep a record from pointing at another council's person, ward or programme.
    @Test(.enabled(if: TestDatabase.postgresURL != nil, "PostgreSQL's keys; SQLite is never distributed"))
    func aRecordCannotReferToAnotherCouncilsPerson() async throws {
        try await withDatabase { db in
            let sql = try db.sql
            let (a, b, person) = (UUID(), UUID(), UUID())
            for (council, slug) in [(a, "keys-a"), (b, "keys-b")] {
                try await sql.raw(
                    "INSERT INTO councils (id, slug, name) VALUES (\(bind: council), \(bind: slug), \(bind: slug))"
                ).run()
            }
            try await sql.raw(
                """
                INSERT INTO people (id, council_id, full_name, name_key, preferred_name, phone, phone_digits, email, \
                address, postcode, household, own_words, categories, level, stage, created_at) \
                VALUES (\(bind: person), \(bind: a), 'Keys Person', 'keys person', '', '', '', '', '', '', '', '', '', 1, \
                'waiting', now())
                """
            ).run()
            let insert: (UUID) -> SQLQueryString = { council in
                """
                INSERT INTO steps (id, council_id, person_id, what, who, created_at) \
                VALUES (\(bind: UUID()), \(bind: council), \(bind: person), 'A step', 'Keys', now())
                """
            }
            try await sql.raw(insert(a)).run()
            await #expect(throws: (any Error).self) { try await sql.raw(insert(b)).run() }
        }
    }

    /// Every column that refers to a person, read from the schema: a `person_id`, or a foreign key to
    /// `people` (but for the `council_id` such a key pairs with the person's, migration 028). Each must be one merge moves (and its undo puts back) or one of the logs that keep naming
    /// whom they named, so a table added later that refers to a person cannot be forgotten by merge.
    @Test func everyTableThatRefersToAPersonIsHandledByMerge() async throws {
        try await withDatabase { db in
            let sql = try db.sql
            var references: Set<String> = []
            if sql.dialect.name == "sqlite" {
                let tables = try await sql.raw(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                ).all().map { try $0.decode(column: "name", as: String.self) }
                for table in tables {
                    for column in try await sql.raw("PRAGMA table_info(\(ident: table))").all() {
                        let name = try column.decode(column: "name", as: String.self)
                        if name == "person_id" { references.insert("\(table).\(name)") }
                    }
                    for key in try await sql.raw("PRAGMA foreign_key_list(\(ident: table))").all()
                    where try key.decode(column: "table", as: String.self) == "people" {
                        references.insert("\(table).\(try key.decode(column: "from", as: String.self))")
                    }
                }
            } else {
                for row in try await sql.raw(
                    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'person_id'"
                ).all() {
                    references.insert(
                        "\(try row.decode(column: "table_name", as: String.self)).person_id")
                }
                for row in try await sql.raw(
                    """
                    SELECT kcu.table_name, kcu.column_name FROM information_schema.table_constraints tc
                    JOIN information_schema.key_column_usage kcu
                      ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
                    JOIN information_schema.constraint_column_usage ccu
                      ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
                    WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public' AND ccu.table_name = 'people'
                      AND kcu.column_name <> 'council_id'
                    """
                ).all() {
                    references.insert(
                        "\(try row.decode(column: "table_name", as: String.self)).\(try row.decode(column: "column_name", as: String.self))"
                    )
                }
            }
            let handled =
                Set(PersonTables.moved.map { "\($0.table).person_id" })
                .union(PersonTables.stay.map { "\($0).person_id" })
                .union(["people.merged_into_id", "merges.kept_id", "merges.merged_id"])
            #expect(references.count >= 15)
            let forgotten = references.subtracting(handled).sorted()
            #expect(forgotten.isEmpty, "Tables that refer to a person but merge does not handle: \(forgotten)")
            // And merge names no table that does not exist or no longer refers to a person.
            let stale = Set(PersonTables.moved.map { "\($0.table).person_id" }).subtracting(references).sorted()
            #expect(stale.isEmpty, "Merge moves tables with no person column: \(stale)")
        }
    }
}

/// The keys of PostgreSQL's tables against the rule of a row-distributed PostgreSQL (Citus), read from
/// `pg_catalog`: `breaches` names each table and the part of the rule it breaks.
struct CouncilKeyRule {
    var distributed: Set<String> = []
    var breaches: [String] = []

    /// Tables without a `council_id` that every node holds whole (Citus reference tables).
    static let sharedWithoutCouncil: Set<String> = ["councils", "postcodes", "staff_links"]

    static func read(_ sql: any SQLDatabase) async throws -> CouncilKeyRule {
        func columns(_ keys: String, of relation: String) -> String {
            """
            array_to_string(ARRAY(SELECT a.attname FROM unnest(\(keys)::int2[]) WITH ORDINALITY k(n, o) \
            JOIN pg_attribute a ON a.attrelid = \(relation) AND a.attnum = k.n ORDER BY k.o), ',')
            """
        }
        var rule = CouncilKeyRule()
        let owned = Set(
            try await sql.raw(
                """
                SELECT c.relname AS name FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid \
                WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') \
                AND a.attname = 'council_id' AND NOT a.attisdropped
                """
            ).all().map { try $0.decode(column: "name", as: String.self) })
        let shared = KeyTablesByCouncil.referenceTables.union(sharedWithoutCouncil)
        rule.distributed = owned.subtracting(shared)
        for row in try await sql.raw(
            """
            SELECT t.relname AS tbl, i.relname AS name, x.indisprimary AS is_primary, \
            \(unsafeRaw: columns("x.indkey", of: "x.indrelid")) AS columns \
            FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid \
            WHERE t.relnamespace = 'public'::regnamespace AND x.indisunique ORDER BY 1, 2
            """
        ).all() {
            let table = try row.decode(column: "tbl", as: String.self)
            let keys = try row.decode(column: "columns", as: String.self).split(separator: ",").map(String.init)
            guard rule.distributed.contains(table), !keys.contains("council_id") else { continue }
            let kind = try row.decode(column: "is_primary", as: Bool.self) ? "primary key" : "unique key"
            rule.breaches.append(
                "\(table): \(kind) \(try row.decode(column: "name", as: String.self)) (\(keys.joined(separator: ", "))) lacks council_id"
            )
        }
        for row in try await sql.raw(
            """
            SELECT t.relname AS tbl, f.conname AS name, p.relname AS parent, \
            \(unsafeRaw: columns("f.conkey", of: "f.conrelid")) AS columns, \
            \(unsafeRaw: columns("f.confkey", of: "f.confrelid")) AS referenced \
            FROM pg_constraint f JOIN pg_class t ON t.oid = f.conrelid JOIN pg_class p ON p.oid = f.confrelid \
            WHERE f.contype = 'f' AND t.relnamespace = 'public'::regnamespace ORDER BY 1, 2
            """
        ).all() {
            let table = try row.decode(column: "tbl", as: String.self)
            let name = try row.decode(column: "name", as: String.self)
            let parent = try row.decode(column: "parent", as: String.self)
            let keys = try row.decode(column: "columns", as: String.self).split(separator: ",").map(String.init)
            let referenced = try row.decode(column: "referenced", as: String.self).split(separator: ",").map(
                String.init)
            if rule.distributed.contains(table) {
                if rule.distributed.contains(parent) {
                    let paired = zip(keys, referenced).contains { $0 == "council_id" && $1 == "council_id" }
                    if !paired {
                        rule.breaches.append(
                            "\(table): foreign key \(name) (\(keys.joined(separator: ", "))) → \(parent) (\(referenced.joined(separator: ", "))) does not pair council_id with council_id"
                        )
                    }
                } else if !shared.contains(parent) {
                    rule.breaches.append(
                        "\(table): foreign key \(name) → \(parent), a table neither distributed by council nor shared")
                }
            } else if shared.contains(table), rule.distributed.contains(parent) {
                rule.breaches.append(
                    "\(table) is shared: foreign key \(name) → \(parent), a table distributed by council")
            }
        }
        return rule
    }
}
