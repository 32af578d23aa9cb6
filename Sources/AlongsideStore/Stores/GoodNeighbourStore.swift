import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// A check whose reminder is due: the volunteer, the check and how many days' warning this is.
public struct CheckReminder: Sendable, Equatable {
    public let volunteer: Volunteer
    public let check: VolunteerCheck
    public let days: Int
}

/// A council's Good Neighbours scheme: volunteers and their checks, and requests for help.
public struct GoodNeighbourStore: Sendable {
    let database: any Database
    public let councilID: Council.ID

    public init(_ database: any Database, councilID: Council.ID) {
        self.database = database
        self.councilID = councilID
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    /// Fills ward and centroid from the postcode directory.
    func place(_ postcode: String) async throws -> (String, String?, Double?, Double?) {
        guard let code = Postcode(postcode) else {
            throw GoodNeighbourProblem.volunteerPostcodeMissing
        }
        let place = try await PostcodeStore(database).place(of: code)
        return (code.value, place?.wardCode, place?.latitude, place?.longitude)
    }

    // MARK: Volunteers

    /// Adds a volunteer, or changes a volunteer's own details (who they are, where, what they help with, when
    /// and how far), only from the version the form was opened on (`expectedVersion`; nil: as they are now).
    /// Their checks, status and erasure are kept as stored: each has its own step.
    public func save(_ given: Volunteer, expectedVersion: Int? = nil, at now: Date) async throws {
        let problems = Volunteer.problems(
            name: given.name, postcode: given.postcode, helpsWith: given.helpsWith, travelMetres: given.travelMetres)
        if !problems.isEmpty { throw AlongsideValidation(problems: problems) }
        var details = given
        details.name = details.name.trimmingCharacters(in: .whitespaces)
        (details.postcode, details.wardCode, details.latitude, details.longitude) = try await place(details.postcode)
        let placed = details
        let exists =
            try await VolunteerRow.select(council: councilID.uuid, on: database.sql)
            .where("id", .equal, given.id.uuid).first() != nil
        guard exists else {
            let row = VolunteerModel()
            row.id = placed.id.uuid
            row.councilID = councilID.uuid
            row.addedAt = now
            row.name = placed.name
            row.active = placed.active
            row.document = try Self.json(placed)
            row.version = 0
            try await row.create(on: database)
            return
        }
        try await change(placed.id, expectedVersion: expectedVersion) { volunteer in
            volunteer.name = placed.name
            volunteer.phone = placed.phone
            volunteer.email = placed.email
            (volunteer.postcode, volunteer.wardCode, volunteer.latitude, volunteer.longitude) = (
                placed.postcode, placed.wardCode, placed.latitude, placed.longitude
            )
            volunteer.travelMetres = placed.travelMetres
            volunteer.helpsWith = placed.helpsWith
            volunteer.availableDays = placed.availableDays
            volunteer.skills = placed.skills
        }
    }

    /// Rests a volunteer (no requests offered for now), brings them back, or records the day they left.
    public func setStatus(_ status: Volunteer.Status, of id: Volunteer.ID, on day: String, expectedVersion: Int? = nil)
        async throws
    {
        try await change(id, expectedVersion: expectedVersion) { volunteer in
            volunteer.active = status == .active
            volunteer.leftOn = status == .left ? (volunteer.leftOn ?? day) : nil
        }
    }

    /// Erases a volunteer's personal details at their request; the requests they helped with keep counting.
    public func erase(_ id: Volunteer.ID, on day: String) async throws {
        try await change(id, expectedVersion: nil) { volunteer in
            // No name, and no words in its place: they are shown as an erased volunteer, worded when read.
            volunteer.name = ""
            volunteer.phone = ""
            volunteer.email = ""
            volunteer.postcode = ""
            volunteer.latitude = nil
            volunteer.longitude = nil
            volunteer.skills = ""
            volunteer.checks = []
            volunteer.active = false
            volunteer.leftOn = volunteer.leftOn ?? day
            volunteer.erased = true
        }
    }

    /// The one way a stored volunteer changes: read, changed by `body`, and written back only if nobody wrote
    /// them since (the version read, or `expectedVersion` when a form gives one), moving the version on.
    /// An erased volunteer does not change again.
    func change(_ id: Volunteer.ID, expectedVersion: Int?, _ body: (inout Volunteer) throws -> Void) async throws {
        let (stored, version) = try await volunteerRead(id)
        guard stored.erased != true else {
            throw GoodNeighbourProblem.volunteerErased
        }
        if let expectedVersion, expectedVersion != version {
            throw RecordChanged(currentVersion: version, corrections: [])
        }
        var volunteer = stored
        try body(&volunteer)
        let moved = try await CompareAndSet.update(
            VolunteerModel.schema, council: councilID.uuid, id: id.uuid, guards: ["version": version],
            set: [
                "name": volunteer.name, "active": volunteer.active, "document": try Self.json(volunteer),
                "version": version + 1,
            ], on: database.sql)
        guard moved else {
            throw RecordChanged(currentVersion: try await volunteerRead(id).version, corrections: [])
        }
    }

    public func volunteers(activeOnly: Bool = false) async throws -> [Volunteer] {
        var select = try VolunteerRow.select(council: councilID.uuid, on: database.sql)
        if activeOnly { select = select.where("active", .equal, true) }
        return try await select.orderBy("name").all().map(VolunteerRow.volunteer)
    }

    public func volunteer(_ id: Volunteer.ID) async throws -> Volunteer { try await volunteerRead(id).volunteer }

    /// A volunteer as stored and their version (each change moves it on by one), for a form to send back.
    public func volunteerRead(_ id: Volunteer.ID) async throws -> (volunteer: Volunteer, version: Int) {
        guard
            let row = try await VolunteerRow.select(council: councilID.uuid, on: database.sql)
                .where("id", .equal, id.uuid).first()
        else { throw AlongsideError.notFound(.volunteer) }
        return (try VolunteerRow.volunteer(row), try VolunteerRow.version(row))
    }

    public func addCheck(_ check: VolunteerCheck, to id: Volunteer.ID, at now: Date) async throws {
        let problems = VolunteerCheck.problems(issuedOn: check.issuedOn, expiresOn: check.expiresOn)
        if !problems.isEmpty { throw AlongsideValidation(problems: problems) }
        try await change(id, expectedVersion: nil) { $0.checks.append(check) }
    }

    /// Reminders due today and not yet sent: 60, 30 and 7 days before a check expires.
    public func remindersDue(on day: String) async throws -> [CheckReminder] {
        let sql = try database.sql
        let sent = Set(
            try await sql.raw(
                "SELECT check_id, days FROM check_reminders WHERE council_id = \(bind: councilID.uuid)"
            ).all().map {
                "\(try $0.decode(column: "check_id", as: UUID.self))/\(try $0.decode(column: "days", as: Int.self))"
            })
        var due: [CheckReminder] = []
        for volunteer in try await volunteers(activeOnly: true) {
            for check in volunteer.checksToRenew(on: day) {
                guard let days = check.reminderDue(on: day), !sent.contains("\(check.id.uuid)/\(days)") else {
                    continue
                }
                due.append(CheckReminder(volunteer: volunteer, check: check, days: days))
            }
        }
        return due.sorted { ($0.check.expiresOn, $0.volunteer.name) < ($1.check.expiresOn, $1.volunteer.name) }
    }

    /// Marks a check's reminder sent. `check_reminders` has no Fluent model: a mark keyed by council, check
    /// and days before expiry, with no id of its own, written only here and read only by `remindersDue`.
    public func markReminderSent(_ reminder: CheckReminder, at now: Date) async throws {
        let sql = try database.sql
        try await sql.raw(
            """
            INSERT INTO check_reminders (council_id, check_id, days, sent_at) VALUES (\(bind: councilID.uuid), \
            \(bind: reminder.check.id.uuid), \(bind: reminder.days), \(bind: now))
            """
        ).run()
    }

    // MARK: Requests

    public func raise(
        for person: Person, kind: HelpKind, details: String, neededOn: String, needsClearance: Bool,
        by staffID: StaffMember.ID, at now: Date
    ) async throws -> HelpRequest {
        let (details, neededOn) = try HelpRequest.checked(details: details, neededOn: neededOn)
        let (postcode, ward, latitude, longitude) = try await place(person.postcode)
        let request = HelpRequest(
            id: .init(database.newID()), personID: person.id, kind: kind, details: details, neededOn: neededOn,
            postcode: postcode,
            wardCode: ward, latitude: latitude, longitude: longitude, needsClearance: needsClearance, createdAt: now)
        let row = HelpRequestModel()
        row.id = request.id.uuid
        row.councilID = councilID.uuid
        row.personID = person.id.uuid
        row.createdAt = now
        row.createdByID = staffID.uuid
        try await write(request, to: row)
        return request
    }

    func write(_ request: HelpRequest, to row: HelpRequestModel) async throws {
        row.status = request.status.rawValue
        row.volunteerID = request.volunteerID?.uuid
        row.document = try Self.json(request)
        try await row.save(on: database)
    }

    func row(_ id: HelpRequest.ID) async throws -> HelpRequestModel {
        guard
            let row = try await HelpRequestModel.query(on: database).filter(\.$councilID == councilID.uuid)
                .filter(\.$id == id.uuid).first()
        else { throw AlongsideError.notFound(.helpRequest) }
        return row
    }

    public func request(_ id: HelpRequest.ID) async throws -> HelpRequest {
        guard
            let row = try await HelpRequestRow.select(council: councilID.uuid, on: database.sql)
                .where("id", .equal, id.uuid).first()
        else { throw AlongsideError.notFound(.helpRequest) }
        return try HelpRequestRow.request(row)
    }

    /// Requests still being arranged, oldest first.
    public func openRequests() async throws -> [HelpRequest] {
        try await HelpRequestRow.select(council: councilID.uuid, on: database.sql)
            .where("status", .in, [HelpRequest.Status.open, .offered, .accepted].map(\.rawValue))
            .orderBy("created_at").all().map(HelpRequestRow.request)
    }

    public func requests(for personID: Person.ID) async throws -> [HelpRequest] {
        try await HelpRequestRow.select(council: councilID.uuid, on: database.sql)
            .where("person_id", .equal, personID.uuid).orderBy("created_at", .descending).all()
            .map(HelpRequestRow.request)
    }

    public func requests(of volunteerID: Volunteer.ID) async throws -> [HelpRequest] {
        try await HelpRequestRow.select(council: councilID.uuid, on: database.sql)
            .where("volunteer_id", .equal, volunteerID.uuid).orderBy("created_at", .descending).all()
            .map(HelpRequestRow.request)
    }

    /// Corrects what a request asks for and when, while it is still being arranged (open or offered), with the
    /// earlier words kept as a correction on the person's record; only from the status read.
    public func correct(
        _ id: HelpRequest.ID, details: String, neededOn: String, by staffID: StaffMember.ID, at now: Date
    ) async throws {
        let row = try await row(id)
        var request = try row.request()
        guard request.status == .open || request.status == .offered else {
            throw GoodNeighbourProblem.onlyWhileArranged
        }
        let (details, day) = try HelpRequest.checked(details: details, neededOn: neededOn)
        let changes = Correction.changes(
            ["details", "neededOn"], before: ["details": request.details, "neededOn": request.neededOn],
            after: ["details": details, "neededOn": day])
        if changes.isEmpty { return }
        request.details = details
        request.neededOn = day
        let moved = try await CompareAndSet.update(
            HelpRequestModel.schema, council: councilID.uuid, id: id.uuid,
            guards: ["status": row.status, "document": row.document], set: ["document": try Self.json(request)],
            on: database.sql)
        guard moved else {
            throw GoodNeighbourProblem.changedMeanwhile
        }
        try await CorrectionModel(
            Correction(
                id: .init(database.newID()), personID: request.personID, entry: .helpRequest, entryID: id.uuid,
                changes: changes,
                reason: "", struck: false, byID: staffID, at: now), councilID: councilID, version: 0
        ).create(on: database)
    }

    /// The steps of a request: offer to a volunteer, their yes or no, done with the hours given, or cancelled.
    public enum Step: Sendable {
        case offer(Volunteer.ID)
        case accepted
        case declined
        case completed(minutes: Int)
        case cancel
    }

    public func record(_ step: Step, on id: HelpRequest.ID, at now: Date) async throws {
        let row = try await row(id)
        let read = row.status
        var request = try row.request()
        switch step {
        case .offer(let volunteerID):
            guard request.status == .open else {
                throw GoodNeighbourProblem.alreadyOffered
            }
            let volunteer = try await volunteer(volunteerID)
            let (matches, leftOut) = GoodNeighbourMatching.rank(request, volunteers: [volunteer])
            guard !matches.isEmpty else {
                throw GoodNeighbourProblem.cannotBeOffered(volunteer: volunteer.name, because: leftOut.first?.reason)
            }
            request.status = .offered
            request.volunteerID = volunteerID
            request.offeredAt = now
        case .accepted:
            guard request.status == .offered else {
                throw GoodNeighbourProblem.offerFirst
            }
            request.status = .accepted
            request.acceptedAt = now
        case .declined:
            guard request.status == .offered, let volunteerID = request.volunteerID else {
                throw GoodNeighbourProblem.onlyOfferedMayBeDeclined
            }
            request.declinedBy.append(volunteerID)
            request.volunteerID = nil
            request.offeredAt = nil
            request.status = .open
        case .completed(let minutes):
            guard request.status == .accepted else {
                throw GoodNeighbourProblem.onlyTakenOnMayBeDone
            }
            guard (1...1_440).contains(minutes) else {
                throw GoodNeighbourProblem.hoursMissing
            }
            request.status = .completed
            request.completedAt = now
            request.minutes = minutes
        case .cancel:
            guard request.isOpen else {
                throw GoodNeighbourProblem.alreadyClosed
            }
            request.status = .cancelled
        }
        // Only from the status read: of two people offering one request at once, one wins and the other is
        // told, on PostgreSQL as on SQLite.
        let moved = try await CompareAndSet.update(
            HelpRequestModel.schema, council: councilID.uuid, id: id.uuid, guards: ["status": read],
            set: [
                "status": request.status.rawValue, "volunteer_id": request.volunteerID?.uuid,
                "document": try Self.json(request),
            ], on: database.sql)
        guard moved else {
            throw GoodNeighbourProblem.changedMeanwhile
        }
    }
}
