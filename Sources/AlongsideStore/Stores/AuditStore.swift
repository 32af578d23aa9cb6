import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// The append-only audit log. There is no way here to change or remove an entry, and the database
/// refuses it too.
public struct AuditStore: Sendable {
    /// What replaces the words of a search when the person searched for is erased (the only change the
    /// database allows to the log). A marker, never shown as it is: the log's readers word it from the
    /// catalog (`AuditWording.reason`), in their language. Its text is fixed by the append-only triggers.
    public static let redactedSearch = "[removed: an erased record]"

    let database: any Database
    public let councilID: Council.ID

    public init(_ database: any Database, councilID: Council.ID) {
        self.database = database
        self.councilID = councilID
    }

    /// Writes one entry through its model: one INSERT, on the store's database (a change's entry is written on
    /// the change's transaction, so it is kept or lost with it). The log is append-only: the database refuses
    /// an UPDATE or DELETE of an entry (beyond erasure's redaction of searches), so an entry is only created.
    public func record(_ entry: AuditEntry) async throws {
        try await AuditEntryModel(entry, id: database.newID(), councilID: councilID.uuid).create(on: database)
    }

    /// A detail's values as a JSON array of strings, each cut to 500 characters (as the words were).
    static func encoded(_ values: [String]) -> String {
        let data = (try? JSONEncoder().encode(values.map { String($0.prefix(500)) })) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Entries about one person, newest first. Entries written in the same instant come in the order of their
    /// ids (newest first, as the generator counts them), so a list, and a page of it, is the same on every
    /// database and every time it is read.
    public func entries(about personID: Person.ID, limit: Int = 200) async throws -> [AuditEntry] {
        try await AuditEntryRow.select(council: councilID.uuid, on: database.sql)
            .where("person_id", .equal, personID.uuid).orderBy("at", .descending).orderBy("id", .descending)
            .limit(limit).all().map(AuditEntryRow.entry)
    }

    /// Entries by one member of staff, newest first.
    public func entries(by staffID: StaffMember.ID, limit: Int = 200) async throws -> [AuditEntry] {
        try await AuditEntryRow.select(council: councilID.uuid, on: database.sql)
            .where("staff_id", .equal, staffID.uuid).orderBy("at", .descending).orderBy("id", .descending)
            .limit(limit).all().map(AuditEntryRow.entry)
    }

    /// What an auditor is looking for; every filter given must hold.
    public struct Search: Sendable {
        public var people: [Person.ID]?
        public var staffID: StaffMember.ID?
        public var from: Date?
        public var to: Date?
        public var action: AuditEntry.Action?

        public init(
            people: [Person.ID]? = nil, staffID: StaffMember.ID? = nil, from: Date? = nil, to: Date? = nil,
            action: AuditEntry.Action? = nil
        ) {
            self.people = people
            self.staffID = staffID
            self.from = from
            self.to = to
            self.action = action
        }
    }

    /// The entries a search finds, newest first, a page at a time.
    public func search(_ search: Search, page: Int, per: Int) async throws -> Paged<AuditEntry> {
        // No one searched for finds nothing (as an empty `IN` would).
        if let people = search.people, people.isEmpty {
            return Paged(items: [], metadata: .init(page: page, per: per, total: 0))
        }
        let sql = try database.sql
        func filtered(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
            var select = select.where("council_id", .equal, councilID.uuid)
            if let people = search.people { select = select.where("person_id", .in, people.map(\.uuid)) }
            if let staffID = search.staffID { select = select.where("staff_id", .equal, staffID.uuid) }
            if let from = search.from { select = select.where("at", .greaterThanOrEqual, from) }
            if let to = search.to { select = select.where("at", .lessThan, to) }
            if let action = search.action { select = select.where("action", .equal, action.rawValue) }
            return select
        }
        let total =
            try await filtered(
                sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(AuditEntryRow.table)
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        let entries = try await filtered(
            sql.select().columns(AuditEntryRow.columns.map { SQLColumn($0) }).from(AuditEntryRow.table)
        ).orderBy("at", .descending).orderBy("id", .descending).offset((page - 1) * per).limit(per).all()
            .map(AuditEntryRow.entry)
        return Paged(items: entries, metadata: .init(page: page, per: per, total: total))
    }
}
