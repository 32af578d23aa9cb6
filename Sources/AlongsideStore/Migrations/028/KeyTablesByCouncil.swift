import FluentKit
import SQLKit

/// Keys that let PostgreSQL be distributed by council (Citus) without changing the schema again (issue 28).
/// A row-distributed PostgreSQL keeps each council's rows on one node and can only enforce a key there, so
/// on every table it distributes by `council_id`:
/// - the primary key includes `council_id`: `(id, council_id)` for the tables keyed by `id`, so a lookup by
///   `id` alone (Fluent's `find`, `UPDATE … WHERE id = …`) still reads the key's index and no second index
///   is needed; `(council_id, …)` for `check_reminders` and `figure_contributions`, always read by council;
/// - every unique constraint includes `council_id` (a person's vision, a programme's member);
/// - every foreign key to another distributed table is `(council_id, x_id) REFERENCES t (council_id, id)`,
///   which also keeps a record from pointing at another council's person, ward or programme.
/// Foreign keys to the shared tables (`councils`, `postcodes`, and `referenceTables`: `staff`, `api_tokens`)
/// stay as they are. Every foreign key it rewrites was, and stays, `ON DELETE NO ACTION`, not deferred. No column is
/// added: every table that refers to a person, ward or programme already carries its `council_id`.
/// `SchemaTests.everyDistributedTableKeysByCouncil` holds every table to the rule.
///
/// PostgreSQL only, in one transaction. SQLite is never distributed, and it cannot change a primary key
/// without copying every table again (and its triggers and indexes), so there it changes nothing.
struct KeyTablesByCouncil: AsyncMigration {
    /// Tables with a `council_id` that a distributed deployment copies whole to every node (Citus
    /// reference tables) rather than distributes: each is small and needs a key across every council.
    /// `staff`: an email address signs in to one account wherever its council is; `api_tokens`: a token is
    /// found by its digest before its council is known. Foreign keys to them stay plain, and they refer
    /// only to other shared tables.
    static let referenceTables: Set<String> = ["staff", "api_tokens"]

    /// Tables keyed by `id` alone until now: their key becomes `(id, council_id)`.
    static let keyedByID = [
        "audit_entries", "community_work", "connections", "consents", "contributions", "conversations",
        "corrections", "deflator_sets", "directory_feeds", "good_lives", "help_requests", "introductions",
        "journey_events", "measures", "merges", "outbox", "outcomes", "people", "people_in_life",
        "practice_items", "programme_members", "programmes", "proxies", "sroi_reports", "steps", "stories",
        "volunteers", "ward_assignments", "wards",
    ]

    /// Other primary keys: (table, before, after).
    static let otherKeys: [(String, [String], [String])] = [
        ("check_reminders", ["check_id", "days"], ["council_id", "check_id", "days"]),
        ("figure_contributions", ["person_id"], ["council_id", "person_id"]),
    ]

    /// Unique constraints without the council: (table, Fluent's name for it, columns before).
    static let uniques: [(String, String, [String])] = [
        ("good_lives", "uq:good_lives.person_id", ["person_id"]),
        (
            "programme_members", "uq:programme_members.programme_id+programme_members.person_id",
            ["programme_id", "person_id"]
        ),
    ]

    /// Foreign keys between distributed tables: (table, column, the table it refers to).
    static let references: [(String, String, String)] =
        [
            "connections", "consents", "contributions", "conversations", "corrections", "good_lives", "help_requests",
            "introductions", "journey_events", "measures", "outcomes", "people_in_life", "programme_members", "steps",
            "stories",
        ].map { ($0, "person_id", "people") } + [
            ("merges", "kept_id", "people"), ("merges", "merged_id", "people"),
            ("people", "ward_id", "wards"), ("community_work", "ward_id", "wards"),
            ("ward_assignments", "ward_id", "wards"),
            ("programme_members", "programme_id", "programmes"),
        ]

    func prepare(on database: any Database) async throws {
        guard (database as? any SQLDatabase)?.dialect.name == "postgresql" else { return }
        try await database.transaction { db in
            let sql = try db.sql
            for (table, column, _) in Self.references {
                try await sql.raw(
                    "ALTER TABLE \(ident: table) DROP CONSTRAINT \(ident: Self.foreignKey(table, column))"
                )
                .run()
            }
            for table in Self.keyedByID {
                try await Self.key(table, ["id", "council_id"], on: sql)
            }
            for (table, _, after) in Self.otherKeys {
                try await Self.key(table, after, on: sql)
            }
            for (table, name, columns) in Self.uniques {
                try await sql.raw("ALTER TABLE \(ident: table) DROP CONSTRAINT \(ident: name)").run()
                try await sql.raw(
                    "ALTER TABLE \(ident: table) ADD CONSTRAINT \(ident: Self.uniqueName(table, columns)) UNIQUE (\(idents: ["council_id"] + columns, joinedBy: ", "))"
                ).run()
            }
            for (table, column, parent) in Self.references {
                try await sql.raw(
                    """
                    ALTER TABLE \(ident: table) ADD CONSTRAINT \(ident: Self.foreignKey(table, column)) \
                    FOREIGN KEY (council_id, \(ident: column)) REFERENCES \(ident: parent) (council_id, id)
                    """
                ).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        guard (database as? any SQLDatabase)?.dialect.name == "postgresql" else { return }
        try await database.transaction { db in
            let sql = try db.sql
            for (table, column, _) in Self.references {
                try await sql.raw(
                    "ALTER TABLE \(ident: table) DROP CONSTRAINT \(ident: Self.foreignKey(table, column))"
                )
                .run()
            }
            for (table, name, columns) in Self.uniques {
                try await sql.raw(
                    "ALTER TABLE \(ident: table) DROP CONSTRAINT \(ident: Self.uniqueName(table, columns))"
                )
                .run()
                try await sql.raw(
                    "ALTER TABLE \(ident: table) ADD CONSTRAINT \(ident: name) UNIQUE (\(idents: columns, joinedBy: ", "))"
                )
                .run()
            }
            for table in Self.keyedByID {
                try await Self.key(table, ["id"], on: sql)
            }
            for (table, before, _) in Self.otherKeys {
                try await Self.key(table, before, on: sql)
            }
            for (table, column, parent) in Self.references {
                try await sql.raw(
                    """
                    ALTER TABLE \(ident: table) ADD CONSTRAINT \(ident: Self.foreignKey(table, column)) \
                    FOREIGN KEY (\(ident: column)) REFERENCES \(ident: parent) (id)
                    """
                ).run()
            }
        }
    }

    /// Gives `table` the primary key `columns`, keeping PostgreSQL's name for it.
    static func key(_ table: String, _ columns: [String], on sql: any SQLDatabase) async throws {
        try await sql.raw("ALTER TABLE \(ident: table) DROP CONSTRAINT \(ident: table + "_pkey")").run()
        try await sql.raw(
            "ALTER TABLE \(ident: table) ADD CONSTRAINT \(ident: table + "_pkey") PRIMARY KEY (\(idents: columns, joinedBy: ", "))"
        ).run()
    }

    /// PostgreSQL's own name for a foreign key made with the column (Fluent's `.references`), kept.
    static func foreignKey(_ table: String, _ column: String) -> String { "\(table)_\(column)_fkey" }

    static func uniqueName(_ table: String, _ columns: [String]) -> String {
        "\(table)_council_\(columns.joined(separator: "_"))_key"
    }
}
