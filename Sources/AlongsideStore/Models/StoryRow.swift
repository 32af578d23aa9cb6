import AlongsideCore
import Foundation
import SQLKit

/// A story's row as it is read: the one list of its columns and the one mapping from a row to a `Story`
/// (SQLKit). Writes go through `StoryModel`.
enum StoryRow {
    static let table = StoryModel.schema

    static let columns = [
        "id", "council_id", "person_id", "title", "body", "status", "written_by_id", "written_at", "review_note",
    ]

    /// A story and its status exactly as stored (a change decides from the stored status; a story shown
    /// with a status Alongside does not know reads as awaiting approval).
    struct Stored: Sendable {
        let story: Story
        let status: String
    }

    static func stored(_ row: any SQLRow) throws -> Stored {
        let status = try row.decode(column: "status", as: String.self)
        let story = Story(
            id: .init(try row.decode(column: "id", as: UUID.self)),
            personID: .init(try row.decode(column: "person_id", as: UUID.self)),
            title: try row.decode(column: "title", as: String.self),
            body: try row.decode(column: "body", as: String.self),
            status: Story.Status(rawValue: status) ?? .awaitingApproval,
            writtenAt: try row.decode(column: "written_at", as: Date.self),
            reviewNote: try row.decode(column: "review_note", as: String?.self),
            writtenByID: try row.decode(column: "written_by_id", as: UUID?.self).map { .init($0) })
        return Stored(story: story, status: status)
    }

    static func story(_ row: any SQLRow) throws -> Story { try stored(row).story }

    /// The select of the council's stories, every column.
    static func select(council: UUID, on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(columns.map { SQLColumn($0) }).from(table).where("council_id", .equal, council)
    }
}
