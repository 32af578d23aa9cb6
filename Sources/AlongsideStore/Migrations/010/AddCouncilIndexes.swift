import FluentKit
import SQLKit

/// Every council-owned table gets an index that leads with `council_id`: every query is scoped by it, a
/// person's lists are read by (council, person), and a PostgreSQL deployment distributed by council
/// (for example with Citus) finds each council's rows together.
struct AddCouncilIndexes: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("api_tokens_council", "api_tokens", ["council_id", "staff_id"]),
        ("introductions_council_person", "introductions", ["council_id", "person_id"]),
        ("introductions_council_received", "introductions", ["council_id", "received_at"]),
        ("journey_events_council_person", "journey_events", ["council_id", "person_id", "at"]),
        ("conversations_council_person", "conversations", ["council_id", "person_id", "happened_on"]),
        ("conversations_council_day", "conversations", ["council_id", "happened_on"]),
        ("good_lives_council_person", "good_lives", ["council_id", "person_id"]),
        ("steps_council_person", "steps", ["council_id", "person_id"]),
        ("people_in_life_council_person", "people_in_life", ["council_id", "person_id"]),
        ("sroi_reports_council", "sroi_reports", ["council_id", "created_at"]),
        ("programmes_council", "programmes", ["council_id"]),
        ("programme_members_council", "programme_members", ["council_id", "programme_id"]),
        ("stories_council_person", "stories", ["council_id", "person_id"]),
        ("connections_council_person", "connections", ["council_id", "person_id"]),
        ("contributions_council_person", "contributions", ["council_id", "person_id"]),
        ("volunteers_council", "volunteers", ["council_id"]),
        ("check_reminders_council", "check_reminders", ["council_id", "check_id"]),
        ("help_requests_council_person", "help_requests", ["council_id", "person_id"]),
        ("community_work_council", "community_work", ["council_id", "ward_id"]),
        ("consents_council_person", "consents", ["council_id", "person_id"]),
    ]

    func prepare(on database: any Database) async throws {
        let sql = try database.sql
        for index in Self.indexes {
            var builder = sql.create(index: index.name).on(index.table)
            for column in index.columns { builder = builder.column(column) }
            try await builder.run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql
        for index in Self.indexes { try await sql.drop(index: index.name).run() }
    }
}
