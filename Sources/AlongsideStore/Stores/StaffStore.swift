import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Staff accounts. Password hashing is done by the caller; this store only keeps the hash.
public struct StaffStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    public func create(
        councilID: Council.ID, email: String, name: String, role: Role, passwordHash: String
    ) async throws -> StaffMember {
        let email = StaffMember.normalisedEmail(email)
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        // Every problem at once: the name and email (Core's check) with, when the email could be one, whether
        // it already has an account. That alone is a conflict, as it always was.
        var problems = StaffMember.problems(email: email, name: name)
        var taken = false
        if StaffMember.isPlausibleEmail(email) {
            taken =
                try await database.sql.select().column("id").from(StaffRow.table).where("email", .equal, email)
                .first() != nil
        }
        if taken && problems.isEmpty { throw StaffProblem.accountExists(email: email) }
        if taken { problems.append(.accountExists(email: email)) }
        if !problems.isEmpty { throw AlongsideValidation(problems: problems) }
        let model = StaffModel(
            councilID: councilID.uuid, email: email, name: name, role: role, passwordHash: passwordHash)
        try await model.create(on: database)
        // Read back as every member is read (`StaffRow`): the one mapping of a row to a member.
        guard let member = try await find(.init(try model.requireID())) else {
            throw AlongsideError.notFound(.staffMember)
        }
        return member
    }

    /// The active account for an email, with its password hash, for signing in.
    public func credentials(email: String) async throws -> (member: StaffMember, passwordHash: String)? {
        try await database.sql.select().columns(StaffRow.credentialColumns.map { SQLColumn($0) })
            .from(StaffRow.table).where("email", .equal, StaffMember.normalisedEmail(email))
            .where("active", .equal, true).first().map(StaffRow.credentials)
    }

    /// Read with SQLKit: every request reads its member of staff, and Fluent hydrates models by reflection.
    public func find(_ id: StaffMember.ID) async throws -> StaffMember? {
        try await members().where("id", .equal, id.uuid).first().map(StaffRow.member)
    }

    /// An active member of staff with their council, in one statement: every signed-in request needs both.
    public func findWithCouncil(_ id: StaffMember.ID) async throws -> (member: StaffMember, council: Council)? {
        let staff = StaffRow.table
        guard
            let row = try await database.sql.select()
                .columns(StaffRow.columns.map { SQLColumn($0, table: staff) })
                .columns(CouncilRow.columns(prefix: "council."))
                .from(staff)
                .join(
                    CouncilRow.table, on: SQLColumn("council_id", table: staff), .equal,
                    SQLColumn("id", table: CouncilRow.table)
                )
                .where(SQLColumn("id", table: staff), .equal, SQLBind(id.uuid))
                .where(SQLColumn("active", table: staff), .equal, SQLBind(true)).first()
        else { return nil }
        return (try StaffRow.member(row), try CouncilRow.council(row, prefix: "council."))
    }

    /// Active staff, as members (no secrets read beyond whether two-step sign-in is on).
    func members() throws -> SQLSelectBuilder {
        try database.sql.select().columns(StaffRow.columns.map { SQLColumn($0) }).from(StaffRow.table)
            .where("active", .equal, true)
    }

    /// How many active staff each council has, in one query.
    public func countsByCouncil() async throws -> [Council.ID: Int] {
        let rows = try await database.sql.raw(
            "SELECT council_id, COUNT(*) AS n FROM staff WHERE active = \(bind: true) GROUP BY council_id"
        ).all()
        var counts: [Council.ID: Int] = [:]
        for row in rows {
            counts[.init(try row.decode(column: "council_id", as: UUID.self))] = try row.decode(
                column: "n", as: Int.self)
        }
        return counts
    }

    /// Active staff of one council, by name; optionally only those with the given roles.
    public func list(councilID: Council.ID, roles: [Role]? = nil) async throws -> [StaffMember] {
        var query = try members().where("council_id", .equal, councilID.uuid)
        if let roles { query = query.where("role", .in, roles.map(\.rawValue)) }
        return try await query.orderBy("name").all().map(StaffRow.member)
    }
}
