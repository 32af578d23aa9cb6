import AlongsideCore
import FluentKit
import Foundation
import SQLKit

extension DirectoryStore {
    /// The resource that meets at a place (ORUK `service_at_location` id).
    public func resource(atSite siteID: UUID) async throws -> CommunityResource? {
        guard
            let row = try await sql.raw(
                """
                SELECT resource_id FROM directory_sites \
                WHERE council_id = \(bind: councilID.uuid) AND id = \(bind: siteID)
                """
            ).first()
        else { return nil }
        return try await resource(.init(try row.decode(column: "resource_id", as: UUID.self)))
    }
}
