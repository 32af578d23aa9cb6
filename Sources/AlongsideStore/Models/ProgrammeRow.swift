import AlongsideCore
import Foundation
import SQLKit

/// A programme's row as it is read: the one list of its columns and the one mapping from a row to a
/// `Programme` (SQLKit). Writes go through `ProgrammeModel`.
enum ProgrammeRow {
    static let table = ProgrammeModel.schema

    static let columns = [
        "id", "council_id", "name", "funder", "purpose", "cohort", "starts_on", "ends_on", "extended_to",
        "budget_pence", "extra_coordinators",
    ]

    static func programme(_ row: any SQLRow) throws -> Programme {
        Programme(
            id: .init(try row.decode(column: "id", as: UUID.self)),
            councilID: .init(try row.decode(column: "council_id", as: UUID.self)),
            name: try row.decode(column: "name", as: String.self),
            funder: try row.decode(column: "funder", as: String.self),
            purpose: try row.decode(column: "purpose", as: String.self),
            cohort: try row.decode(column: "cohort", as: String.self),
            startsOn: try row.decode(column: "starts_on", as: String.self),
            endsOn: try row.decode(column: "ends_on", as: String.self),
            extendedTo: try row.decode(column: "extended_to", as: String?.self),
            budgetPence: try row.decode(column: "budget_pence", as: Int.self),
            extraCoordinators: try row.decode(column: "extra_coordinators", as: Int.self))
    }

    /// The select of the council's programmes, every column.
    static func select(council: UUID, on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(columns.map { SQLColumn($0) }).from(table).where("council_id", .equal, council)
    }
}
