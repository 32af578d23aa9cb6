import AlongsideCore
import Foundation
import SQLKit

/// An outbox message's row as it is read: the one list of its columns and the one mapping from a row to an
/// `OutboxMessage` (SQLKit, also in the claim's `UPDATE … RETURNING`). Writes go through `OutboxModel`.
enum OutboxRow {
    static let table = OutboxModel.schema

    static let columns = [
        "id", "council_id", "staff_id", "to_address", "notice", "created_at", "attempts", "last_error", "sent_at",
    ]

    static func message(_ row: any SQLRow) throws -> OutboxMessage {
        OutboxMessage(
            id: try row.decode(column: "id", as: UUID.self),
            councilID: .init(try row.decode(column: "council_id", as: UUID.self)),
            staffID: try row.decode(column: "staff_id", as: UUID?.self).map { .init($0) },
            to: try row.decode(column: "to_address", as: String.self),
            notice: try JSONDecoder().decode(
                Notice.self, from: Data(try row.decode(column: "notice", as: String.self).utf8)),
            createdAt: try row.decode(column: "created_at", as: Date.self),
            attempts: try row.decode(column: "attempts", as: Int.self),
            lastError: try row.decode(column: "last_error", as: String?.self),
            sentAt: try row.decode(column: "sent_at", as: Date?.self))
    }
}
