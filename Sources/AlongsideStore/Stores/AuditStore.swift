import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// The append-only audit log. There is no way here to change or remove an entry, and the database
/// refuses it too.
public struct AuditStore: Sendable {
    /// What replaces the words of a search when the person searched for is erased (the only change the
    /// database allows to the log).
    public static let redactedSearch = "[removed: an erased record]"

    let database: any Database
    public let councilID: Council.ID

    public init(_ database: any Database, councilID: Council.ID) {
        self.database = database
        self.councilID = councilID
    }

    public func record(_ entry: AuditEntry) async throws {
        // One INSERT through SQLKit: every view and search writes one, and a Fluent model's create found
        // its fields by reflection each time.
        try await database.sql.insert(into: AuditEntryModel.schema)
            .columns(Self.insertColumns)
            .values(
                SQLBind(database.newID()), SQLBind(councilID.uuid), SQLBind(entry.staffID?.uuid),
                SQLBind(entry.personID?.uuid),
                SQLBind(entry.action.rawValue), SQLBind(String((entry.detail.written ?? "").prefix(500))),
                SQLBind(entry.detail.written == nil ? entry.detail.code : nil),
                SQLBind(entry.detail.written == nil ? Self.encoded(entry.detail.values) : nil),
                SQLBind(entry.detail.written == nil ? entry.detail.viaAPI : nil),
                SQLBind(entry.reason.map { String($0.prefix(500)) }), SQLBind(entry.address), SQLBind(entry.at)
            )
            .run()
    }

    static let insertColumns: [any SQLExpression] =
        [
            "id", "council_id", "staff_id", "person_id", "action", "detail", "detail_code", "detail_values",
            "detail_api",
            "reason", "address", "at",
        ].map { SQLColumn($0) }

    /// A detail's values as a JSON array of strings, each cut to 500 characters (as the words were).
    static func encoded(_ values: [String]) -> String {
        let data = (try? JSONEncoder().encode(values.map { String($0.prefix(500)) })) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// What an entry's row says was done: its code and values, or, for an entry written before codes, its words.
    static func detail(_ row: AuditEntryModel) -> AuditEntry.Detail {
        guard let code = row.detailCode else { return .init(written: row.detail) }
        let values = row.detailValues.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
        return .init(code: code, values: values, viaAPI: row.detailAPI ?? false)
    }

    /// Entries about one person, newest first. Entries written in the same instant come in the order of their
    /// ids (newest first, as the generator counts them), so a list, and a page of it, is the same on every
    /// database and every time it is read.
    public func entries(about personID: Person.ID, limit: Int = 200) async throws -> [AuditEntry] {
        try await AuditEntryModel.query(on: database).filter(\.$councilID == councilID.uuid)
            .filter(\.$personID == personID.uuid).sort(\.$at, .descending).sort(\.$id, .descending).limit(limit).all()
            .map(Self.entry)
    }

    /// Entries by one member of staff, newest first.
    public func entries(by staffID: StaffMember.ID, limit: Int = 200) async throws -> [AuditEntry] {
        try await AuditEntryModel.query(on: database).filter(\.$councilID == councilID.uuid)
            .filter(\.$staffID == staffID.uuid).sort(\.$at, .descending).sort(\.$id, .descending).limit(limit).all()
            .map(Self.entry)
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
        var query = AuditEntryModel.query(on: database).filter(\.$councilID == councilID.uuid)
        if let people = search.people { query = query.filter(\.$personID ~~ people.map(\.uuid)) }
        if let staffID = search.staffID { query = query.filter(\.$staffID == staffID.uuid) }
        if let from = search.from { query = query.filter(\.$at >= from) }
        if let to = search.to { query = query.filter(\.$at < to) }
        if let action = search.action { query = query.filter(\.$action == action.rawValue) }
        let total = try await query.count()
        let rows = try await query.sort(\.$at, .descending).sort(\.$id, .descending).range(
            ((page - 1) * per)..<(page * per)
        ).all()
        return Paged(items: rows.map(Self.entry), metadata: .init(page: page, per: per, total: total))
    }

    static func entry(_ row: AuditEntryModel) -> AuditEntry {
        AuditEntry(
            at: row.at, staffID: row.staffID.map { .init($0) }, personID: row.personID.map { .init($0) },
            action: AuditEntry.Action(rawValue: row.action) ?? .view, detail: detail(row), reason: row.reason,
            address: row.address)
    }
}
