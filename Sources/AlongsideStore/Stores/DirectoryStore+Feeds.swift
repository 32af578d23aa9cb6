import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// An Open Referral feed a council's directory is kept up to date from. `directory_feeds` has no Fluent
/// model, like the directory's other tables (`DirectoryTables`): a feed is remembered once, then only its
/// last reading is set, and this extension of `DirectoryStore` is the one place that reads and writes it.
public struct DirectoryFeed: Sendable, Equatable {
    public let id: UUID
    public let councilID: Council.ID
    public let url: String
    public let lastReadAt: Date?
    public let lastOK: Bool?
    public let lastResult: String?
}

extension DirectoryStore {
    /// Remembers a feed this council's directory was imported from (once; a feed given again is kept).
    public func rememberFeed(_ url: String, at now: Date) async throws {
        let sql = try database.sql
        let known =
            try await sql.select().column("id").from("directory_feeds").where("council_id", .equal, councilID.uuid)
            .where("url", .equal, url).first() != nil
        guard !known else { return }
        try await sql.insert(into: "directory_feeds").columns("id", "council_id", "url", "added_at")
            .values(SQLBind(database.newID()), SQLBind(councilID.uuid), SQLBind(url), SQLBind(now)).run()
    }

    /// Records how reading a feed went.
    public func recordFeed(_ id: UUID, ok: Bool, result: String, at now: Date) async throws {
        try await database.sql.update("directory_feeds").set("last_read_at", to: now).set("last_ok", to: ok)
            .set("last_result", to: String(result.prefix(500))).where("id", .equal, id)
            .where("council_id", .equal, councilID.uuid).run()
    }

    /// Every council's feeds, for the nightly job.
    public static func allFeeds(on database: any Database) async throws -> [DirectoryFeed] {
        try await database.sql.select()
            .columns(DirectoryFeedRow.columns.map { SQLColumn($0) })
            .from(DirectoryFeedRow.table).orderBy("added_at").all().map(DirectoryFeedRow.feed)
    }
}
