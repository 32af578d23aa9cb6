import AlongsideCore
import Foundation
import SQLKit

/// A directory organisation's row: the one list of its columns (read and written,
/// `DirectoryTables.organisations`) and the one mapping from a row to a `CommunityOrganisation`.
enum CommunityOrganisationRow {
    static let table = "directory_organisations"

    static let columns = ["council_id", "id", "name", "description", "email", "website", "modified_at"]

    static func organisation(_ row: any SQLRow) throws -> CommunityOrganisation {
        CommunityOrganisation(
            id: .init(try row.decode(column: "id", as: UUID.self)),
            name: try row.decode(column: "name", as: String.self),
            description: try row.decode(column: "description", as: String.self),
            email: try row.decode(column: "email", as: String?.self),
            website: try row.decode(column: "website", as: String?.self))
    }
}
