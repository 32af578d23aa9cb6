import FluentKit
import SQLKit

/// The figures of the standard periods kept as records are written (`FigureSummaries`, issue 28): the
/// totals a council, period and code; each person's own part of them; and the people waiting to be worked
/// out again, which triggers on every table a figure reads fill in, on SQLite and PostgreSQL alike, so no
/// write is missed whatever path it takes. Every person already held is left waiting, so the first read
/// (or `alongside summaries rebuild`) works the totals out from the rows.
struct CreateFigureSummaries: AsyncMigration {
    /// The tables whose rows belong to a person and are read by a figure.
    static let personTables = [
        "introductions", "conversations", "connections", "contributions", "outcomes", "measures", "journey_events",
    ]
    /// The columns of `people` a figure reads.
    static let peopleColumns = ["level", "categories", "merged_into_id", "ward_id"]

    func prepare(on database: any Database) async throws {
        try await database.schema("figure_summaries")
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("period_key", .string, .required)
            .field("code", .string, .required)
            .field("total", .int64, .required)
            .unique(on: "council_id", "period_key", "code")
            .create()
        try await database.schema("figure_contributions")
            .field("person_id", .uuid, .identifier(auto: false))
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("document", .string, .required)
            .create()
        try await database.schema("figure_pending")
            .field("person_id", .uuid, .required)
            .field("council_id", .uuid, .required)
            .create()
        let sql = try database.sql
        try await sql.create(index: "figure_contributions_council").on("figure_contributions").column("council_id")
            .run()
        try await sql.create(index: "figure_pending_council_person").on("figure_pending").column("council_id")
            .column("person_id").run()
        if sql.dialect.name == "sqlite" {
            func mark(_ row: String, _ id: String) -> String {
                """
                INSERT INTO figure_pending (person_id, council_id) SELECT \(row).\(id), \(row).council_id \
                WHERE NOT EXISTS (SELECT 1 FROM figure_pending WHERE council_id = \(row).council_id \
                AND person_id = \(row).\(id));
                """
            }
            for (table, id, columns) in Self.personTables.map({ ($0, "person_id", "") })
                + [("people", "id", " OF " + Self.peopleColumns.joined(separator: ", "))]
            {
                try await sql.raw(
                    "CREATE TRIGGER figure_pending_\(unsafeRaw: table)_insert AFTER INSERT ON \(unsafeRaw: table) BEGIN \(unsafeRaw: mark("NEW", id)) END"
                ).run()
                try await sql.raw(
                    "CREATE TRIGGER figure_pending_\(unsafeRaw: table)_update AFTER UPDATE\(unsafeRaw: columns) ON \(unsafeRaw: table) BEGIN \(unsafeRaw: mark("OLD", id)) \(unsafeRaw: mark("NEW", id)) END"
                ).run()
                try await sql.raw(
                    "CREATE TRIGGER figure_pending_\(unsafeRaw: table)_delete AFTER DELETE ON \(unsafeRaw: table) BEGIN \(unsafeRaw: mark("OLD", id)) END"
                ).run()
            }
        } else if sql.dialect.name == "postgresql" {
            // PostgreSQL: every change marks its person, even one already marked; the catch-up reads each
            // person once and removes every mark it saw (a mark another transaction has not committed yet
            // is left for that transaction).
            for (function, id) in [("figure_pending_mark", "person_id"), ("figure_pending_mark_person", "id")] {
                try await sql.raw(
                    """
                    CREATE FUNCTION \(unsafeRaw: function)() RETURNS trigger AS $$
                    BEGIN
                      IF TG_OP <> 'DELETE' THEN
                        INSERT INTO figure_pending (person_id, council_id) VALUES (NEW.\(unsafeRaw: id), NEW.council_id);
                      END IF;
                      IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (OLD.\(unsafeRaw: id) IS DISTINCT FROM NEW.\(unsafeRaw: id) \
                    OR OLD.council_id IS DISTINCT FROM NEW.council_id)) THEN
                        INSERT INTO figure_pending (person_id, council_id) VALUES (OLD.\(unsafeRaw: id), OLD.council_id);
                      END IF;
                      RETURN NULL;
                    END; $$ LANGUAGE plpgsql
                    """
                ).run()
            }
            for table in Self.personTables {
                try await sql.raw(
                    """
                    CREATE TRIGGER figure_pending_\(unsafeRaw: table) AFTER INSERT OR UPDATE OR DELETE ON \(unsafeRaw: table) \
                    FOR EACH ROW EXECUTE FUNCTION figure_pending_mark()
                    """
                ).run()
            }
            try await sql.raw(
                """
                CREATE TRIGGER figure_pending_people AFTER INSERT OR UPDATE OF \(unsafeRaw: Self.peopleColumns.joined(separator: ", ")) \
                OR DELETE ON people FOR EACH ROW EXECUTE FUNCTION figure_pending_mark_person()
                """
            ).run()
        }
        try await sql.raw("INSERT INTO figure_pending (person_id, council_id) SELECT id, council_id FROM people").run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql
        if sql.dialect.name == "sqlite" {
            for table in Self.personTables + ["people"] {
                for operation in ["insert", "update", "delete"] {
                    try await sql.raw(
                        "DROP TRIGGER IF EXISTS figure_pending_\(unsafeRaw: table)_\(unsafeRaw: operation)"
                    )
                    .run()
                }
            }
        } else if sql.dialect.name == "postgresql" {
            for table in Self.personTables + ["people"] {
                try await sql.raw("DROP TRIGGER IF EXISTS figure_pending_\(unsafeRaw: table) ON \(unsafeRaw: table)")
                    .run()
            }
            try await sql.raw("DROP FUNCTION IF EXISTS figure_pending_mark()").run()
            try await sql.raw("DROP FUNCTION IF EXISTS figure_pending_mark_person()").run()
        }
        try await database.schema("figure_pending").delete()
        try await database.schema("figure_contributions").delete()
        try await database.schema("figure_summaries").delete()
    }
}
