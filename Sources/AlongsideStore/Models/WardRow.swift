import AlongsideCore
import Foundation
import SQLKit

/// A ward's row as it is read: the one list of its columns and the one mapping from a row to a `Ward`
/// (SQLKit: pages that show a ward beside each person read every ward each time). Writes go through
/// `WardModel`.
enum WardRow {
    static let table = WardModel.schema

    static let columns = ["id", "council_id", "code", "name"]

    static func ward(_ row: any SQLRow) throws -> Ward {
        Ward(
            id: .init(try row.decode(column: "id", as: UUID.self)),
            councilID: .init(try row.decode(column: "council_id", as: UUID.self)),
            code: try row.decode(column: "code", as: String.self),
            name: try row.decode(column: "name", as: String.self))
    }

    /// The select of the council's wards, every column.
    static func select(council: UUID, on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(columns.map { SQLColumn($0) }).from(table).where("council_id", .equal, council)
    }
}
