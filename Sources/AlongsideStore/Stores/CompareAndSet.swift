import Foundation
import SQLKit

/// The named place for compare-and-set writes to tables that have a model: one row changed only while its
/// guard columns still hold what was read (a version, a status, an unused link's `used_at`), so of two writers
/// at once exactly one gets there, on SQLite and PostgreSQL alike, and the other is told.
///
/// Why raw: the write must say whether it changed a row (none when someone wrote first), and a Fluent query
/// update (`Model.query(on:).filter(…).set(…).update()`) does not say how many rows it changed; loading the
/// model and saving it would not guard at all. So each caller passes its model's schema and columns here,
/// and this is the only SQLKit builder update of a modelled table outside bulk loads and set-wise moves
/// (`OneWayToTheDatabaseTests`).
enum CompareAndSet {
    /// Sets `columns` on the row `id` of the council in `table`, only while every column in `guards` holds its
    /// expected value (a nil value: the column is NULL). True when the row changed; false when it did not
    /// (someone wrote first, or there is no such row). A nil value in `columns` writes NULL.
    /// `council` is nil only for a table without `council_id` (staff links, keyed by their member of staff).
    static func update(
        _ table: String, council: UUID?, id: UUID, guards: [String: any Encodable & Sendable],
        set columns: [String: any Encodable & Sendable], on sql: any SQLDatabase
    ) async throws -> Bool {
        precondition(!columns.isEmpty && !guards.isEmpty, "a compare-and-set sets something, guarded by something")
        var update = sql.update(table)
        for (column, value) in columns.sorted(by: { $0.key < $1.key }) {
            update = update.set(SQLColumn(column), to: Self.expression(value))
        }
        if let council { update = update.where("council_id", .equal, council) }
        update = update.where("id", .equal, id)
        for (column, value) in guards.sorted(by: { $0.key < $1.key }) {
            if Self.isNull(value) {
                update = update.where(SQLColumn(column), .is, SQLLiteral.null)
            } else {
                update = update.where(SQLColumn(column), .equal, SQLBind(value))
            }
        }
        return try await !update.returning("id").all().isEmpty
    }

    /// A value as it is written: NULL for a nil optional, else bound.
    static func expression(_ value: any Encodable & Sendable) -> any SQLExpression {
        isNull(value) ? SQLLiteral.null : SQLBind(value)
    }

    static func isNull(_ value: any Encodable & Sendable) -> Bool {
        (value as? any NullableValue)?.isNil == true
    }
}

/// An optional, so a compare-and-set can tell a nil value (NULL) from a bound one.
protocol NullableValue {
    var isNil: Bool { get }
}

extension Optional: NullableValue {
    var isNil: Bool { self == nil }
}
