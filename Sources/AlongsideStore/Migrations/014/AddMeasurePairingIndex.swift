import FluentKit
import SQLKit

/// Wellbeing pairs each person's first and latest reading of a measure (WellbeingStore). With every column
/// the pairing reads, in the order of its window, the readings come straight from this index, with no
/// sort: at network size (1.6 million readings) that halved the Network comparison's largest query.
struct AddMeasurePairingIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql.create(index: "measures_pairing").on("measures")
            .column("council_id").column("kind").column("person_id").column("taken_on").column("created_at")
            .column("id").column("score_hundredths").column("declined").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "measures_pairing").run()
    }
}
