import FluentKit
import SQLKit

/// The audit log stores codes, never sentences (issue 23): what was done is a catalog key (`detail_code`),
/// its values as a JSON array of strings (`detail_values`) and whether it came through the API
/// (`detail_api`), worded when the log is read, in the reader's language. Entries written before keep their
/// words in `detail` (the log is append-only: nothing is rewritten); entries written since leave it empty.
/// The one change the log allows, redacting an erased person's search, may not touch the new columns either.
struct UpdateAuditEntryAddDetailCode: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite adds one at a time.
        try await database.schema("audit_entries").field("detail_code", .string).update()
        try await database.schema("audit_entries").field("detail_values", .string).update()
        try await database.schema("audit_entries").field("detail_api", .bool).update()
        guard let sql = database as? any SQLDatabase else { return }
        let redacted = AuditStore.redactedSearch
        if sql.dialect.name == "sqlite" {
            try await sql.raw("DROP TRIGGER IF EXISTS audit_entries_no_update").run()
            try await sql.raw(
                """
                CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
                WHEN NOT (OLD.action = 'search' AND NEW.reason = \(literal: redacted) AND NEW.id = OLD.id \
                AND NEW.council_id = OLD.council_id AND NEW.staff_id IS OLD.staff_id AND NEW.person_id IS OLD.person_id \
                AND NEW.action = OLD.action AND NEW.detail = OLD.detail AND NEW.address IS OLD.address AND NEW.at = OLD.at \
                AND NEW.detail_code IS OLD.detail_code AND NEW.detail_values IS OLD.detail_values \
                AND NEW.detail_api IS OLD.detail_api)
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
                """
            ).run()
        } else if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
                BEGIN
                  IF TG_OP = 'UPDATE' AND OLD.action = 'search' AND NEW.reason = \(literal: redacted)
                     AND (NEW.id, NEW.council_id, NEW.staff_id, NEW.person_id, NEW.action, NEW.detail, NEW.address, NEW.at,
                          NEW.detail_code, NEW.detail_values, NEW.detail_api)
                         IS NOT DISTINCT FROM
                         (OLD.id, OLD.council_id, OLD.staff_id, OLD.person_id, OLD.action, OLD.detail, OLD.address, OLD.at,
                          OLD.detail_code, OLD.detail_values, OLD.detail_api)
                  THEN RETURN NEW; END IF;
                  RAISE EXCEPTION 'the audit log is append-only';
                END; $$ LANGUAGE plpgsql
                """
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        // The redaction trigger as migration 020 left it, then the columns go.
        if let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" {
            try await sql.raw("DROP TRIGGER IF EXISTS audit_entries_no_update").run()
        }
        for column in ["detail_code", "detail_values", "detail_api"] {
            try await database.schema("audit_entries").deleteField(.string(column)).update()
        }
        try await UpdateAuditEntryAllowRedaction().prepare(on: database)
    }
}
