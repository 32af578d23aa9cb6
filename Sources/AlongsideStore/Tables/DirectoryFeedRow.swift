import AlongsideCore
import Foundation
import SQLKit

/// An Open Referral feed's row (`directory_feeds`, no model: see `DirectoryStore+Feeds`): the one list of
/// the columns read and the one mapping from a row to a `DirectoryFeed`.
enum DirectoryFeedRow {
    static let table = "directory_feeds"

    static let columns = ["id", "council_id", "url", "last_read_at", "last_ok", "last_result"]

    static func feed(_ row: any SQLRow) throws -> DirectoryFeed {
        DirectoryFeed(
            id: try row.decode(column: "id", as: UUID.self),
            councilID: .init(try row.decode(column: "council_id", as: UUID.self)),
            url: try row.decode(column: "url", as: String.self),
            lastReadAt: try row.decode(column: "last_read_at", as: Date?.self),
            lastOK: try row.decode(column: "last_ok", as: Bool?.self),
            lastResult: try row.decode(column: "last_result", as: String?.self))
    }
}
