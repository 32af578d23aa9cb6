import AlongsideCore
import FluentKit
import SQLKit

/// Each answered measure keeps its headline figure (in hundredths) beside its answers, so dashboards and
/// the Network pair first and latest readings and average them in the database instead of loading every
/// reading. Existing readings are scored here, in one pass.
struct AddMeasureScores: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("measures").field("score_hundredths", .int).update()
        let readings = try await MeasureModel.query(on: database).filter(\.$declined == false).all()
        for model in readings {
            guard let score = try model.reading().headlineHundredths else { continue }
            model.scoreHundredths = score
            try await model.update(on: database)
        }
        try await (database.sql).create(index: "measures_scored").on("measures")
            .column("council_id").column("kind").column("person_id").run()
    }

    func revert(on database: any Database) async throws {
        try await (database.sql).drop(index: "measures_scored").run()
        try await database.schema("measures").deleteField("score_hundredths").update()
    }
}
