import AlongsideCore
import Foundation
import SQLKit

/// A ward assignment's row as it is read: the one list of its columns and the one mapping from a row to a
/// `WardAssignment` (SQLKit). Writes go through `WardAssignmentModel`.
enum WardAssignmentRow {
    static let table = WardAssignmentModel.schema

    static let columns = ["id", "council_id", "ward_id", "coordinator_id", "assigned_by_id", "started_at", "ended_at"]

    /// The assignment with its coordinator's name from `names` (a former member of staff when not found).
    static func assignment(_ row: any SQLRow, names: [UUID: String]) throws -> WardAssignment {
        let coordinatorID = try row.decode(column: "coordinator_id", as: UUID.self)
        return WardAssignment(
            id: .init(try row.decode(column: "id", as: UUID.self)),
            wardID: .init(try row.decode(column: "ward_id", as: UUID.self)), coordinatorID: .init(coordinatorID),
            coordinatorName: names[coordinatorID] ?? Wording.current("staff.former-member"),
            startedAt: try row.decode(column: "started_at", as: Date.self),
            endedAt: try row.decode(column: "ended_at", as: Date?.self))
    }

    /// The select of the council's assignments, every column.
    static func select(council: UUID, on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(columns.map { SQLColumn($0) }).from(table).where("council_id", .equal, council)
    }
}
