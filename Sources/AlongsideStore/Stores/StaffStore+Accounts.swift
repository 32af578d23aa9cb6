import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// A member of staff as the council admin manages them: active or switched off, with two-step or not.
public struct StaffAccount: Sendable, Equatable {
    public let member: StaffMember
    public let active: Bool

    public init(member: StaffMember, active: Bool) {
        self.member = member
        self.active = active
    }
}

/// What switching a leaver off did: the wards they no longer cover and the people who were theirs (all
/// handed over by `StaffStore.switchOff`).
public struct Departure: Sendable, Equatable {
    public let member: StaffMember
    public let endedWards: [Ward.ID]
    public let people: [Person.ID]
}

/// Staff accounts, run by the council admin: roles, switching a leaver off (and back on).
extension StaffStore {
    /// Every member of a council's staff, active or not, by name.
    public func accounts(councilID: Council.ID) async throws -> [StaffAccount] {
        try await accountRows().where("council_id", .equal, councilID.uuid).orderBy("name").all()
            .map(StaffRow.account)
    }

    /// One member of the council's staff, active or not; not found for another council's.
    public func account(_ id: StaffMember.ID, councilID: Council.ID) async throws -> StaffAccount {
        guard
            let row = try await accountRows().where("id", .equal, id.uuid)
                .where("council_id", .equal, councilID.uuid).first()
        else { throw AlongsideError.notFound(.staffMember) }
        return try StaffRow.account(row)
    }

    /// The account with this email, active or not.
    public func account(email: String) async throws -> StaffAccount? {
        try await accountRows().where("email", .equal, StaffMember.normalisedEmail(email)).first()
            .map(StaffRow.account)
    }

    /// Every member of staff, active or not, read through `StaffRow` (reads go through SQLKit; the loads that
    /// are changed and saved stay on `StaffModel`).
    func accountRows() throws -> SQLSelectBuilder {
        try database.sql.select().columns(StaffRow.accountColumns.map { SQLColumn($0) }).from(StaffRow.table)
    }

    /// Changes a member's role. A role that cannot cover a ward ends the wards they covered.
    public func setRole(_ role: Role, of id: StaffMember.ID, councilID: Council.ID, at now: Date) async throws
        -> [Ward.ID]
    {
        try await database.change { db in
            guard
                let model = try await StaffModel.query(on: db).filter(\.$id == id.uuid)
                    .filter(\.$councilID == councilID.uuid).first()
            else { throw AlongsideError.notFound(.staffMember) }
            model.role = role.rawValue
            try await model.save(on: db)
            return role.canCoverWard ? [] : try await Self.endWards(of: id, councilID: councilID, at: now, on: db)
        }
    }

    /// Where a leaver's people go: each to their ward's named coordinator (the team leader's queue where the
    /// ward has none), all to the team leader's queue, or all to one coordinator.
    public enum Handover: Sendable, Equatable {
        case wardCoordinator, teamLeader
        case coordinator(StaffMember.ID)
    }

    /// How a leaver's switching off is written in the audit log: the detail (a code and its values) for each
    /// person handed over and for the leaver (given what was done), by whom, from where.
    public struct DepartureAudit: Sendable {
        public let by: StaffMember.ID?
        public let address: String?
        public let handedOver: AuditEntry.Detail
        public let summary: @Sendable (Departure) -> AuditEntry.Detail

        public init(
            by: StaffMember.ID?, address: String?, handedOver: AuditEntry.Detail,
            summary: @escaping @Sendable (Departure) -> AuditEntry.Detail
        ) {
            self.by = by
            self.address = address
            self.handedOver = handedOver
            self.summary = summary
        }
    }

    /// Switches a leaver off, at once and everywhere, in one transaction with its audit entries: they can no
    /// longer sign in, every session and API token of theirs stops, the wards they covered go to the named
    /// successors (the others are uncovered from `now`), and each of their people is handed over with the
    /// note. The one way to do it, for the Staff page and the command line alike.
    public func switchOff(
        _ id: StaffMember.ID, councilID: Council.ID, successors: [Ward.ID: StaffMember.ID], people handover: Handover,
        note: String, audit: DepartureAudit, at now: Date
    ) async throws -> Departure {
        try await database.change { db in
            let member = try await StaffStore(db).account(id, councilID: councilID).member
            try await StaffModel.query(on: db).filter(\.$id == id.uuid).filter(\.$councilID == councilID.uuid)
                .set(\.$active, to: false).set(\.$sessionsValidFrom, to: now).update()
            try await AccessStore(db).revokeTokens(of: id)
            try await StaffStore(db).spendLinks(of: id, at: now)
            let wards = try await Self.endWards(of: id, councilID: councilID, at: now, on: db)
            let wardStore = WardStore(db, councilID: councilID)
            for (ward, successor) in successors where wards.contains(ward) {
                try await wardStore.assign(ward, to: successor, by: audit.by, at: now)
            }
            let covering = try await wardStore.coverage().namedCoordinators
            // Their people and wards in one read, every record that still names them (ended ones too).
            let theirs = try await Self.people(of: id, councilID: councilID, on: db)
            let people = PeopleStore(db, councilID: councilID)
            let log = AuditStore(db, councilID: councilID)
            var received: [StaffMember.ID: Int] = [:]
            for (personID, wardID) in theirs {
                let to: StaffMember.ID?
                switch handover {
                case .wardCoordinator: to = wardID.flatMap { covering[$0] }
                case .teamLeader: to = nil
                case .coordinator(let chosen): to = chosen
                }
                _ = try await people.assign(personID, to: to, by: audit.by, at: now, note: note, tell: false)
                if let to { received[to, default: 0] += 1 }
                try await log.record(
                    AuditEntry(
                        at: now, staffID: audit.by, personID: personID, action: .assign, detail: audit.handedOver,
                        reason: note.isEmpty ? nil : note, address: audit.address))
            }
            // Each new coordinator is told once, of how many came to them.
            for (coordinatorID, count) in received where coordinatorID != audit.by {
                guard let coordinator = try await StaffStore(db).find(coordinatorID) else { continue }
                try await OutboxStore(db).notify(coordinator, .handover(people: count), at: now)
            }
            let departure = Departure(member: member, endedWards: wards, people: theirs.map(\.0))
            try await log.record(
                AuditEntry(
                    at: now, staffID: audit.by, personID: nil, action: .update, detail: audit.summary(departure),
                    address: audit.address))
            return departure
        }
    }

    /// The records that name the member as their coordinator (not merged away), with each one's ward.
    public func people(of id: StaffMember.ID, councilID: Council.ID) async throws -> [(Person.ID, Ward.ID?)] {
        try await Self.people(of: id, councilID: councilID, on: database)
    }

    static func people(of id: StaffMember.ID, councilID: Council.ID, on db: any Database) async throws
        -> [(Person.ID, Ward.ID?)]
    {
        try await db.sql.select().column("id").column("ward_id").from("people")
            .where("council_id", .equal, councilID.uuid).where("coordinator_id", .equal, id.uuid)
            .where(SQLColumn("merged_into_id"), .is, SQLLiteral.null).all()
            .map {
                (
                    Person.ID(try $0.decode(column: "id", as: UUID.self)),
                    try $0.decode(column: "ward_id", as: UUID?.self).map { Ward.ID($0) }
                )
            }
    }

    /// Lets a member who was switched off sign in again (with their old password; their wards and people
    /// are not given back: the admin names them again).
    public func reactivate(_ id: StaffMember.ID, councilID: Council.ID) async throws {
        guard
            let model = try await StaffModel.query(on: database).filter(\.$id == id.uuid)
                .filter(\.$councilID == councilID.uuid).first()
        else { throw AlongsideError.notFound(.staffMember) }
        model.active = true
        try await model.save(on: database)
    }

    /// Ends every ward assignment the member holds now; the wards they covered.
    static func endWards(of id: StaffMember.ID, councilID: Council.ID, at now: Date, on db: any Database)
        async throws -> [Ward.ID]
    {
        let open = try await WardAssignmentModel.query(on: db).filter(\.$councilID == councilID.uuid)
            .filter(\.$coordinatorID == id.uuid).filter(\.$endedAt == nil).all()
        for assignment in open {
            assignment.endedAt = now
            try await assignment.save(on: db)
        }
        return open.map { Ward.ID($0.wardID) }
    }
}
