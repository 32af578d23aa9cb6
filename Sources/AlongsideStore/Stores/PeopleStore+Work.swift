import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Conversations, the good life, steps and the people in a person's life.
extension PeopleStore {
    /// Newest first. `names` (from `staffNames()`) saves reading them again when the caller has them.
    /// Read with SQLKit: a person's page lists every conversation, and Fluent hydrates by reflection.
    public func conversations(of id: Person.ID, names: [UUID: String]? = nil) async throws -> [Conversation] {
        let rows = try await recordsOf(
            id, in: ConversationModel.schema,
            [
                "id", "staff_id", "happened_on", "minutes", "place", "who_was_there", "notes", "level", "about",
                "shared",
                "version", "created_at",
            ]
        )
        .orderBy("happened_on", .descending).orderBy("created_at", .descending).all()
        let names = if let names { names } else { try await staffNames() }
        return try rows.map { row in
            let staffID = try row.decode(column: "staff_id", as: UUID.self)
            return Conversation(
                id: .init(try row.decode(column: "id", as: UUID.self)), personID: id, staffID: .init(staffID),
                staffName: names[staffID] ?? Wording.current("staff.former-member"),
                happenedOn: try row.decode(column: "happened_on", as: String.self),
                minutes: try row.decode(column: "minutes", as: Int?.self),
                place: Conversation.Place(rawValue: try row.decode(column: "place", as: String.self)) ?? .home,
                whoWasThere: try row.decode(column: "who_was_there", as: String.self),
                notes: try row.decode(column: "notes", as: String.self),
                level: SupportLevel(rawValue: try row.decode(column: "level", as: Int.self)) ?? .two,
                about: try row.decode(column: "about", as: String.self),
                shared: try row.decode(column: "shared", as: String.self),
                version: try row.decode(column: "version", as: Int.self),
                recordedAt: try row.decode(column: "created_at", as: Date.self))
        }
    }

    /// Records a conversation; the person's last contact moves on if it is newer.
    @discardableResult
    public func addConversation(
        to id: Person.ID, by staffID: StaffMember.ID, happenedOn: String, minutes: Int?, place: Conversation.Place,
        whoWasThere: String, notes: String, level: SupportLevel = .two, about: String = "", shared: String = "",
        at now: Date
    ) async throws -> Conversation.ID {
        var person = try await find(id)
        let day = try Conversation.checked(
            happenedOn: happenedOn, minutes: minutes, whoWasThere: whoWasThere, notes: notes, about: about,
            shared: shared, at: now)
        let contact = ISODay.date(day) ?? now
        if person.lastContactAt.map({ contact > $0 }) ?? true { person.lastContactAt = contact }
        let councilID = self.councilID
        let newID = database.newID()
        try await save(person) { db in
            let row = ConversationModel()
            row.id = newID
            row.councilID = councilID.uuid
            row.personID = id.uuid
            row.staffID = staffID.uuid
            row.happenedOn = day
            row.minutes = minutes
            row.place = place.rawValue
            row.whoWasThere = whoWasThere
            row.notes = notes
            row.level = level.rawValue
            row.about = about
            row.shared = shared
            row.createdAt = now
            row.version = 0
            try await row.create(on: db)
        }
        return .init(newID)
    }

    public func vision(of id: Person.ID) async throws -> GoodLifeVision {
        guard
            let row = try await recordsOf(
                id, in: GoodLifeModel.schema,
                ["vision", "strengths", "gifts_and_interests", "what_matters", "updated_at", "version"]
            ).first()
        else { return GoodLifeVision() }
        return GoodLifeVision(
            vision: try row.decode(column: "vision", as: String.self),
            strengths: try row.decode(column: "strengths", as: String.self),
            giftsAndInterests: try row.decode(column: "gifts_and_interests", as: String.self),
            whatMatters: try row.decode(column: "what_matters", as: String.self),
            updatedAt: try row.decode(column: "updated_at", as: Date.self),
            version: try row.decode(column: "version", as: Int.self))
    }

    /// Saves their good life. With `expectedVersion` (the version the form or client read), a vision saved
    /// by someone else since is not overwritten: `RecordChanged`.
    public func saveVision(
        _ vision: GoodLifeVision, for id: Person.ID, expectedVersion: Int? = nil, by staffID: StaffMember.ID?,
        at now: Date
    ) async throws {
        _ = try await find(id)
        if !vision.problems.isEmpty { throw AlongsideValidation(problems: vision.problems) }
        let existing = try await GoodLifeModel.query(on: database).filter(\.$councilID == councilID.uuid)
            .filter(\.$personID == id.uuid).first()
        if let existing {
            // Only from the version read, in one statement: a vision saved by someone else since is refused
            // (`RecordChanged`), and nothing is written between the check and the save.
            try await moveVersion(
                GoodLifeModel.schema, try existing.requireID(), from: expectedVersion ?? existing.version,
                setting: [
                    "vision": vision.vision, "strengths": vision.strengths,
                    "gifts_and_interests": vision.giftsAndInterests, "what_matters": vision.whatMatters,
                    "updated_at": now, "updated_by_id": staffID?.uuid,
                ])
            return
        }
        if let expectedVersion, expectedVersion != 0 { throw RecordChanged(currentVersion: 0, corrections: []) }
        let row = GoodLifeModel()
        row.councilID = councilID.uuid
        row.personID = id.uuid
        row.vision = vision.vision
        row.strengths = vision.strengths
        row.giftsAndInterests = vision.giftsAndInterests
        row.whatMatters = vision.whatMatters
        row.updatedAt = now
        row.updatedByID = staffID?.uuid
        // The first vision is version 1, in the one INSERT; of two people writing it first at once, the second
        // is told.
        row.version = 1
        do {
            try await row.create(on: database)
        } catch {
            throw RecordChanged(currentVersion: 1, corrections: [])
        }
    }

    public func steps(of id: Person.ID) async throws -> [Step] {
        try await recordsOf(id, in: StepModel.schema, ["id", "what", "who", "due_on", "done_at"]).orderBy("created_at")
            .all()
            .map {
                Step(
                    id: .init(try $0.decode(column: "id", as: UUID.self)), personID: id,
                    what: try $0.decode(column: "what", as: String.self),
                    who: try $0.decode(column: "who", as: String.self),
                    dueOn: try $0.decode(column: "due_on", as: String?.self),
                    doneAt: try $0.decode(column: "done_at", as: Date?.self))
            }
    }

    @discardableResult
    public func addStep(to id: Person.ID, what: String, who: String, dueOn: String, at now: Date) async throws -> Step {
        let (what, who, due) = try Step.checked(what: what, who: who, dueOn: dueOn)
        _ = try await find(id)
        let row = StepModel()
        row.councilID = councilID.uuid
        row.personID = id.uuid
        row.what = what
        row.who = who
        row.dueOn = due
        row.doneAt = nil
        row.createdAt = now
        try await row.create(on: database)
        try await refreshNextStep(id)
        return try row.step()
    }

    public func setStep(_ stepID: Step.ID, of id: Person.ID, done: Bool, at now: Date) async throws {
        guard
            let row = try await StepModel.query(on: database).filter(\.$councilID == councilID.uuid)
                .filter(\.$personID == id.uuid).filter(\.$id == stepID.uuid).first()
        else { throw AlongsideError.notFound(.step) }
        row.doneAt = done ? now : nil
        try await row.save(on: database)
        try await refreshNextStep(id)
    }

    /// Keeps the caseload's "next step due" in step with the open steps.
    func refreshNextStep(_ id: Person.ID) async throws {
        var person = try await find(id)
        let open = try await steps(of: id).filter { !$0.isDone }.compactMap(\.dueOn).sorted()
        person.nextStepDue = open.first
        try await save(person)
    }

    public func peopleInLife(of id: Person.ID) async throws -> [PersonInLife] {
        try await recordsOf(id, in: PersonInLifeModel.schema, ["id", "name", "kind", "closeness", "note", "added_at"])
            .orderBy("added_at").all()
            .map {
                PersonInLife(
                    id: .init(try $0.decode(column: "id", as: UUID.self)), personID: id,
                    name: try $0.decode(column: "name", as: String.self),
                    kind: PersonInLife.Kind(rawValue: try $0.decode(column: "kind", as: String.self)) ?? .friend,
                    closeness: PersonInLife.Closeness(rawValue: try $0.decode(column: "closeness", as: Int.self))
                        ?? .inBetween,
                    note: try $0.decode(column: "note", as: String.self),
                    addedAt: try $0.decode(column: "added_at", as: Date.self))
            }
    }

    @discardableResult
    public func addPersonInLife(
        to id: Person.ID, name: String, kind: PersonInLife.Kind, closeness: PersonInLife.Closeness, note: String,
        at now: Date
    ) async throws -> PersonInLife {
        let name = try PersonInLife.checked(name: name, note: note)
        _ = try await find(id)
        let row = PersonInLifeModel()
        row.councilID = councilID.uuid
        row.personID = id.uuid
        row.name = name
        row.kind = kind.rawValue
        row.closeness = closeness.rawValue
        row.note = note
        row.addedAt = now
        try await row.create(on: database)
        return try row.personInLife()
    }
}
