import FluentKit
import SQLKit

/// The two busiest reads of people, each straight from one index.
///
/// - A coordinator's caseload (and the people list filtered to one coordinator), in name order: with only
///   `(council_id, coordinator_id, stage)` SQLite preferred the council's name index to save a sort, and so
///   read every person in the council to find one coordinator's (3,000 rows for a caseload of 40 at demo
///   size, 10,000 for 200 at network size).
/// - Finding a person by name (`name_key LIKE '%…%'`) walks the council's name index: with the name key and
///   the merge mark in the index, SQLite tests each person there and reads only the rows that match
///   (1.9 → 0.6 ms a search of the demo council).
struct WidenPeopleIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql
        try await sql.drop(index: "people_council_coordinator").run()
        try await sql.create(index: "people_caseload").on("people")
            .column("council_id").column("coordinator_id").column("full_name").column("id").run()
        try await sql.drop(index: "people_council_name").run()
        try await sql.create(index: "people_council_name").on("people")
            .column("council_id").column("full_name").column("id").column("name_key").column("merged_into_id").run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql
        try await sql.drop(index: "people_council_name").run()
        try await sql.create(index: "people_council_name").on("people")
            .column("council_id").column("full_name").column("id").run()
        try await sql.drop(index: "people_caseload").run()
        try await sql.create(index: "people_council_coordinator").on("people")
            .column("council_id").column("coordinator_id").column("stage").run()
    }
}
