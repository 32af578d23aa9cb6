import AlongsideCore
import Foundation
import SQLKit

/// A council's deflator table's row as it is read: the one list of its columns and the one mapping from a
/// row to a `DeflatorTable` (SQLKit). Writes go through `DeflatorSetModel`.
enum DeflatorSetRow {
    static let table = DeflatorSetModel.schema

    static let columns = ["id", "council_id", "source", "published", "indexes", "version"]

    static func councilID(_ row: any SQLRow) throws -> Council.ID {
        .init(try row.decode(column: "council_id", as: UUID.self))
    }

    static func version(_ row: any SQLRow) throws -> Int { try row.decode(column: "version", as: Int.self) }

    /// The table, or nil when its indexes cannot be read (the shipped table is used instead). A year or an
    /// index that is not a number is left out.
    static func deflators(_ row: any SQLRow) throws -> DeflatorTable? {
        let stored = try row.decode(column: "indexes", as: String.self)
        guard let held = try? JSONDecoder().decode([String: String].self, from: Data(stored.utf8)) else {
            return nil
        }
        var indexes: [Int: Decimal] = [:]
        for (year, index) in held {
            if let year = Int(year), let index = Decimal(string: index) { indexes[year] = index }
        }
        return DeflatorTable(
            indexes: indexes, source: try row.decode(column: "source", as: String.self),
            published: try row.decode(column: "published", as: String.self))
    }

    /// The select of the deflator tables of `councils`, every column.
    static func select(councils: [UUID], on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(columns.map { SQLColumn($0) }).from(table).where("council_id", .in, councils)
    }
}
