import AlongsideCore
import FluentKit
import Foundation

/// The append-only audit log. There is no way here to change or remove an entry, and the database
/// refuses it too.
public struct AuditStore: Sendable {
    let database: any Database
    public let councilID: Council.ID

    public init(_ database: any Database, councilID: Council.ID) {
        self.database = database
        self.councilID = councilID
    }

    public func record(_ entry: AuditEntry) async throws {
        let row = AuditEntryModel()
        row.councilID = councilID.uuid
        row.staffID = entry.staffID?.uuid
        row.personID = entry.personID?.uuid
        row.action = entry.action.rawValue
        row.detail = String(entry.detail.prefix(500))
        row.reason = entry.reason.map { String($0.prefix(500)) }
        row.address = entry.address
        row.at = entry.at
        try await row.create(on: database)
    }

    /// Entries about one person, newest first.
    public func entries(about personID: Person.ID, limit: Int = 200) async throws -> [AuditEntry] {
        try await AuditEntryModel.query(on: database).filter(\.$councilID == councilID.uuid)
            .filter(\.$personID == personID.uuid).sort(\.$at, .descending).limit(limit).all().map(Self.entry)
    }

    /// Entries by one member of staff, newest first.
    public func entries(by staffID: StaffMember.ID, limit: Int = 200) async throws -> [AuditEntry] {
        try await AuditEntryModel.query(on: database).filter(\.$councilID == councilID.uuid)
            .filter(\.$staffID == staffID.uuid).sort(\.$at, .descending).limit(limit).all().map(Self.entry)
    }

    static func entry(_ row: AuditEntryModel) -> AuditEntry {
        AuditEntry(
            at: row.at, staffID: row.staffID.map { .init($0) }, personID: row.personID.map { .init($0) },
            action: AuditEntry.Action(rawValue: row.action) ?? .view, detail: row.detail, reason: row.reason,
            address: row.address)
    }
}
