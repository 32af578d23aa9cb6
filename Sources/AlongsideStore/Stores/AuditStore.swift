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
