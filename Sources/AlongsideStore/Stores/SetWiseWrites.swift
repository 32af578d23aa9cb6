import Foundation
import SQLKit

/// The named place for raw writes to tables that have a model but whose table is chosen from a value: one
/// statement per table changes every row it names at once. Each says why it does not go through the model.
/// (`OneWayToTheDatabaseTests` allows a raw `UPDATE \(unsafeRaw: table)` here and nowhere else.)
enum SetWiseWrites {
    /// Erasure empties the reason given when each of the person's entries was struck out, in every table of
    /// correctable entries (`PersonTables.correctable`). Why raw: the reason is kept by the tables'
    /// shared correction columns (`version`, `struck_at`, `struck_reason`, `struck_by_id`), which the
    /// models other than `ConversationModel` do not carry; one statement a table empties them all.
    static func clearStruckReasons(personID: UUID, council: UUID, on sql: any SQLDatabase) async throws {
        for table in PersonTables.correctable.sorted() {
            try await sql.raw(
                """
                UPDATE \(unsafeRaw: table) SET struck_reason = '' \
                WHERE council_id = \(bind: council) AND person_id = \(bind: personID) AND struck_reason IS NOT NULL
                """
            ).run()
        }
    }
}
