import FluentKit
import Foundation
import SQLKit

/// Erasure keeps no words and no name (issue 23). Records erased before kept English in the database in
/// place of what was erased: "Erased record" as the name, "[erased]" as a step's, a contribution's or a Good
/// Neighbour request's words, "A neighbour" as a neighbour's name. They are left empty now, as erasure leaves
/// them (the person's `erased_at` marks the erasure; whoever shows the record words it in the reader's
/// language).
///
/// The audit log's own searches and exports kept the person searched for among the entry's values
/// (`person=Margaret Hale`), which the log keeps as written and erasing that person could not reach. The
/// term moves to the entry's `reason`, where the people search keeps what was typed, and erasure now redacts
/// the reason of the log's exports as well as its searches: the append-only trigger allows that one change
/// on both kinds of entry.
struct EraseWithoutWords: AsyncMigration {
    static let searchCodes = ["audit.page.searched-the-audit-log", "audit.page.exported-the-audit-log"]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let erased: SQLQueryString = "SELECT id FROM people WHERE erased_at IS NOT NULL"
        try await sql.raw("UPDATE people SET full_name = '', name_key = '' WHERE erased_at IS NOT NULL").run()
        try await sql.raw("UPDATE steps SET what = '' WHERE what = '[erased]' AND person_id IN (\(erased))").run()
        try await sql.raw(
            "UPDATE contributions SET what = '' WHERE what = '[erased]' AND person_id IN (\(erased))"
        ).run()
        try await sql.raw(
            """
            UPDATE connections SET name = '' \
            WHERE kind = 'neighbour' AND name = 'A neighbour' AND person_id IN (\(erased))
            """
        ).run()
        try await sql.raw(
            """
            UPDATE help_requests SET document = REPLACE(document, '"details":"[erased]"', '"details":""') \
            WHERE person_id IN (\(erased))
            """
        ).run()

        let sqlite = sql.dialect.name == "sqlite"
        if sqlite {
            try await sql.raw("DROP TRIGGER IF EXISTS audit_entries_no_update").run()
        } else {
            try await sql.raw("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only").run()
        }
        try await movePersonSearchedFor(on: sql)
        if sqlite {
            try await Self.appendOnlyButRedaction(of: ["search", "export"], on: sql)
        } else {
            try await sql.raw("ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only").run()
            try await Self.appendOnlyButRedaction(of: ["search", "export"], on: sql)
        }
    }

    /// The audit log's searches and exports: `person=…` out of the values, into the reason.
    private func movePersonSearchedFor(on sql: any SQLDatabase) async throws {
        let rows = try await sql.select().columns("id", "detail_values", "reason").from("audit_entries")
            .where("detail_code", .in, Self.searchCodes).all()
        for row in rows {
            guard let stored = try row.decode(column: "detail_values", as: String?.self),
                let values = try? JSONDecoder().decode([String].self, from: Data(stored.utf8)),
                let person = values.first(where: { $0.hasPrefix("person=") })
            else { continue }
            let kept = values.filter { !$0.hasPrefix("person=") }
            let reason = try row.decode(column: "reason", as: String?.self) ?? String(person.dropFirst(7))
            try await sql.raw(
                """
                UPDATE audit_entries SET detail_values = \(bind: AuditStore.encoded(kept)), reason = \(bind: reason) \
                WHERE id = \(bind: try row.decode(column: "id", as: UUID.self))
                """
            ).run()
        }
    }

    /// The append-only trigger as migration 029 made it, allowing the redaction of the entries of `actions`.
    static func appendOnlyButRedaction(of actions: [String], on sql: any SQLDatabase) async throws {
        let redacted = AuditStore.redactedSearch
        let allowed: SQLQueryString = "\(literals: actions, joinedBy: ", ")"
        if sql.dialect.name == "sqlite" {
            try await sql.raw("DROP TRIGGER IF EXISTS audit_entries_no_update").run()
            try await sql.raw(
                """
                CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
                WHEN NOT (OLD.action IN (\(allowed)) AND NEW.reason = \(literal: redacted) \
                AND NEW.id = OLD.id AND NEW.council_id = OLD.council_id AND NEW.staff_id IS OLD.staff_id \
                AND NEW.person_id IS OLD.person_id \
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
                  IF TG_OP = 'UPDATE' AND OLD.action IN (\(allowed)) AND NEW.reason = \(literal: redacted)
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

    /// The trigger as migration 029 left it; the emptied words stay empty (they cannot be told apart from
    /// words erased since).
    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await Self.appendOnlyButRedaction(of: ["search"], on: sql)
    }
}
