import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Writes many generated records at once (the demo council, benchmark data), in batches, in one
/// transaction. Only for data Alongside makes itself: nothing here is validated.
public struct BulkLoad: Sendable {
    public struct History: Sendable {
        public var people: [Person] = []
        public var introductions: [(Introduction, recordedBy: StaffMember.ID?)] = []
        /// Person, kind ("stage" or "coordinator"), from, to, reason, staff, at.
        public var events: [(Person.ID, String, String?, String?, String?, StaffMember.ID?, Date)] = []
        public var conversations: [Conversation] = []
        public var conversationDates: [Date] = []
        public var visions: [(Person.ID, GoodLifeVision)] = []
        public var steps: [(Step, createdAt: Date)] = []
        public var peopleInLife: [PersonInLife] = []
        public var measures: [MeasureReading] = []
        public var outcomes: [RecordedOutcome] = []

        public init() {}
    }

    let database: any Database
    let councilID: Council.ID

    public init(_ database: any Database, councilID: Council.ID) {
        self.database = database
        self.councilID = councilID
    }

    /// Writes the history in one transaction, as many rows a statement as the database takes (SQLite and
    /// PostgreSQL both allow over 30,000 bound values), or `batchSize` rows when given.
    public func write(_ history: History, batchSize: Int? = nil) async throws {
        let council = councilID.uuid
        try await database.transaction { db in
            guard let sql = db as? any SQLDatabase else { return }
            func insert(_ table: String, _ columns: [String], _ rows: [[any Encodable & Sendable]]) async throws {
                let perStatement = batchSize ?? max(1, 30_000 / columns.count)
                for start in stride(from: 0, to: rows.count, by: perStatement) {
                    var query = sql.insert(into: table).columns(columns)
                    for row in rows[start..<min(start + perStatement, rows.count)] {
                        query = query.values(row.map { SQLBind($0) })
                    }
                    try await query.run()
                }
            }
            try await insert(
                "people",
                [
                    "id", "council_id", "full_name", "name_key", "preferred_name", "date_of_birth", "age_band", "phone",
                    "phone_digits",
                    "email", "contact_preference", "address", "postcode", "ward_id", "household", "own_words",
                    "categories",
                    "level", "stage", "end_reason", "coordinator_id", "queue_reason", "created_at", "last_contact_at",
                    "next_step_due", "merged_into_id",
                ],
                history.people.map { p in
                    [
                        p.id.uuid, council, p.fullName, DuplicateCheck.normalisedName(p.fullName), p.preferredName,
                        p.dateOfBirth, p.ageBand, p.phone,
                        Person.normalisedPhone(p.phone), p.email.lowercased(), p.contactPreference?.rawValue, p.address,
                        p.postcode, p.wardID?.uuid, p.household, p.ownWords,
                        p.categories.map(\.rawValue).joined(separator: ","), p.level.rawValue, p.stage.rawValue,
                        p.endReason?.rawValue, p.coordinatorID?.uuid, p.queueReason, p.createdAt, p.lastContactAt,
                        p.nextStepDue, Optional<UUID>.none,
                    ]
                })
            try await insert(
                "introductions",
                [
                    "id", "council_id", "person_id", "source", "introducer_name", "introducer_contact", "what_matters",
                    "received_at", "via_public_page", "route_note", "recorded_by_id",
                ],
                history.introductions.map { i, by in
                    [
                        i.id.uuid, council, i.personID.uuid, i.source.rawValue, i.introducerName, i.introducerContact,
                        i.whatMatters, i.receivedAt, i.viaPublicPage, i.routeNote, by?.uuid,
                    ]
                })
            try await insert(
                "journey_events",
                ["id", "council_id", "person_id", "kind", "from_value", "to_value", "reason", "staff_id", "at"],
                history.events.map { e in [UUID(), council, e.0.uuid, e.1, e.2, e.3, e.4, e.5?.uuid, e.6] })
            try await insert(
                "conversations",
                [
                    "id", "council_id", "person_id", "staff_id", "happened_on", "minutes", "place", "who_was_there",
                    "notes",
                    "level", "about", "shared", "created_at",
                ],
                zip(history.conversations, history.conversationDates).map { c, at in
                    [
                        c.id.uuid, council, c.personID.uuid, c.staffID.uuid, c.happenedOn, c.minutes, c.place.rawValue,
                        c.whoWasThere, c.notes, c.level.rawValue, c.about, c.shared, at,
                    ]
                })
            try await insert(
                "good_lives",
                [
                    "id", "council_id", "person_id", "vision", "strengths", "gifts_and_interests", "what_matters",
                    "updated_at", "updated_by_id",
                ],
                history.visions.map { id, v in
                    [
                        UUID(), council, id.uuid, v.vision, v.strengths, v.giftsAndInterests, v.whatMatters,
                        v.updatedAt ?? Date(), Optional<UUID>.none,
                    ]
                })
            try await insert(
                "steps", ["id", "council_id", "person_id", "what", "who", "due_on", "done_at", "created_at"],
                history.steps.map { s, created in
                    [s.id.uuid, council, s.personID.uuid, s.what, s.who, s.dueOn, s.doneAt, created]
                })
            try await insert(
                "people_in_life", ["id", "council_id", "person_id", "name", "kind", "closeness", "note", "added_at"],
                history.peopleInLife.map { p in
                    [
                        p.id.uuid, council, p.personID.uuid, p.name, p.kind.rawValue, p.closeness.rawValue, p.note,
                        p.addedAt,
                    ]
                })
            let created = Date()
            try await insert(
                "measures",
                [
                    "id", "council_id", "person_id", "kind", "taken_on", "answers", "declined", "recorded_by_id",
                    "created_at",
                ],
                history.measures.map { m in
                    [
                        m.id.uuid, council, m.personID.uuid, m.kind.rawValue, m.takenOn,
                        m.answers.map(String.init).joined(separator: ","), m.declined, Optional<UUID>.none, created,
                    ]
                })
            try await insert(
                "outcomes",
                [
                    "id", "council_id", "person_id", "kind", "happened_on", "otherwise", "confidence", "recorded_by_id",
                    "created_at",
                ],
                history.outcomes.map { o in
                    [
                        o.id.uuid, council, o.personID.uuid, o.kind.rawValue, o.happenedOn, o.otherwise,
                        o.confidence.rawValue,
                        Optional<UUID>.none, created,
                    ]
                })
        }
    }
}
