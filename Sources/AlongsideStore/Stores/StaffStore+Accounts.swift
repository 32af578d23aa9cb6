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

/// What switching a leaver off did: the wards they no longer cover and the people who were theirs.
public struct Departure: Sendable, Equatable {
    public let member: StaffMember
    public let endedWards: [Ward.ID]
    public let people: [Person.ID]
}

/// Staff accounts, run by the council admin: roles, switching a leaver off (and back on).
extension StaffStore {
    /// Every member of a council's staff, active or not, by name.
    public func accounts(councilID: Council.ID) async throws -> [StaffAccount] {
        try await StaffModel.query(on: database).filter(\.$councilID == councilID.uuid).sort(\.$name).all().map {
            StaffAccount(member: try $0.staffMember(), active: $0.active)
        }
    }

    /// One member of the council's staff, active or not; not found for another council's.
    public func account(_ id: StaffMember.ID, councilID: Council.ID) async throws -> StaffAccount {
        guard
            let model = try await StaffModel.query(on: database).filter(\.$id == id.uuid)
                .filter(\.$councilID == councilID.uuid).first()
        else { throw AlongsideError.notFound(what: "member of staff") }
        return StaffAccount(member: try model.staffMember(), active: model.active)
    }

    /// The account with this email, active or not.
    public func account(email: String) async throws -> StaffAccount? {
        try await StaffModel.query(on: database).filter(\.$email == StaffMember.normalisedEmail(email)).first().map {
            StaffAccount(member: try $0.staffMember(), active: $0.active)
        }
    }

    /// Changes a member's role. A role that cannot cover a ward ends the wards they covered.
    public func setRole(_ role: Role, of id: StaffMember.ID, councilID: Council.ID, at now: Date) async throws
        -> [Ward.ID]
    {
        try await database.transaction { db in
            guard
                let model = try await StaffModel.query(on: db).filter(\.$id == id.uuid)
                    .filter(\.$councilID == councilID.uuid).first()
            else { throw AlongsideError.notFound(what: "member of staff") }
            model.role = role.rawValue
            try await model.save(on: db)
            return role.canCoverWard ? [] : try await Self.endWards(of: id, councilID: councilID, at: now, on: db)
        }
    }

    /// Switches a leaver off, at once and everywhere: they can no longer sign in, every session and API
    /// token of theirs stops, and the wards they covered are uncovered from `now`. Their people stay theirs
    /// until handed over (the caller does that in the same transaction: see `Departure.people`).
    public func deactivate(_ id: StaffMember.ID, councilID: Council.ID, at now: Date) async throws -> Departure {
        try await database.transaction { db in
            guard
                let model = try await StaffModel.query(on: db).filter(\.$id == id.uuid)
                    .filter(\.$councilID == councilID.uuid).first()
            else { throw AlongsideError.notFound(what: "member of staff") }
            let member = try model.staffMember()
            model.active = false
            model.sessionsValidFrom = now
            try await model.save(on: db)
            try await AccessStore(db).revokeTokens(of: id)
            let wards = try await Self.endWards(of: id, councilID: councilID, at: now, on: db)
            let people = try await db.sql.select().column("id").from("people")
                .where("council_id", .equal, councilID.uuid).where("coordinator_id", .equal, id.uuid)
                .where(SQLColumn("merged_into_id"), .is, SQLLiteral.null).all()
                .map { Person.ID(try $0.decode(column: "id", as: UUID.self)) }
            return Departure(member: member, endedWards: wards, people: people)
        }
    }

    /// Lets a member who was switched off sign in again (with their old password; their wards and people
    /// are not given back: the admin names them again).
    public func reactivate(_ id: StaffMember.ID, councilID: Council.ID) async throws {
        guard
            let model = try await StaffModel.query(on: database).filter(\.$id == id.uuid)
                .filter(\.$councilID == councilID.uuid).first()
        else { throw AlongsideError.notFound(what: "member of staff") }
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
