import AlongsideCore
import Foundation
import SQLKit

/// A volunteer's row as it is read: the one list of its columns and the one mapping from a row to a
/// `Volunteer` (SQLKit). Writes go through `VolunteerModel` and `GoodNeighbourStore.change`.
enum VolunteerRow {
    static let table = VolunteerModel.schema

    static let columns = ["id", "council_id", "name", "active", "document", "added_at", "version"]

    /// The volunteer as stored: their document.
    static func volunteer(_ row: any SQLRow) throws -> Volunteer {
        try JSONDecoder().decode(Volunteer.self, from: Data(try row.decode(column: "document", as: String.self).utf8))
    }

    /// The version the row is at (each change moves it on by one).
    static func version(_ row: any SQLRow) throws -> Int { try row.decode(column: "version", as: Int.self) }

    /// The select of the council's volunteers, every column.
    static func select(council: UUID, on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(columns.map { SQLColumn($0) }).from(table).where("council_id", .equal, council)
    }
}
