import FluentKit
import SQLKit

/// The audit log, append-only: the database itself refuses updates and deletes of its rows.
struct CreateAuditEntry: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_entries")
            .id()
            .field("council_id", .uuid, .required, .references("councils", "id"))
            .field("staff_id", .uuid, .references("staff", "id"))
            .field("person_id", .uuid)
            .field("action", .string, .required)
            .field("detail", .string, .required)
            .field("reason", .string)
            .field("address", .string)
            .field("at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            for operation in ["UPDATE", "DELETE"] {
                try await sql.raw(
                    """
                    CREATE TRIGGER audit_entries_no_\(unsafeRaw: operation.lowercased()) BEFORE \(unsafeRaw: operation) ON audit_entries
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
                    """
                ).run()
            }
        } else if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                CREATE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$ LANGUAGE plpgsql
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
                FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()
                """
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_entries").delete()
        if let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("DROP FUNCTION IF EXISTS audit_entries_append_only()").run()
        }
    }
}
