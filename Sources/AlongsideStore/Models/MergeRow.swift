import AlongsideCore
import Foundation
import SQLKit

/// A merge's row as it is read for the list of merges into a record: the one list of its columns and the one
/// mapping from a row (SQLKit). Its log (`document`) is read only by an undo, through `MergeModel`, which
/// also writes.
enum MergeRow {
    static let table = MergeModel.schema

    static let columns = ["id", "council_id", "kept_id", "merged_id", "by_id", "at", "undone_at", "undone_by_id"]

    /// The merge, with the merged record's name from `names` (empty when not found).
    static func record(_ row: any SQLRow, names: [UUID: String]) throws -> PersonMerge.Record {
        let mergedID = try row.decode(column: "merged_id", as: UUID.self)
        return PersonMerge.Record(
            id: .init(try row.decode(column: "id", as: UUID.self)),
            keptID: .init(try row.decode(column: "kept_id", as: UUID.self)), mergedID: .init(mergedID),
            mergedName: names[mergedID] ?? "", byID: try row.decode(column: "by_id", as: UUID?.self).map { .init($0) },
            at: try row.decode(column: "at", as: Date.self),
            undoneAt: try row.decode(column: "undone_at", as: Date?.self))
    }

    /// The select of the council's merges, every column but the log.
    static func select(council: UUID, on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(columns.map { SQLColumn($0) }).from(table).where("council_id", .equal, council)
    }
}
