import AlongsideCore
import Foundation
import SQLKit

/// A saved SROI report's row as it is read: the one list of its columns and the one mapping from a row to a
/// `SavedSROIReport` (SQLKit). Writes go through `SROIReportModel`.
enum SROIReportRow {
    static let table = SROIReportModel.schema

    static let columns = ["id", "council_id", "title", "scope", "model", "basis", "created_at"]

    /// The report, or nil when its model cannot be read (it is left out of the list, and not found by id).
    /// A basis that cannot be read is left off (reports saved before price years have none).
    static func report(_ row: any SQLRow) throws -> SavedSROIReport? {
        let stored = try row.decode(column: "model", as: String.self)
        guard let model = try? JSONDecoder().decode(SROI.Model.self, from: Data(stored.utf8)) else { return nil }
        let basis = try row.decode(column: "basis", as: String?.self).flatMap {
            try? JSONDecoder().decode(SROIBasis.self, from: Data($0.utf8))
        }
        return SavedSROIReport(
            id: try row.decode(column: "id", as: UUID.self), title: try row.decode(column: "title", as: String.self),
            scope: try row.decode(column: "scope", as: String.self), model: model, basis: basis,
            createdAt: try row.decode(column: "created_at", as: Date.self))
    }

    /// The select of the council's reports, every column.
    static func select(council: UUID, on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(columns.map { SQLColumn($0) }).from(table).where("council_id", .equal, council)
    }
}
