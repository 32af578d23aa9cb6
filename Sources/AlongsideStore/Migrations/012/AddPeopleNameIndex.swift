import FluentKit
import SQLKit

/// The people list is read a page at a time in name order: with this index a page is a range of the
/// index instead of a sort of every person in the council (10,000 of them in a network-sized council).
struct AddPeopleNameIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql.create(index: "people_council_name").on("people").column("council_id")
            .column("full_name").column("id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "people_council_name").run()
    }
}
