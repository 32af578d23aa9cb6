import AlongsideCore
import Foundation
import SQLKit

/// A request for help's row as it is read: the one list of its columns and the one mapping from a row to a
/// `HelpRequest` (SQLKit). Writes go through `HelpRequestModel`.
enum HelpRequestRow {
    static let table = HelpRequestModel.schema

    static let columns = [
        "id", "council_id", "person_id", "status", "volunteer_id", "created_at", "created_by_id", "document",
    ]

    /// The request as stored: its document.
    static func request(_ row: any SQLRow) throws -> HelpRequest {
        try JSONDecoder().decode(
            HelpRequest.self, from: Data(try row.decode(column: "document", as: String.self).utf8))
    }

    /// The select of the council's requests for help, every column.
    static func select(council: UUID, on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(columns.map { SQLColumn($0) }).from(table).where("council_id", .equal, council)
    }
}
