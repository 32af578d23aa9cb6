import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Stories told with consent; only approved ones are shown beyond the team leader.
public struct StoryStore: Sendable {
    let database: any Database
    public let councilID: Council.ID

    public init(_ database: any Database, councilID: Council.ID) {
        self.database = database
        self.councilID = councilID
    }

    /// Keeps a story, awaiting a team leader's approval. The person's consent to tell it is recorded with
    /// it (as a `tell-story` consent, given today) when none is on their record yet, in the same transaction,
    /// so that withdrawing that consent later withdraws the story.
    public func write(
        for person: Person, title: String, body: String, consent: Bool, by staffID: StaffMember.ID, at now: Date
    ) async throws {
        let problems = Story.problems(title: title, body: body, consent: consent, person: person)
        if !problems.isEmpty { throw AlongsideValidation(problems: problems) }
        try await database.change { db in
            let people = PeopleStore(db, councilID: councilID)
            if try await Self.activeConsent(to: person.id, in: people) == nil {
                _ = try await people.recordConsent(
                    person.id, kind: .tellStory, partner: nil, givenOn: ISODay.string(now), by: staffID, at: now)
            }
            let row = StoryModel()
            row.councilID = councilID.uuid
            row.personID = person.id.uuid
            row.title = title.trimmingCharacters(in: .whitespaces)
            row.body = body.trimmingCharacters(in: .whitespacesAndNewlines)
            row.consentWording = Story.consentWording
            row.status = Story.Status.awaitingApproval.rawValue
            row.writtenByID = staffID.uuid
            row.writtenAt = now
            try await row.create(on: db)
        }
    }

    /// The person's recorded, unwithdrawn consent to tell their story, if there is one.
    static func activeConsent(to personID: Person.ID, in people: PeopleStore) async throws -> Consent? {
        try await people.consents(of: personID).first { $0.kind == .tellStory && $0.withdrawnOn == nil }
    }

    public func stories(status: Story.Status) async throws -> [Story] {
        try await StoryRow.select(council: councilID.uuid, on: database.sql).where("status", .equal, status.rawValue)
            .orderBy("written_at", .descending).all().map(StoryRow.story)
    }

    public func stories(of personID: Person.ID) async throws -> [Story] {
        try await StoryRow.select(council: councilID.uuid, on: database.sql).where("person_id", .equal, personID.uuid)
            .orderBy("written_at", .descending).all().map(StoryRow.story)
    }

    /// Approves a story that is awaiting approval, while the person's consent to tell it stands. A story
    /// withdrawn (or already approved) is not approved again.
    public func approve(_ id: Story.ID, by staffID: StaffMember.ID, at now: Date) async throws {
        try await database.change { db in
            guard
                let row = try await StoryModel.query(on: db).filter(\.$councilID == councilID.uuid)
                    .filter(\.$id == id.uuid).first()
            else { throw AlongsideError.notFound(.story) }
            guard row.status == Story.Status.awaitingApproval.rawValue else {
                throw StoryProblem.onlyAwaitingApproval
            }
            guard
                try await Self.activeConsent(to: .init(row.personID), in: PeopleStore(db, councilID: councilID))
                    != nil
            else {
                throw StoryProblem.noConsentToTell
            }
            row.status = Story.Status.approved.rawValue
            row.approvedByID = staffID.uuid
            row.approvedAt = now
            try await row.save(on: db)
        }
    }

    /// A team leader sends a story awaiting approval back with a note of what to change, or decides not to
    /// use it (`rejected`), with a note of why. Only from awaiting approval: of two decisions at once, one wins.
    public func review(_ id: Story.ID, to status: Story.Status, note: String, by staffID: StaffMember.ID, at now: Date)
        async throws
    {
        guard status == .sentBack || status == .rejected else { throw AlongsideError.forbidden }
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !note.isEmpty, note.count <= 1_000 else {
            throw StoryProblem.reviewNoteMissing
        }
        _ = try await stored(id)
        let moved = try await CompareAndSet.update(
            StoryModel.schema, council: councilID.uuid, id: id.uuid,
            guards: ["status": Story.Status.awaitingApproval.rawValue],
            set: ["status": status.rawValue, "review_note": note], on: database.sql)
        guard moved else {
            throw StoryProblem.onlyAwaitingApproval
        }
    }

    /// Whoever wrote it (or a team leader) changes a story before it is approved; it goes back to awaiting
    /// approval, with the earlier words kept as a correction.
    public func edit(
        _ id: Story.ID, title: String, body: String, person: Person, by staffID: StaffMember.ID,
        mayEditOthers: Bool, at now: Date
    ) async throws {
        let stored = try await stored(id)
        let row = stored.story
        guard row.personID == person.id else { throw AlongsideError.notFound(.story) }
        guard mayEditOthers || row.writtenByID == staffID else { throw AlongsideError.forbidden }
        let read = Story.Status(rawValue: stored.status) ?? .withdrawn
        guard read.isEditable else {
            throw StoryProblem.onlyBeforeApproval
        }
        let problems = Story.problems(title: title, body: body, consent: true, person: person)
        if !problems.isEmpty { throw AlongsideValidation(problems: problems) }
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        let body = body.trimmingCharacters(in: .whitespacesAndNewlines)
        let changes = Correction.changes(
            ["title", "body"], before: ["title": row.title, "body": row.body], after: ["title": title, "body": body])
        let moved = try await CompareAndSet.update(
            StoryModel.schema, council: councilID.uuid, id: id.uuid, guards: ["status": read.rawValue],
            set: [
                "title": title, "body": body, "status": Story.Status.awaitingApproval.rawValue,
                "review_note": String?.none,
            ], on: database.sql)
        guard moved else {
            throw StoryProblem.onlyBeforeApproval
        }
        if !changes.isEmpty {
            try await CorrectionModel(
                Correction(
                    id: .init(database.newID()), personID: person.id, entry: .story, entryID: id.uuid, changes: changes,
                    reason: "", struck: false, byID: staffID, at: now), councilID: councilID, version: 0
            ).create(on: database)
        }
    }

    /// One story of this council.
    public func story(_ id: Story.ID) async throws -> Story { try await stored(id).story }

    /// The story's stored row (its person, status and writer), for a change.
    public func row(_ id: Story.ID) async throws -> (personID: UUID, status: String, writtenByID: UUID?) {
        let stored = try await stored(id)
        return (stored.story.personID.uuid, stored.status, stored.story.writtenByID?.uuid)
    }

    func stored(_ id: Story.ID) async throws -> StoryRow.Stored {
        guard
            let row = try await StoryRow.select(council: councilID.uuid, on: database.sql).where("id", .equal, id.uuid)
                .first()
        else { throw AlongsideError.notFound(.story) }
        return try StoryRow.stored(row)
    }
}
