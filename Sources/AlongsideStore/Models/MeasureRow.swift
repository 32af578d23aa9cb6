import AlongsideCore
import Foundation
import SQLKit

/// A wellbeing measure's row as it is read: the one list of its columns and the one mapping from a row to a
/// `MeasureReading` (SQLKit: a record's measures, a programme's report). Writes go through `MeasureModel`.
enum MeasureRow {
    static let table = MeasureModel.schema

    static let columns = ["id", "person_id", "kind", "taken_on", "answers", "declined"]

    static func reading(_ row: any SQLRow) throws -> MeasureReading {
        MeasureReading(
            id: .init(try row.decode(column: "id", as: UUID.self)),
            personID: .init(try row.decode(column: "person_id", as: UUID.self)),
            kind: MeasureKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .swemwbs,
            takenOn: try row.decode(column: "taken_on", as: String.self),
            answers: MeasureModel.answers(try row.decode(column: "answers", as: String.self)),
            declined: try row.decode(column: "declined", as: Bool.self))
    }
}
