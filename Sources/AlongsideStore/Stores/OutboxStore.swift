import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// One email in the outbox.
public struct OutboxMessage: Sendable, Equatable {
    public let id: UUID
    public let councilID: Council.ID
    public let staffID: StaffMember.ID?
    public let to: String
    public let notice: Notice
    public let createdAt: Date
    public let attempts: Int
    public let lastError: String?
    public let sentAt: Date?

    /// The same message with another notice (its link opened to send).
    public func with(notice: Notice) -> OutboxMessage {
        OutboxMessage(
            id: id, councilID: councilID, staffID: staffID, to: to, notice: notice, createdAt: createdAt,
            attempts: attempts, lastError: lastError, sentAt: sentAt)
    }
}

/// The outbox of emails: written in the caller's transaction with the event that causes them, claimed and
/// sent by the background sender. Several servers on one database send each message once: a message is
/// claimed by an `UPDATE … WHERE` the claim is free, which exactly one server wins, for a lease long enough
/// to send it; a server that stops mid-send leaves the lease to run out and another sends it.
public struct OutboxStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// Puts a notice in the outbox for a member of staff, honouring their choice (nothing for "none", the
    /// morning summary instead for "morning"), except sign-in and security messages, which always go.
    public func notify(_ member: StaffMember, _ notice: Notice, at now: Date) async throws {
        if !notice.alwaysSent {
            let preference = try await StaffStore(database).noticePreference(of: member.id)
            guard preference == .atOnce else { return }
        }
        try await put(notice, to: member.email, staffID: member.id, councilID: member.councilID, at: now)
    }

    /// Puts a notice in the outbox as it is, to an address.
    public func put(_ notice: Notice, to address: String, staffID: StaffMember.ID?, councilID: Council.ID, at now: Date)
        async throws
    {
        let row = OutboxModel()
        row.id = database.newID()
        row.councilID = councilID.uuid
        row.staffID = staffID?.uuid
        row.toAddress = address
        row.notice = String(decoding: try JSONEncoder().encode(notice), as: UTF8.self)
        row.createdAt = now
        row.sendAfter = now
        row.attempts = 0
        try await row.create(on: database)
    }

    /// Claims up to `limit` messages due to be sent, for `lease` seconds, in one statement: the messages this
    /// caller won. The claim's conditions are checked again on each row as it is updated, so of two servers
    /// claiming at once each message goes to one.
    public func claim(limit: Int, lease: TimeInterval, at now: Date) async throws -> [OutboxMessage] {
        let rows = try await SetWiseWrites.claimOutbox(limit: limit, lease: lease, at: now, on: database.sql)
        var won: [OutboxMessage] = []
        for row in rows {
            do {
                won.append(try OutboxRow.message(row))
            } catch {
                // A message this server cannot read (written by a newer release, or damaged) waits, told so.
                try await failed(
                    try row.decode(column: "id", as: UUID.self), attempts: 20, error: "unreadable: \(error)", at: now)
            }
        }
        return won
    }

    /// Marks a claimed message sent, keeping `notice` as it may be kept (a one-time link emptied).
    public func sent(_ id: UUID, keeping notice: Notice, at now: Date) async throws {
        try await OutboxModel.query(on: database).filter(\.$id == id).set(\.$sentAt, to: now)
            .set(\.$notice, to: String(decoding: try JSONEncoder().encode(notice), as: UTF8.self))
            .set(\.$claimedUntil, to: nil).set(\.$lastError, to: nil).update()
    }

    /// Marks a claimed message failed: it is tried again after a wait that doubles with each attempt (a
    /// minute, two, four … up to six hours), and is never dropped.
    public func failed(_ id: UUID, attempts: Int, error: String, at now: Date) async throws {
        try await OutboxModel.query(on: database).filter(\.$id == id)
            .set(\.$attempts, to: attempts + 1).set(\.$lastError, to: String(error.prefix(500)))
            .set(\.$sendAfter, to: now.addingTimeInterval(Self.backOff(afterAttempts: attempts + 1)))
            .set(\.$claimedUntil, to: nil).update()
    }

    /// Deletes messages sent before `before` (what happened stays in the audit log).
    public func prune(sentBefore before: Date) async throws {
        try await OutboxModel.query(on: database).filter(\.$sentAt < before).delete()
    }

    /// The wait before the next try after `attempts` failed ones.
    public static func backOff(afterAttempts attempts: Int) -> TimeInterval {
        min(60 * pow(2, Double(max(0, min(attempts, 20) - 1))), 6 * 60 * 60)
    }

    /// A council's messages not yet sent, oldest first: what its admins see when no mail is configured
    /// (or while sending fails).
    public func waiting(councilID: Council.ID, limit: Int = 200) async throws -> [OutboxMessage] {
        try await query().where("council_id", .equal, councilID.uuid)
            .where(SQLColumn("sent_at"), .is, SQLLiteral.null).orderBy("created_at").limit(limit).all()
            .map(OutboxRow.message)
    }

    /// Every message to an address, newest first (for tests and support).
    public func messages(to address: String) async throws -> [OutboxMessage] {
        try await query().where("to_address", .equal, address).orderBy("created_at", .descending).all()
            .map(OutboxRow.message)
    }

    func query() throws -> SQLSelectBuilder {
        try database.sql.select().columns(OutboxRow.columns.map { SQLColumn($0) }).from(OutboxRow.table)
    }
}
