import AlongsideCore
import Foundation
import SQLKit

/// A correction's row as it is read: the one list of its columns and the one mapping from a row to a
/// `Correction` (SQLKit). Writes go through `CorrectionModel`.
enum CorrectionRow {
    static let table = CorrectionModel.schema

    static let columns = [
        "id", "council_id", "person_id", "entry", "entry_id", "changes", "reason", "struck", "version", "by_id", "at",
    ]

    /// An entry Alongside does not know reads as the record's details; changes that cannot be read throw.
    static func correction(_ row: any SQLRow) throws -> Correction {
        Correction(
            id: .init(try row.decode(column: "id", as: UUID.self)),
            personID: .init(try row.decode(column: "person_id", as: UUID.self)),
            entry: Correction.Entry(rawValue: try row.decode(column: "entry", as: String.self)) ?? .details,
            entryID: try row.decode(column: "entry_id", as: UUID.self),
            changes: try JSONDecoder().decode(
                [Correction.Change].self, from: Data(try row.decode(column: "changes", as: String.self).utf8)),
            reason: try row.decode(column: "reason", as: String.self),
            struck: try row.decode(column: "struck", as: Bool.self),
            byID: try row.decode(column: "by_id", as: UUID?.self).map { .init($0) },
            at: try row.decode(column: "at", as: Date.self))
    }

    /// The select of the council's corrections, every column.
    static func select(council: UUID, on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(columns.map { SQLColumn($0) }).from(table).where("council_id", .equal, council)
    }
}
