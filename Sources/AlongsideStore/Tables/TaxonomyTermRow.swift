import AlongsideCore
import Foundation
import SQLKit

/// A directory category's row: the one list of its columns (read and written, `DirectoryTables.terms`) and
/// the one mapping from a row to a `TaxonomyTerm`.
enum TaxonomyTermRow {
    static let table = "directory_terms"

    static let columns = ["council_id", "id", "taxonomy_id", "name", "description", "code", "parent_id"]

    static func term(_ row: any SQLRow) throws -> TaxonomyTerm {
        TaxonomyTerm(
            id: .init(try row.decode(column: "id", as: UUID.self)),
            name: try row.decode(column: "name", as: String.self),
            description: try row.decode(column: "description", as: String.self),
            code: try row.decode(column: "code", as: String?.self),
            parentID: try row.decode(column: "parent_id", as: UUID?.self).map { .init($0) },
            taxonomyID: try row.decode(column: "taxonomy_id", as: UUID.self))
    }
}
