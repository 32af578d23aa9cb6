import AlongsideCore
import Foundation
import SQLKit

/// An audit entry's row as it is read: the one list of its columns and the one mapping from a row to an
/// `AuditEntry` (SQLKit). Entries are written by `AuditStore.record`, and never changed.
enum AuditEntryRow {
    static let table = AuditEntryModel.schema

    static let columns = [
        "id", "council_id", "staff_id", "person_id", "action", "detail", "detail_code", "detail_values",
        "detail_api", "reason", "address", "at",
    ]

    /// An action Alongside does not know reads as a view.
    static func entry(_ row: any SQLRow) throws -> AuditEntry {
        AuditEntry(
            at: try row.decode(column: "at", as: Date.self),
            staffID: try row.decode(column: "staff_id", as: UUID?.self).map { .init($0) },
            personID: try row.decode(column: "person_id", as: UUID?.self).map { .init($0) },
            action: AuditEntry.Action(rawValue: try row.decode(column: "action", as: String.self)) ?? .view,
            detail: try detail(row), reason: try row.decode(column: "reason", as: String?.self),
            address: try row.decode(column: "address", as: String?.self))
    }

    /// What an entry's row says was done: its code and values (values that are not a JSON array of strings
    /// read as none), or, for an entry written before codes, its words.
    static func detail(_ row: any SQLRow) throws -> AuditEntry.Detail {
        guard let code = try row.decode(column: "detail_code", as: String?.self) else {
            return .init(written: try row.decode(column: "detail", as: String.self))
        }
        let values =
            try row.decode(column: "detail_values", as: String?.self).flatMap {
                try? JSONDecoder().decode([String].self, from: Data($0.utf8))
            } ?? []
        return .init(code: code, values: values, viaAPI: try row.decode(column: "detail_api", as: Bool?.self) ?? false)
    }

    /// The select of the council's audit entries, every column.
    static func select(council: UUID, on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(columns.map { SQLColumn($0) }).from(table).where("council_id", .equal, council)
    }
}
