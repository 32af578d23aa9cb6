import AlongsideCore
import Foundation
import SQLKit

/// A practice library item's row as it is read: the one list of its columns and the one mapping from a row
/// to a `PracticeItem` (SQLKit). Writes go through `PracticeItemModel`. The library is the Network's: every
/// council reads all of it, so the select is not limited to one council.
enum PracticeItemRow {
    static let table = PracticeItemModel.schema

    static let columns = [
        "id", "council_id", "kind", "title", "body", "themes", "event_on", "event_place", "source_story_id",
        "published_by_id", "published_at",
    ]

    /// A kind Alongside does not know reads as an idea; a theme it does not know is left out.
    static func item(_ row: any SQLRow) throws -> PracticeItem {
        PracticeItem(
            id: .init(try row.decode(column: "id", as: UUID.self)),
            councilID: .init(try row.decode(column: "council_id", as: UUID.self)),
            kind: PracticeItem.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .idea,
            title: try row.decode(column: "title", as: String.self),
            body: try row.decode(column: "body", as: String.self),
            themes: try row.decode(column: "themes", as: String.self).split(separator: ",")
                .compactMap { PracticeItem.Theme(rawValue: String($0)) },
            eventOn: try row.decode(column: "event_on", as: String?.self),
            eventPlace: try row.decode(column: "event_place", as: String?.self),
            publishedAt: try row.decode(column: "published_at", as: Date.self))
    }

    /// The select of every council's items, every column.
    static func select(on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(columns.map { SQLColumn($0) }).from(table)
    }
}
