import AlongsideCore
import Foundation
import SQLKit

/// A directory taxonomy's row: the one list of its columns (read and written, `DirectoryTables.taxonomies`)
/// and the one mapping from a row to a `Taxonomy`.
enum TaxonomyRow {
    static let table = "directory_taxonomies"

    static let columns = ["council_id", "id", "name", "description", "uri", "version"]

    static func taxonomy(_ row: any SQLRow) throws -> Taxonomy {
        Taxonomy(
            id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
            description: try row.decode(column: "description", as: String.self),
            uri: try row.decode(column: "uri", as: String?.self),
            version: try row.decode(column: "version", as: String?.self))
    }
}
