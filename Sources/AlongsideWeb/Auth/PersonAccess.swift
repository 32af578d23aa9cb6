import AlongsideCore
import AlongsideStore
import Fluent
import FluentKit
import Vapor

/// Who may open which record. Team leaders open any record in their council; coordinators open the
/// people on their caseload, and anyone else's only after saying why (the reason is audited). Every
/// opening is written to the audit log. A person of another council does not exist, as far as anyone
/// outside it can tell.
enum PersonAccess {
    static let reasonLifetime: TimeInterval = 8 * 60 * 60

    /// Thrown when a coordinator must give a reason before opening a record.
    struct ReasonNeeded: Error {
        let person: Person
    }

    static func sessionKey(_ id: Person.ID) -> String { "opened:\(id)" }

    /// Loads the person for `staff`, or throws `ReasonNeeded` or not-found, and writes the opening to the
    /// audit log. For a change, use `check` and write the entry with the change (`PersonController.change`).
    static func open(
        _ id: Person.ID, for staff: SignedInStaff, on req: Request, action: AuditEntry.Action = .view,
        detail: AuditEntry.Detail? = nil, reasonHeader: String? = nil, database: (any Database)? = nil
    ) async throws -> Person {
        let database = database ?? req.db
        let (person, entry) = try await check(
            id, for: staff, on: req, action: action, detail: detail, reasonHeader: reasonHeader, database: database)
        try await req.stores(on: database).audit.record(entry)
        return person
    }

    /// Whether `staff` may open the person, without writing anything: the person, and the audit entry to
    /// write once what they came to do is done (never for a refused or failed change).
    static func check(
        _ id: Person.ID, for staff: SignedInStaff, on req: Request, action: AuditEntry.Action,
        detail: AuditEntry.Detail?, reasonHeader: String? = nil, database: (any Database)? = nil
    ) async throws -> (Person, AuditEntry) {
        guard staff.may(.workWithPeople) else { throw AlongsideError.forbidden }
        let person = try await req.stores(on: database ?? req.db).people.find(id)
        var reason: String? = nil
        if !staff.may(.leadTeam) && person.coordinatorID != staff.member.id {
            if let header = reasonHeader?.trimmingCharacters(in: .whitespaces), !header.isEmpty {
                reason = String(header.prefix(500))
            } else if req.hasSession, let opened = req.session.data[sessionKey(id)].flatMap(Double.init),
                req.now.timeIntervalSince1970 - opened < reasonLifetime
            {
                reason = "(reason given earlier this session)"
            } else {
                throw ReasonNeeded(person: person)
            }
        }
        let entry = AuditEntry(
            at: req.now, staffID: staff.member.id, personID: id, action: action,
            detail: detail ?? .key("api.message.opened-the-record"), reason: reason,
            address: req.clientAddress)
        return (person, entry)
    }

    /// Records the reason a coordinator gave and lets them in for the rest of the working day.
    static func giveReason(_ reason: String, for id: Person.ID, staff: SignedInStaff, on req: Request) async throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw RequestProblem.accessReasonMissing
        }
        guard reason.count <= 500 else {
            throw RequestProblem.accessReasonTooLong
        }
        _ = try await req.stores.people.find(id)
        try await req.stores.audit.record(
            AuditEntry(
                at: req.now, staffID: staff.member.id, personID: id, action: .view,
                detail: .key("people.page.gave-a-reason"), reason: reason,
                address: req.clientAddress))
        req.session.data[sessionKey(id)] = String(req.now.timeIntervalSince1970)
    }
}
