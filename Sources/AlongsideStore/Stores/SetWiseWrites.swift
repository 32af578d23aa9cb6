import Foundation
import SQLKit

/// The named place for raw writes to tables that have a model but whose table is chosen from a value: one
/// statement per table changes every row it names at once. Each says why it does not go through the model.
/// (`OneWayToTheDatabaseTests` allows a raw `UPDATE \(unsafeRaw: table)`, or a raw `UPDATE` naming a modelled
/// table, here and nowhere else.)
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

    /// Erasure empties the person's record and the records merged into it, and marks them erased: the name
    /// is left empty, never a sentence in its place (issue 23; `erased_at` marks the erasure, and whoever
    /// shows the record words it in the reader's language). Why raw:
    /// `erased_at` and `erasure_reason` are not carried by `PersonModel` (they are read through `PersonRow`),
    /// and the record and those merged into it are changed in one statement.
    static func erasePerson(_ id: UUID, council: UUID, reason: String, at now: Date, on sql: any SQLDatabase)
        async throws
    {
        try await sql.raw(
            """
            UPDATE people SET full_name = '', name_key = '', preferred_name = '', date_of_birth = NULL, \
            phone = '', phone_digits = '', email = '', address = '', postcode = '', household = '', own_words = '', \
            queue_reason = NULL, erased_at = \(bind: now), erasure_reason = \(bind: reason) \
            WHERE council_id = \(bind: council) AND (id = \(bind: id) OR merged_into_id = \(bind: id))
            """
        ).run()
    }

    /// Claims up to `limit` outbox messages due to be sent, for `lease` seconds; the rows claimed. Why raw: the
    /// claim must choose, mark and return the rows in one statement (`UPDATE … WHERE id IN (SELECT … LIMIT)
    /// RETURNING`), its conditions checked again on each row as it is updated, so of two servers claiming at
    /// once each message goes to one; a Fluent query update neither limits nor returns rows.
    static func claimOutbox(limit: Int, lease: TimeInterval, at now: Date, on sql: any SQLDatabase) async throws
        -> [any SQLRow]
    {
        let free: SQLQueryString =
            "sent_at IS NULL AND send_after <= \(bind: now) AND (claimed_until IS NULL OR claimed_until < \(bind: now))"
        return try await sql.raw(
            """
            UPDATE outbox SET claimed_until = \(bind: now.addingTimeInterval(lease)) WHERE \(free) \
            AND id IN (SELECT id FROM outbox WHERE \(free) ORDER BY send_after LIMIT \(literal: max(1, limit))) \
            RETURNING \(unsafeRaw: OutboxRow.columns.joined(separator: ", "))
            """
        ).all()
    }

    /// Moves the council's wording version on by one, so every server reloads its wording on its next request.
    /// Why raw: the database counts (`wording_version + 1`), so of two replacements at once neither count is
    /// lost, where a model read and saved would write back the number it read.
    static func countWordingVersion(council: UUID, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE councils SET wording_version = wording_version + 1 WHERE id = \(bind: council)")
            .run()
    }
}
