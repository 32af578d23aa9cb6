import FluentKit
import SQLKit

/// Indexes for the lookups every request makes (throttle counts, current assignments).
struct AddIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "sign_in_attempts_email_time").on("sign_in_attempts")
            .column("email").column("attempted_at").run()
        try await sql.create(index: "sign_in_attempts_address_time").on("sign_in_attempts")
            .column("address").column("attempted_at").run()
        try await sql.create(index: "ward_assignments_ward").on("ward_assignments")
            .column("ward_id").column("ended_at").run()
        try await sql.create(index: "ward_assignments_council").on("ward_assignments")
            .column("council_id").run()
        try await sql.create(index: "staff_council").on("staff").column("council_id").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for name in [
            "sign_in_attempts_email_time", "sign_in_attempts_address_time", "ward_assignments_ward",
            "ward_assignments_council", "staff_council",
        ] {
            try await sql.drop(index: name).run()
        }
    }
}
