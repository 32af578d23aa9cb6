import AlongsideCore
import Foundation
import SQLKit

/// A council's own proxy value's row as it is read: the one list of its columns and the one mapping from a
/// row to a `Proxy` (SQLKit). Writes go through `ProxyModel`.
enum ProxyRow {
    static let table = ProxyModel.schema

    static let columns = ["id", "council_id", "kind", "definition", "price_year"]

    static func councilID(_ row: any SQLRow) throws -> Council.ID {
        .init(try row.decode(column: "council_id", as: UUID.self))
    }

    /// The proxy, its price year from the column (the authority), or nil when its definition cannot be read
    /// (the library then keeps the starter value of that kind).
    static func proxy(_ row: any SQLRow) throws -> Proxy? {
        let definition = try row.decode(column: "definition", as: String.self)
        guard var proxy = try? JSONDecoder().decode(Proxy.self, from: Data(definition.utf8)) else { return nil }
        proxy.priceYear = try row.decode(column: "price_year", as: Int.self)
        return proxy
    }
}
