import AlongsideCore
import FluentKit
import SQLKit

/// Queue reasons and route notes are kept as codes, worded in the reader's language when shown (issue 27):
/// they were written as sentences in whichever language the introducer used. Rows written before are turned
/// into codes where their sentence is one Alongside wrote (in English or Welsh); anything else stays as it
/// was and is shown as written.
struct StoreRouteCodes: AsyncMigration {
    /// The sentences Alongside wrote for each queue reason, in English and in its Welsh.
    static let sentences: [(IntroductionRoute.QueueReason, [String])] = [
        (.noPostcode, ["No postcode was given.", "Ni roddwyd cod post."]),
        (.unknownPostcode, ["The postcode is not in the postcode table.", "Nid yw'r cod post yn y tabl codau post."]),
        (
            .outOfArea,
            ["The postcode is outside the council's wards.", "Mae'r cod post y tu allan i wardiau'r cyngor."]
        ),
        (
            .uncoveredWard,
            ["The ward has no named coordinator.", "Does gan y ward ddim cydlynydd a enwir."]
        ),
        (.returned, ["Returned to the team leader."]),
    ]

    func prepare(on database: any Database) async throws {
        let sql = try database.sql
        for (reason, texts) in Self.sentences {
            try await sql.raw(
                "UPDATE people SET queue_reason = \(bind: reason.rawValue) WHERE queue_reason IN (\(binds: texts))"
            ).run()
            let notes = texts.map { "Sent to the team leader: " + $0 }
            try await sql.raw(
                "UPDATE introductions SET route_note = \(bind: "team-leader:" + reason.rawValue) WHERE route_note IN (\(binds: notes))"
            ).run()
        }
        // "Routed to the named coordinator for Abbey Fields." → "coordinator:Abbey Fields"
        let prefix = "Routed to the named coordinator for "
        // The lengths are written into the SQL as numbers: PostgreSQL has no SUBSTR(text, bigint, bigint).
        let start = String(prefix.count + 1)
        try await sql.raw(
            """
            UPDATE introductions SET route_note = 'coordinator:' || SUBSTR(route_note, \(unsafeRaw: start), \
            LENGTH(route_note) - \(unsafeRaw: start)) \
            WHERE SUBSTR(route_note, 1, \(unsafeRaw: String(prefix.count))) = \(bind: prefix) AND route_note LIKE '%.'
            """
        ).run()
    }

    func revert(on database: any Database) async throws {}
}
