import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// The postcode → ward table.
public struct PostcodeStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// Adds or replaces the given postcodes, all in one transaction: a failure leaves the table as it was.
    /// `progress` is called after each batch with the number written so far.
    public func load(
        _ entries: [PostcodeDirectory.Entry], batchSize: Int = 500,
        progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws {
        try await database.change { db in
            let sql = try db.sql
            var written = 0
            for start in stride(from: 0, to: entries.count, by: batchSize) {
                let batch = entries[start..<min(start + batchSize, entries.count)]
                try await sql.delete(from: "postcodes")
                    .where("postcode", .in, batch.map { $0.postcode.value }).run()
                var insert = sql.insert(into: "postcodes").columns("postcode", "ward_code", "latitude", "longitude")
                for entry in batch {
                    insert = insert.values(
                        SQLBind(entry.postcode.value), SQLBind(entry.wardCode), SQLBind(entry.latitude),
                        SQLBind(entry.longitude))
                }
                try await insert.run()
                written += batch.count
                progress(written)
            }
        }
    }

    /// The ward code a postcode lies in, if the table knows it.
    public func wardCode(for postcode: Postcode) async throws -> String? {
        try await place(of: postcode)?.wardCode
    }

    /// Where a postcode is: its ward and, when known, its centroid.
    public func place(of postcode: Postcode) async throws -> PostcodeDirectory.Entry? {
        try await PostcodeRow.select([postcode.value], on: database.sql).first()
            .map { try PostcodeRow.entry($0, of: postcode) }
    }

    public func count() async throws -> Int {
        try await database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(PostcodeRow.table).first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
