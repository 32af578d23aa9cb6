import AlongsideCore
import Foundation
import SQLKit

/// A community work entry's row as it is read: the one list of its columns and the one mapping from a row
/// (SQLKit). Writes go through `CommunityWorkModel`.
enum CommunityWorkRow {
    static let table = CommunityWorkModel.schema

    static let columns = [
        "id", "council_id", "ward_id", "staff_id", "kind", "happened_on", "minutes", "notes", "recorded_at",
    ]

    /// An entry with its staff member's name from `names` (empty when not found); a kind Alongside does not
    /// know reads as other.
    static func entry(_ row: any SQLRow, names: [StaffMember.ID: String]) throws -> CommunityWork {
        let staffID = StaffMember.ID(try row.decode(column: "staff_id", as: UUID.self))
        return CommunityWork(
            id: .init(try row.decode(column: "id", as: UUID.self)),
            wardID: .init(try row.decode(column: "ward_id", as: UUID.self)), staffID: staffID,
            staffName: names[staffID] ?? "",
            kind: CommunityWork.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .other,
            happenedOn: try row.decode(column: "happened_on", as: String.self),
            minutes: try row.decode(column: "minutes", as: Int?.self),
            notes: try row.decode(column: "notes", as: String.self))
    }

    /// The select of the council's entries, every column.
    static func select(council: UUID, on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(columns.map { SQLColumn($0) }).from(table).where("council_id", .equal, council)
    }
}
