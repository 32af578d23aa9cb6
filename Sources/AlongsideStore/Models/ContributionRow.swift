import AlongsideCore
import Foundation
import SQLKit

/// A contribution's row as it is read: the one list of its columns and the one mapping from a row to a
/// `Contribution` (SQLKit). Writes go through `ContributionModel`.
enum ContributionRow {
    static let table = ContributionModel.schema

    static let columns = [
        "id", "council_id", "person_id", "kind", "what", "started_on", "added_by_id", "added_at", "struck_at",
    ]

    /// A kind Alongside does not know reads as other.
    static func contribution(_ row: any SQLRow) throws -> Contribution {
        Contribution(
            id: .init(try row.decode(column: "id", as: UUID.self)),
            personID: .init(try row.decode(column: "person_id", as: UUID.self)),
            kind: Contribution.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .other,
            what: try row.decode(column: "what", as: String.self),
            startedOn: try row.decode(column: "started_on", as: String.self),
            addedAt: try row.decode(column: "added_at", as: Date.self))
    }

    /// The select of the council's contributions, every column.
    static func select(council: UUID, on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(columns.map { SQLColumn($0) }).from(table).where("council_id", .equal, council)
    }
}
