import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// What a one-time link is for.
public enum StaffLinkPurpose: String, Sendable {
    /// A new member of staff sets their first password: 72 hours.
    case invitation
    /// A member of staff chooses a new password: an hour.
    case reset

    public var lifetime: TimeInterval {
        switch self {
        case .invitation: return 72 * 60 * 60
        case .reset: return 60 * 60
        }
    }
}

/// Notices, invitations and password links for staff accounts.
extension StaffStore {
    /// How the member wants their notices.
    public func noticePreference(of id: StaffMember.ID) async throws -> Notice.Preference {
        guard
            let row = try await database.sql.select().column("notices").from(StaffModel.schema)
                .where("id", .equal, id.uuid).first()
        else { throw AlongsideError.notFound(.staffMember) }
        return Notice.Preference(rawValue: try row.decode(column: "notices", as: String.self)) ?? .atOnce
    }

    /// Every active member's choice in a council, in one read (for the morning summaries).
    public func noticePreferences(councilID: Council.ID) async throws -> [StaffMember.ID: Notice.Preference] {
        try await database.sql.select().column("id").column("notices").from(StaffModel.schema)
            .where("council_id", .equal, councilID.uuid).where("active", .equal, true).all()
            .reduce(into: [:]) { result, row in
                result[.init(try row.decode(column: "id", as: UUID.self))] =
                    Notice.Preference(rawValue: try row.decode(column: "notices", as: String.self)) ?? .atOnce
            }
    }

    public func setNoticePreference(_ preference: Notice.Preference, of id: StaffMember.ID) async throws {
        try await StaffModel.query(on: database).filter(\.$id == id.uuid).set(\.$notices, to: preference.rawValue)
            .update()
    }

    /// Invites a member of staff: an account with no password anyone knows (a random one, hashed by the
    /// caller), to be set from the link. Fails when the email already has an account.
    public func invite(
        councilID: Council.ID, email: String, name: String, role: Role, unusablePasswordHash: String
    ) async throws -> StaffMember {
        try await create(
            councilID: councilID, email: email, name: name, role: role, passwordHash: unusablePasswordHash)
    }

    /// Keeps a new one-time link's digest for the member; earlier unused links of the same purpose stop
    /// working (only the newest link works).
    public func addLink(
        _ purpose: StaffLinkPurpose, digest: String, for id: StaffMember.ID, at now: Date
    ) async throws {
        try await StaffLinkModel.query(on: database).filter(\.$staffID == id.uuid)
            .filter(\.$purpose == purpose.rawValue).filter(\.$usedAt == nil).set(\.$usedAt, to: now).update()
        let link = StaffLinkModel()
        link.id = database.newID()
        link.staffID = id.uuid
        link.purpose = purpose.rawValue
        link.digest = digest
        link.createdAt = now
        link.expiresAt = now.addingTimeInterval(purpose.lifetime)
        try await link.create(on: database)
    }

    /// Every unused link of the member stops working: when a password is set (by any link or on the account
    /// page) or the account is switched off.
    public func spendLinks(of id: StaffMember.ID, at now: Date) async throws {
        try await StaffLinkModel.query(on: database).filter(\.$staffID == id.uuid).filter(\.$usedAt == nil)
            .set(\.$usedAt, to: now).update()
    }

    /// The active member a link (by its digest) is for, while it is unused and unexpired; nil otherwise.
    public func linkHolder(digest: String, at now: Date) async throws -> (StaffMember, StaffLinkPurpose)? {
        try await heldLink(digest: digest, at: now).map { ($0.member, $0.purpose) }
    }

    /// The link (its id), its purpose and the active member it is for, while it is unused and unexpired.
    func heldLink(digest: String, at now: Date) async throws -> (
        id: UUID, member: StaffMember, purpose: StaffLinkPurpose
    )? {
        guard
            let link = try await StaffLinkModel.query(on: database).filter(\.$digest == digest)
                .filter(\.$usedAt == nil).filter(\.$expiresAt > now).first(),
            let purpose = StaffLinkPurpose(rawValue: link.purpose),
            let member = try await members().where("id", .equal, link.staffID).first().map(StaffRow.member)
        else { return nil }
        return (try link.requireID(), member, purpose)
    }

    /// Uses a link once to set the member's password: the link is spent (of two uses at once, one wins),
    /// the password set, and every session and API token of theirs ends. The member, or nil when the link
    /// does not work (used, expired, unknown, or their account switched off).
    public func useLink(digest: String, passwordHash: String, at now: Date) async throws -> StaffMember? {
        try await database.change { db in
            let store = StaffStore(db)
            guard let link = try await store.heldLink(digest: digest, at: now) else { return nil }
            let member = link.member
            // Spent only while unused: of two uses at once, one wins.
            let spent = try await CompareAndSet.update(
                StaffLinkModel.schema, council: nil, id: link.id, guards: ["used_at": Date?.none],
                set: ["used_at": now], on: db.sql)
            guard spent else { return nil }
            try await store.setPasswordHash(passwordHash, for: member.id, at: now)
            return member
        }
    }
}
