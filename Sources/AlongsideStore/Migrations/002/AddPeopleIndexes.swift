import FluentKit
import SQLKit

/// Indexes for the caseload, the queue, duplicate checks and each record's lists.
struct AddPeopleIndexes: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("people_council_coordinator", "people", ["council_id", "coordinator_id", "stage"]),
        ("people_council_dob", "people", ["council_id", "date_of_birth"]),
        ("people_council_phone", "people", ["council_id", "phone_digits"]),
        ("people_council_email", "people", ["council_id", "email"]),
        ("people_council_postcode", "people", ["council_id", "postcode"]),
        ("introductions_person", "introductions", ["person_id"]),
        ("journey_events_person", "journey_events", ["person_id", "at"]),
        ("conversations_person", "conversations", ["person_id", "happened_on"]),
        ("steps_person", "steps", ["person_id"]),
        ("people_in_life_person", "people_in_life", ["person_id"]),
        ("audit_entries_person", "audit_entries", ["council_id", "person_id", "at"]),
        ("audit_entries_staff", "audit_entries", ["council_id", "staff_id", "at"]),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes {
            var builder = sql.create(index: index.name).on(index.table)
            for column in index.columns { builder = builder.column(column) }
            try await builder.run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes { try await sql.drop(index: index.name).run() }
    }
}
