import FluentKit
import SQLKit

/// A coordinator's caseload (and the people list filtered to one coordinator) in name order, straight from
/// one index. With only `(council_id, coordinator_id, stage)` SQLite preferred the council's name index to
/// save a sort, and so read every person in the council to find one coordinator's: 3,000 rows for a caseload
/// of 40 at demo size, 10,000 for 200 at network size.
struct AddCaseloadIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql.drop(index: "people_council_coordinator").run()
        try await database.sql.create(index: "people_caseload").on("people")
            .column("council_id").column("coordinator_id").column("full_name").column("id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "people_caseload").run()
        try await database.sql.create(index: "people_council_coordinator").on("people")
            .column("council_id").column("coordinator_id").column("stage").run()
    }
}
