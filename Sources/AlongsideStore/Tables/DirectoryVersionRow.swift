import AlongsideCore
import Foundation
import SQLKit

/// A saved version of a directory resource: the one list of its columns (written,
/// `DirectoryTables.versions`) and the one mapping from a row to a `DirectoryVersion`.
enum DirectoryVersionRow {
    static let table = "directory_versions"

    static let columns = [
        "council_id", "resource_id", "version", "changed_by_id", "changed_by", "changed_at", "changes", "document",
    ]

    /// What the list of a resource's versions selects (not the documents).
    static let read = ["version", "changed_by", "changed_at", "changes"]

    static func version(_ row: any SQLRow) throws -> DirectoryVersion {
        DirectoryVersion(
            version: try row.decode(column: "version", as: Int.self),
            changedBy: try row.decode(column: "changed_by", as: String.self),
            changedAt: try row.decode(column: "changed_at", as: Date.self),
            changes: try row.decode(column: "changes", as: String.self).components(separatedBy: ", "))
    }
}
