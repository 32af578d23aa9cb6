import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Each answered measure keeps its headline figure (in hundredths) beside its answers, so dashboards and
/// the Network pair first and latest readings and average them in the database instead of loading every
/// reading. Existing readings are scored here: one update for each distinct set of answers (a score
/// depends on nothing else), in one transaction, rather than one for every reading kept.
struct AddMeasureScores: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("measures").field("score_hundredths", .int).update()
        try await database.transaction { db in
            let sql = try db.sql
            let answered = try await sql.select().distinct().column("kind").column("answers").from("measures")
                .where("declined", .equal, false).all()
            for row in answered {
                let kind = try row.decode(column: "kind", as: String.self)
                let answers = try row.decode(column: "answers", as: String.self)
                let reading = MeasureReading(
                    id: .init(UUID()), personID: .init(UUID()), kind: MeasureKind(rawValue: kind) ?? .swemwbs,
                    takenOn: "", answers: MeasureModel.answers(answers), declined: false)
                guard let score = reading.headlineHundredths else { continue }
                try await sql.update("measures").set("score_hundredths", to: score).where("kind", .equal, kind)
                    .where("answers", .equal, answers).where("declined", .equal, false).run()
            }
        }
        try await (database.sql).create(index: "measures_scored").on("measures")
            .column("council_id").column("kind").column("person_id").run()
    }

    func revert(on database: any Database) async throws {
        try await (database.sql).drop(index: "measures_scored").run()
        try await database.schema("measures").deleteField("score_hundredths").update()
    }
}
