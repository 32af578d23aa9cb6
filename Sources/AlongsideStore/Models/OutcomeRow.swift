import AlongsideCore
import Foundation
import SQLKit

/// A recorded outcome's row as it is read: the one list of its columns and the one mapping from a row to a
/// `RecordedOutcome` (SQLKit: a record's outcomes, a programme's report). Writes go through `OutcomeModel`.
enum OutcomeRow {
    static let table = OutcomeModel.schema

    static let columns = ["id", "person_id", "kind", "happened_on", "otherwise", "confidence"]

    static func outcome(_ row: any SQLRow) throws -> RecordedOutcome {
        RecordedOutcome(
            id: .init(try row.decode(column: "id", as: UUID.self)),
            personID: .init(try row.decode(column: "person_id", as: UUID.self)),
            kind: RecordedOutcome.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .newFriendship,
            happenedOn: try row.decode(column: "happened_on", as: String.self),
            otherwise: try row.decode(column: "otherwise", as: String.self),
            confidence: RecordedOutcome.Confidence(rawValue: try row.decode(column: "confidence", as: String.self))
                ?? .medium)
    }
}
