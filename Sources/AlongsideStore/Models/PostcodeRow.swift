import AlongsideCore
import Foundation
import SQLKit

/// A postcode's row as it is read: the one list of its columns and the one mapping from a row to a
/// `PostcodeDirectory.Entry` (SQLKit). The directory is national, not a council's. Writes go through
/// `PostcodeStore.load` (a bulk load, named in `OneWayToTheDatabaseTests`).
enum PostcodeRow {
    static let table = PostcodeModel.schema

    static let columns = ["postcode", "ward_code", "latitude", "longitude"]

    /// The entry, or nil when the stored postcode is not one Alongside can read.
    static func entry(_ row: any SQLRow) throws -> PostcodeDirectory.Entry? {
        guard let postcode = Postcode(try row.decode(column: "postcode", as: String.self)) else { return nil }
        return try entry(row, of: postcode)
    }

    /// The entry of `postcode`, read from its row.
    static func entry(_ row: any SQLRow, of postcode: Postcode) throws -> PostcodeDirectory.Entry {
        PostcodeDirectory.Entry(
            postcode: postcode, wardCode: try row.decode(column: "ward_code", as: String.self),
            latitude: try row.decode(column: "latitude", as: Double?.self),
            longitude: try row.decode(column: "longitude", as: Double?.self))
    }

    /// The select of the postcodes given (each as stored, `Postcode.value`), every column.
    static func select(_ codes: [String], on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(columns.map { SQLColumn($0) }).from(table).where("postcode", .in, codes)
    }
}
