import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Corrections of what was recorded, each with the earlier version kept, and the version check that
/// stops one save silently overwriting another.
extension PeopleStore {
    /// Every correction on the person's record, oldest first.
    public func corrections(of personID: Person.ID) async throws -> [Correction] {
        try await CorrectionRow.select(council: councilID.uuid, on: database.sql)
            .where("person_id", .equal, personID.uuid).orderBy("at").orderBy("version").all()
            .map(CorrectionRow.correction)
    }

    /// The corrections of one entry made after `version`, oldest first.
    func corrections(of entryID: UUID, after version: Int) async throws -> [Correction] {
        try await CorrectionRow.select(council: councilID.uuid, on: database.sql).where("entry_id", .equal, entryID)
            .where("version", .greaterThan, version).orderBy("version").all().map(CorrectionRow.correction)
    }

    /// The details a correction of the record compares, as shown.
    static let detailFields = [
        "fullName", "preferredName", "dateOfBirth", "phone", "email", "contactPreference", "preferredLanguage",
        "address", "postcode", "household", "ownWords", "categories",
    ]

    static func detailValues(_ person: Person) -> [String: String] {
        [
            "fullName": person.fullName, "preferredName": person.preferredName,
            "dateOfBirth": person.dateOfBirth ?? "", "phone": person.phone, "email": person.email,
            "contactPreference": person.contactPreference?.rawValue ?? "",
            "preferredLanguage": person.preferredLanguage?.rawValue ?? "", "address": person.address,
            "postcode": person.postcode, "household": person.household, "ownWords": person.ownWords,
            "categories": person.categories.map(\.rawValue).sorted().joined(separator: ","),
        ]
    }

    /// Updates the person's details (name, contact, labels…), keeping their journey as it is, in one
    /// transaction with the correction that keeps the earlier values. With `expectedVersion` (the version the
    /// form or the API client read), a record changed since is not overwritten: `RecordChanged` says what
    /// changed. A new postcode routes them again: the ward it is in shows at once, and the move is in
    /// their history (a handover to the ward's coordinator is the team leader's to offer, not done here).
    @discardableResult
    public func updateDetails(
        _ person: Person, expectedVersion: Int? = nil, reason: String = "", by staffID: StaffMember.ID? = nil,
        at now: Date
    ) async throws -> Person {
        let councilID = self.councilID
        let reason = try Correction.checkedReason(reason, required: false)
        return try await database.change { db in
            let store = PeopleStore(db, councilID: councilID)
            let stored = try await store.find(person.id)
            try await store.requireVersion(expectedVersion, current: stored.version, of: person.id.uuid)
            var updated = stored
            updated.fullName = person.fullName
            updated.preferredName = person.preferredName
            updated.dateOfBirth = person.dateOfBirth
            updated.phone = person.phone
            updated.email = person.email
            updated.contactPreference = person.contactPreference
            updated.preferredLanguage = person.preferredLanguage
            updated.address = person.address
            updated.postcode = person.postcode
            updated.household = person.household
            updated.ownWords = person.ownWords
            updated.categories = person.categories
            let changes = Correction.changes(
                Self.detailFields, before: Self.detailValues(stored), after: Self.detailValues(updated))
            if changes.isEmpty { return stored }
            var movedTo: Ward? = nil
            if updated.postcode != stored.postcode {
                let postcode = Postcode(updated.postcode)
                var wardCode: String? = nil
                if let postcode { wardCode = try await PostcodeStore(db).wardCode(for: postcode) }
                let coverage = try await WardStore(db, councilID: councilID).coverage()
                let ward: Ward? =
                    switch IntroductionRoute.route(postcode: postcode, wardCode: wardCode, coverage: coverage) {
                    case .coordinator(_, let ward): ward
                    case .teamLeaderQueue(_, let ward): ward
                    }
                if ward?.id != stored.wardID {
                    updated.wardID = ward?.id
                    movedTo = ward
                }
            }
            updated.version = try await store.bumpVersion(of: stored)
            try await store.save(updated)
            try await CorrectionModel(
                Correction(
                    id: .init(database.newID()), personID: person.id, entry: .details, entryID: person.id.uuid,
                    changes: changes,
                    reason: reason, struck: false, byID: staffID, at: now), councilID: councilID,
                version: updated.version
            ).create(on: db)
            if updated.wardID != stored.wardID {
                try await JourneyEventModel(
                    councilID: councilID.uuid, personID: person.id.uuid, kind: "ward",
                    from: stored.wardID?.uuid.uuidString, to: updated.wardID?.uuid.uuidString, reason: movedTo?.name,
                    staffID: staffID?.uuid, at: now
                ).create(on: db)
            }
            return updated
        }
    }

    /// Level 1 or Level 2, chosen on the record ("walk alongside" / "back to light touch"): the stage that
    /// goes with it, a history event for each, and the version checked, in one transaction.
    @discardableResult
    public func setLevel(
        _ id: Person.ID, to level: SupportLevel, expectedVersion: Int?, by staffID: StaffMember.ID?, at now: Date
    ) async throws -> Person {
        let councilID = self.councilID
        return try await database.change { db in
            let store = PeopleStore(db, councilID: councilID)
            let stored = try await store.find(id)
            try await store.requireVersion(expectedVersion, current: stored.version, of: id.uuid)
            var updated = stored
            updated.stage = try JourneyRules.stage(forLevel: level, from: stored.level, at: stored.stage)
            updated.level = level
            updated.version = try await store.bumpVersion(of: stored)
            try await store.save(updated)
            try await JourneyEventModel(
                councilID: councilID.uuid, personID: id.uuid, kind: "level", from: String(stored.level.rawValue),
                to: String(level.rawValue), reason: nil, staffID: staffID?.uuid, at: now
            ).create(on: db)
            if updated.stage != stored.stage {
                try await JourneyEventModel(
                    councilID: councilID.uuid, personID: id.uuid, kind: "stage", from: stored.stage.rawValue,
                    to: updated.stage.rawValue, reason: nil, staffID: staffID?.uuid, at: now
                ).create(on: db)
            }
            return updated
        }
    }

    /// The version a form or client read (`expected`; nil: apply to the record as it is) must be the one
    /// `current` now, or `RecordChanged` says what changed since on the entry `id`.
    func requireVersion(_ expected: Int?, current: Int, of id: UUID) async throws {
        guard let expected, expected != current else { return }
        throw RecordChanged(currentVersion: current, corrections: try await corrections(of: id, after: expected))
    }

    /// Sets `columns` of the row `id` in `table` (a table of a person's record, named by its model's schema),
    /// moving its version on by one only from the version `read` (`CompareAndSet`): of two writers at once
    /// exactly one gets there, on SQLite and PostgreSQL alike; the other gets `RecordChanged`. Returns the new
    /// version. The one way every version on a person's record moves.
    @discardableResult
    func moveVersion(
        _ table: String, _ id: UUID, from read: Int, setting columns: [String: any Encodable & Sendable] = [:]
    ) async throws -> Int {
        let moved = try await CompareAndSet.update(
            table, council: councilID.uuid, id: id, guards: ["version": read],
            set: columns.merging(["version": read + 1]) { _, version in version }, on: database.sql)
        guard moved else {
            let now = try await database.sql.select().column("version").from(table).where("id", .equal, id).first()?
                .decode(column: "version", as: Int.self)
            guard let now else { throw AlongsideError.notFound(.entry) }
            throw RecordChanged(currentVersion: now, corrections: try await corrections(of: id, after: read))
        }
        return read + 1
    }

    /// Moves the person's version on by one, only from the version read.
    func bumpVersion(of stored: Person) async throws -> Int {
        try await moveVersion(PersonModel.schema, stored.id.uuid, from: stored.version)
    }

    /// Corrects a conversation: date, length, place, who was there, notes. Only whoever recorded it or a
    /// team leader (`mayCorrectOthers`); a reason is needed for one recorded more than a day ago; the
    /// earlier values are kept in the correction. The person's last contact follows the corrected date.
    public func correctConversation(
        _ id: Conversation.ID, of personID: Person.ID, happenedOn: String, minutes: Int?, place: Conversation.Place,
        whoWasThere: String, notes: String, reason: String, expectedVersion: Int?, by staffID: StaffMember.ID,
        mayCorrectOthers: Bool, at now: Date
    ) async throws {
        let day = try Correction.checkedConversation(
            happenedOn: happenedOn, minutes: minutes, whoWasThere: whoWasThere, notes: notes, at: now)
        let councilID = self.councilID
        try await database.change { db in
            let store = PeopleStore(db, councilID: councilID)
            let row = try await store.conversationRow(id, of: personID, by: staffID, mayCorrectOthers: mayCorrectOthers)
            try await store.requireVersion(expectedVersion, current: row.version, of: id.uuid)
            let reason = try Correction.checkedReason(
                reason, required: Correction.needsReason(recordedAt: row.createdAt, now: now))
            func values(_ row: ConversationModel) -> [String: String] {
                [
                    "happenedOn": row.happenedOn, "minutes": row.minutes.map(String.init) ?? "", "place": row.place,
                    "whoWasThere": row.whoWasThere, "notes": row.notes,
                ]
            }
            let before = values(row)
            row.happenedOn = day
            row.minutes = minutes
            row.place = place.rawValue
            row.whoWasThere = whoWasThere
            row.notes = notes
            let changes = Correction.changes(
                ["happenedOn", "minutes", "place", "whoWasThere", "notes"], before: before, after: values(row))
            if changes.isEmpty { return }
            try await store.write(row, correction: changes, reason: reason, struck: false, by: staffID, at: now)
            try await store.refreshLastContact(personID)
        }
    }

    /// Strikes a conversation out with a reason: it leaves the record's list and every count, and stays in
    /// the history of corrections and the audit log. Erasure remains the only deletion.
    public func strikeOutConversation(
        _ id: Conversation.ID, of personID: Person.ID, reason: String, expectedVersion: Int?,
        by staffID: StaffMember.ID, mayCorrectOthers: Bool, at now: Date
    ) async throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw CorrectionProblem.strikeReasonMissing
        }
        _ = try Correction.checkedReason(reason, required: true)
        let councilID = self.councilID
        try await database.change { db in
            let store = PeopleStore(db, councilID: councilID)
            let row = try await store.conversationRow(id, of: personID, by: staffID, mayCorrectOthers: mayCorrectOthers)
            try await store.requireVersion(expectedVersion, current: row.version, of: id.uuid)
            row.struckAt = now
            row.struckReason = reason
            row.struckByID = staffID.uuid
            try await store.write(
                row, correction: [Correction.Change(field: "happenedOn", from: row.happenedOn, to: "")], reason: reason,
                struck: true, by: staffID, at: now)
            try await store.refreshLastContact(personID)
        }
    }

    /// A conversation of this person that is not struck out, for a correction by `staffID`.
    func conversationRow(
        _ id: Conversation.ID, of personID: Person.ID, by staffID: StaffMember.ID, mayCorrectOthers: Bool
    ) async throws -> ConversationModel {
        guard
            let row = try await ConversationModel.query(on: database).filter(\.$councilID == councilID.uuid)
                .filter(\.$personID == personID.uuid).filter(\.$id == id.uuid).filter(\.$struckAt == nil).first()
        else { throw AlongsideError.notFound(.conversation) }
        guard mayCorrectOthers || row.staffID == staffID.uuid else { throw AlongsideError.forbidden }
        return row
    }

    /// Saves a corrected conversation, its version moved on only from the version read, with its correction.
    func write(
        _ row: ConversationModel, correction changes: [Correction.Change], reason: String, struck: Bool,
        by staffID: StaffMember.ID, at now: Date
    ) async throws {
        let read = row.version
        row.version = try await moveVersion(ConversationModel.schema, try row.requireID(), from: read)
        try await row.save(on: database)
        try await CorrectionModel(
            Correction(
                id: .init(database.newID()), personID: .init(row.personID), entry: .conversation,
                entryID: try row.requireID(),
                changes: changes, reason: reason, struck: struck, byID: staffID, at: now), councilID: councilID,
            version: read + 1
        ).create(on: database)
    }

    /// The person's last contact: their latest conversation that is not struck out.
    func refreshLastContact(_ personID: Person.ID) async throws {
        let latest = try await database.sql.select().column(SQLFunction("MAX", args: SQLColumn("happened_on")), as: "d")
            .from(ConversationModel.schema).where("council_id", .equal, councilID.uuid)
            .where("person_id", .equal, personID.uuid).where(SQLColumn("struck_at"), .is, SQLLiteral.null).first()
            .flatMap { try $0.decode(column: "d", as: String?.self) }
        try await PersonModel.query(on: database).filter(\.$councilID == councilID.uuid)
            .filter(\.$id == personID.uuid).set(\.$lastContactAt, to: latest.flatMap(ISODay.date)).update()
    }
}

extension PeopleStore {
    /// The record a merged-away record now lives on (following merges of merges), or nil when `id` was not
    /// merged into another record of this council.
    public func keptRecord(for id: Person.ID) async throws -> Person.ID? {
        var current = id.uuid
        var kept: UUID? = nil
        for _ in 0..<20 {
            guard
                let next = try await database.sql.select().column("merged_into_id").from(PersonModel.schema)
                    .where("council_id", .equal, councilID.uuid).where("id", .equal, current).first()?
                    .decode(column: "merged_into_id", as: UUID?.self)
            else { break }
            kept = next
            current = next
        }
        return kept.map { .init($0) }
    }
}
