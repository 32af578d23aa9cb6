import AlongsideCore
import Foundation
import SQLKit

/// A directory resource's row: the one list of its columns (written, `DirectoryTables.resources`; the
/// resource is kept whole in `document`, the other columns are for lists and filters) and the one mapping
/// from a row to a `CommunityResource`, from its document.
enum CommunityResourceRow {
    static let table = "directory_resources"

    static let columns = [
        "council_id", "id", "organisation_id", "name", "status", "modified_at", "checked_on", "minimum_age",
        "maximum_age", "days", "version", "document",
    ]

    /// What a read of whole resources selects: the document (and the version a save moves on from).
    static let read = ["document", "version"]

    static let decoder = JSONDecoder()

    static func resource(_ row: any SQLRow) throws -> CommunityResource {
        try decoder.decode(CommunityResource.self, from: Data(try row.decode(column: "document", as: String.self).utf8))
    }

    static func version(_ row: any SQLRow) throws -> Int { try row.decode(column: "version", as: Int.self) }
}
