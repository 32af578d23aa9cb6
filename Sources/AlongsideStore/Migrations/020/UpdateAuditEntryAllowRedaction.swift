import FluentKit
import SQLKit

/// The audit log stays append-only but for one change: the words of a search are replaced by
/// `redacted` when the person searched for is erased (the entry itself, who searched and when, stays).
struct UpdateAuditEntryAllowRedaction: AsyncMigration {
    static var redacted: String { AuditStore.redactedSearch }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw("DROP TRIGGER IF EXISTS audit_entries_no_update").run()
            try await sql.raw(
                """
                CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
                WHEN NOT (OLD.action = 'search' AND NEW.reason = \(literal: Self.redacted) AND NEW.id = OLD.id \
                AND NEW.council_id = OLD.council_id AND NEW.staff_id IS OLD.staff_id AND NEW.person_id IS OLD.person_id \
                AND NEW.action = OLD.action AND NEW.detail = OLD.detail AND NEW.address IS OLD.address AND NEW.at = OLD.at)
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
                """
            ).run()
        } else if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
                BEGIN
                  IF TG_OP = 'UPDATE' AND OLD.action = 'search' AND NEW.reason = \(literal: Self.redacted)
                     AND (NEW.id, NEW.council_id, NEW.staff_id, NEW.person_id, NEW.action, NEW.detail, NEW.address, NEW.at)
                         IS NOT DISTINCT FROM
                         (OLD.id, OLD.council_id, OLD.staff_id, OLD.person_id, OLD.action, OLD.detail, OLD.address, OLD.at)
                  THEN RETURN NEW; END IF;
                  RAISE EXCEPTION 'the audit log is append-only';
                END; $$ LANGUAGE plpgsql
                """
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw("DROP TRIGGER IF EXISTS audit_entries_no_update").run()
            try await sql.raw(
                """
                CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
                """
            ).run()
        } else if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$ LANGUAGE plpgsql
                """
            ).run()
        }
    }
}
