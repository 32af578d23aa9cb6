import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// A record due under the council's retention periods, and which rule made it due.
public struct RetentionDue: Sendable, Equatable {
    public let personID: Person.ID
    public let rule: String
}

/// People's rights: consent, erasure, retention.
extension PeopleStore {
    // MARK: Consent

    public func recordConsent(
        _ personID: Person.ID, kind: Consent.Kind, partner: String?, givenOn: String, by staffID: StaffMember.ID?,
        at now: Date
    ) async throws -> Consent {
        let partner = partner?.trimmingCharacters(in: .whitespaces)
        if kind == .shareWithPartner && (partner ?? "").isEmpty {
            throw RightsProblem.partnerMissing
        }
        guard ISODay.date(givenOn) != nil else {
            throw RightsProblem.consentDayUnreadable
        }
        _ = try await find(personID)
        let row = ConsentModel()
        row.councilID = councilID.uuid
        row.personID = personID.uuid
        row.kind = kind.rawValue
        row.partner = kind == .shareWithPartner ? partner : nil
        row.wording = kind.wording(partner: partner)
        row.givenOn = givenOn
        row.recordedByID = staffID?.uuid
        row.recordedAt = now
        try await row.create(on: database)
        return try row.consent()
    }

    public func consents(of personID: Person.ID) async throws -> [Consent] {
        try await ConsentRow.select(council: councilID.uuid, on: database.sql)
            .where("person_id", .equal, personID.uuid).orderBy("given_on", .descending).all()
            .map(ConsentRow.consent)
    }

    /// Withdraws a consent today. Withdrawing consent to tell their story withdraws their stories at once.
    public func withdrawConsent(_ id: Consent.ID, of personID: Person.ID, on day: String) async throws {
        try await database.change { db in
            guard
                let row = try await ConsentModel.query(on: db).filter(\.$councilID == councilID.uuid)
                    .filter(\.$personID == personID.uuid).filter(\.$id == id.uuid).first()
            else { throw AlongsideError.notFound(.consent) }
            guard row.withdrawnOn == nil else { return }
            row.withdrawnOn = day
            try await row.save(on: db)
            if row.kind == Consent.Kind.tellStory.rawValue {
                try await PracticeStore.withdrawStories(of: personID.uuid, councilID: councilID.uuid, on: db)
                try await StoryModel.query(on: db).filter(\.$councilID == councilID.uuid)
                    .filter(\.$personID == personID.uuid).set(\.$status, to: Story.Status.withdrawn.rawValue).update()
            }
        }
    }

    // MARK: Erasure

    /// When and why a record was erased, if it was.
    public func erasure(of personID: Person.ID) async throws -> (at: Date, reason: String)? {
        guard
            let row = try await database.sql.raw(
                """
                SELECT erased_at, erasure_reason FROM people \
                WHERE council_id = \(bind: councilID.uuid) AND id = \(bind: personID.uuid)
                """
            ).first(),
            let at = try row.decode(column: "erased_at", as: Date?.self)
        else { return nil }
        return (at, try row.decode(column: "erasure_reason", as: String?.self) ?? "")
    }

    /// Removes everything that identifies the person, in one transaction, and logs it. What counts for
    /// figures stays (their ward, stage, level, labels, dates, measures and outcomes), so totals already
    /// reported stay true. Other people's details in their record go too.
    public func erase(_ personID: Person.ID, reason: String, by staffID: StaffMember.ID?, at now: Date) async throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 1_000 else {
            throw RightsProblem.erasureReasonMissing
        }
        let person = try await find(personID)
        if try await erasure(of: personID) != nil {
            throw RightsProblem.alreadyErased
        }
        try await database.change { db in
            let sql = try db.sql
            let council = councilID.uuid
            let id = personID.uuid
            // What goes is left empty, never replaced by words (issue 23): the record's `erased_at` marks the
            // erasure, and the pages, exports and API word an erased name, step or neighbour when they show it.
            try await SetWiseWrites.erasePerson(id, council: council, reason: reason, at: now, on: sql)
            // What corrections, merges and history texts kept of who they are: earlier values, the records
            // merged in (a merge can no longer be undone), names and notes written into their history.
            // Searches for them kept in the audit log (people searches, and the audit log's own searches and
            // exports, which keep the person searched for in `reason` too): the words (their name, phone,
            // email) are removed; the entry itself (who searched, when) stays.
            var words = DuplicateCheck.normalisedName(person.fullName + " " + person.preferredName)
                .split(separator: " ").map(String.init).filter { $0.count >= 3 }
            let digits = Person.normalisedPhone(person.phone)
            if digits.count >= 5 { words.append(digits) }
            if !person.phone.isEmpty { words.append(person.phone.lowercased()) }
            if !person.email.isEmpty { words.append(person.email.lowercased()) }
            if !words.isEmpty {
                let matches = words.map {
                    SQLBinaryExpression(
                        SQLFunction("LOWER", args: SQLColumn("reason")), .like, SQLBind("%\($0)%")) as any SQLExpression
                }
                try await sql.update("audit_entries").set("reason", to: AuditStore.redactedSearch)
                    .where("council_id", .equal, council)
                    .where("action", .in, [AuditEntry.Action.search.rawValue, AuditEntry.Action.export.rawValue])
                    .where(SQLGroupExpression(SQLList(matches, separator: SQLRaw(" OR "))))
                    .run()
            }
            try await CorrectionModel.query(on: db).filter(\.$councilID == council).filter(\.$personID == id)
                .set(\.$changes, to: "[]").set(\.$reason, to: "").update()
            try await MergeModel.query(on: db).filter(\.$councilID == council)
                .group(.or) { $0.filter(\.$keptID == id).filter(\.$mergedID == id) }
                .set(\.$document, to: "{}").update()
            try await JourneyEventModel.query(on: db).filter(\.$councilID == council).filter(\.$personID == id)
                .filter(\.$kind ~~ ["merge", "merge-undone", "coordinator"]).set(\.$reason, to: "").update()
            try await SetWiseWrites.clearStruckReasons(personID: id, council: council, on: sql)
            try await ConversationModel.query(on: db).filter(\.$councilID == council).filter(\.$personID == id)
                .set(\.$whoWasThere, to: "").set(\.$notes, to: "").set(\.$about, to: "").set(\.$shared, to: "")
                .update()
            try await IntroductionModel.query(on: db).filter(\.$councilID == council).filter(\.$personID == id)
                .set(\.$introducerName, to: "").set(\.$introducerContact, to: "").set(\.$whatMatters, to: "")
                .update()
            try await StepModel.query(on: db).filter(\.$councilID == council).filter(\.$personID == id)
                .set(\.$what, to: "").set(\.$who, to: "").update()
            try await OutcomeModel.query(on: db).filter(\.$councilID == council).filter(\.$personID == id)
                .set(\.$otherwise, to: "").update()
            // A neighbour's name goes; the names of other connections (groups, places) stay.
            try await ConnectionModel.query(on: db).filter(\.$councilID == council).filter(\.$personID == id)
                .filter(\.$kind == "neighbour").set(\.$name, to: "").update()
            try await ConnectionModel.query(on: db).filter(\.$councilID == council).filter(\.$personID == id)
                .set(\.$note, to: "").update()
            try await ContributionModel.query(on: db).filter(\.$councilID == council).filter(\.$personID == id)
                .set(\.$what, to: "").update()
            try await PracticeStore.withdrawStories(of: id, councilID: council, on: db)
            // Their good life, the people in their life and their stories go, through their models.
            try await GoodLifeModel.query(on: db).filter(\.$councilID == council).filter(\.$personID == id).delete()
            try await PersonInLifeModel.query(on: db).filter(\.$councilID == council).filter(\.$personID == id)
                .delete()
            try await StoryModel.query(on: db).filter(\.$councilID == council).filter(\.$personID == id).delete()
            let requests = try await sql.raw(
                "SELECT id, document FROM help_requests WHERE council_id = \(bind: council) AND person_id = \(bind: id)"
            ).all()
            for row in requests {
                var request = try JSONDecoder().decode(
                    HelpRequest.self, from: Data(try row.decode(column: "document", as: String.self).utf8))
                request.details = ""
                request.postcode = ""
                request.latitude = nil
                request.longitude = nil
                let document = String(decoding: try JSONEncoder().encode(request), as: UTF8.self)
                let requestID = try row.decode(column: "id", as: UUID.self)
                try await HelpRequestModel.query(on: db).filter(\.$councilID == council).filter(\.$id == requestID)
                    .set(\.$document, to: document).update()
            }
            try await AuditStore(db, councilID: councilID).record(
                AuditEntry(
                    at: now, staffID: staffID, personID: person.id, action: .erase,
                    detail: .key("rights.audit.erased-personal-details"), reason: reason))
        }
    }

    // MARK: Retention

    /// Records due under the retention periods and not yet erased: Level 1 contacts `level1Years` after
    /// the last contact; Level 2 records `level2Years` after the relationship ended.
    public func dueForRetention(level1Years: Int, level2Years: Int, now: Date) async throws -> [RetentionDue] {
        let year = 365.25 * 86_400
        let level1Cutoff = now.addingTimeInterval(-Double(level1Years) * year)
        let level2Cutoff = now.addingTimeInterval(-Double(level2Years) * year)
        let sql = try database.sql
        let level1 = try await sql.raw(
            """
            SELECT id FROM people WHERE council_id = \(bind: councilID.uuid) AND erased_at IS NULL \
            AND merged_into_id IS NULL AND level = 1 AND COALESCE(last_contact_at, created_at) < \(bind: level1Cutoff)
            """
        ).all().map {
            RetentionDue(
                personID: .init(try $0.decode(column: "id", as: UUID.self)),
                rule: "Level 1 contact, \(level1Years) years after the last contact")
        }
        let level2 = try await sql.raw(
            """
            SELECT p.id AS id FROM people p WHERE p.council_id = \(bind: councilID.uuid) AND p.erased_at IS NULL \
            AND p.merged_into_id IS NULL AND p.level = 2 AND p.stage = 'ended' \
            AND COALESCE((SELECT MAX(e.at) FROM journey_events e WHERE e.person_id = p.id AND e.kind = 'stage' \
            AND e.to_value = 'ended'), p.last_contact_at, p.created_at) < \(bind: level2Cutoff)
            """
        ).all().map {
            RetentionDue(
                personID: .init(try $0.decode(column: "id", as: UUID.self)),
                rule: "Level 2 record, \(level2Years) years after it ended")
        }
        return level1 + level2
    }
}
