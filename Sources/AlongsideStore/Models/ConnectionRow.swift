import AlongsideCore
import Foundation
import SQLKit

/// A connection's row as it is read: the one list of its columns and the one mapping from a row to a
/// `Connection` (SQLKit). Writes go through `ConnectionModel`.
enum ConnectionRow {
    static let table = ConnectionModel.schema

    static let columns = [
        "id", "council_id", "person_id", "kind", "resource_id", "name", "started_on", "ended_on", "lasting", "note",
        "added_by_id", "added_at", "struck_at",
    ]

    /// A kind Alongside does not know reads as a group.
    static func connection(_ row: any SQLRow) throws -> Connection {
        Connection(
            id: .init(try row.decode(column: "id", as: UUID.self)),
            personID: .init(try row.decode(column: "person_id", as: UUID.self)),
            kind: Connection.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .group,
            resourceID: try row.decode(column: "resource_id", as: UUID?.self).map { .init($0) },
            name: try row.decode(column: "name", as: String.self),
            startedOn: try row.decode(column: "started_on", as: String.self),
            endedOn: try row.decode(column: "ended_on", as: String?.self),
            lasting: try row.decode(column: "lasting", as: Bool?.self),
            note: try row.decode(column: "note", as: String.self),
            addedAt: try row.decode(column: "added_at", as: Date.self))
    }

    /// The select of the council's connections, every column.
    static func select(council: UUID, on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(columns.map { SQLColumn($0) }).from(table).where("council_id", .equal, council)
    }
}
