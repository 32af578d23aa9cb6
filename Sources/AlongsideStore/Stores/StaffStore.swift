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
        guard StaffMember.isPlausibleEmail(email) else {
            throw StaffProblem.emailMissing
        }
        guard !name.isEmpty, name.count <= 120 else {
            throw StaffProblem.nameMissing
        }
        if try await StaffModel.query(on: database).filter(\.$email == email).first() != nil {
            throw StaffProblem.accountExists(email: email)
        }
        let model = StaffModel(
            councilID: councilID.uuid, email: email, name: name, role: role, passwordHash: passwordHash)
        try await model.create(on: database)
        return try model.staffMember()
    }

    /// The active account for an email, with its password hash, for signing in.
    public func credentials(email: String) async throws -> (member: StaffMember, passwordHash: String)? {
        guard
            let model = try await StaffModel.query(on: database)
                .filter(\.$email == StaffMember.normalisedEmail(email)).filter(\.$active == true).first()
        else { return nil }
        return (try model.staffMember(), model.passwordHash)
    }

    /// Read with SQLKit: every request reads its member of staff, and Fluent hydrates models by reflection.
    public func find(_ id: StaffMember.ID) async throws -> StaffMember? {
        try await members().where("id", .equal, id.uuid).first().map(Self.member)
    }

    /// An active member of staff with their council, in one statement: every signed-in request needs both.
    public func findWithCouncil(_ id: StaffMember.ID) async throws -> (member: StaffMember, council: Council)? {
        let staff = StaffModel.schema
        guard
            let row = try await database.sql.select()
                .columns(Self.memberColumns.map { SQLColumn($0, table: staff) })
                .columns(CouncilStore.columns(prefix: "council."))
                .from(staff)
                .join(
                    CouncilModel.schema, on: SQLColumn("council_id", table: staff), .equal,
                    SQLColumn("id", table: CouncilModel.schema)
                )
                .where(SQLColumn("id", table: staff), .equal, SQLBind(id.uuid))
                .where(SQLColumn("active", table: staff), .equal, SQLBind(true)).first()
        else { return nil }
        return (try Self.member(row), try CouncilStore.council(row, prefix: "council."))
    }

    /// A member's columns named `prefix` + column, so a member can be read beside another table's row (a
    /// signed-in page reads its session, member of staff and council in one statement).
    public static func columns(prefix: String) -> [any SQLExpression] {
        memberColumns.map { SQLAlias(SQLColumn($0, table: table), as: SQLIdentifier(prefix + $0)) }
    }

    /// The staff table, for joining to it.
    public static let table = StaffModel.schema

    static let memberColumns = ["id", "council_id", "email", "name", "role", "totp_secret", "sessions_valid_from"]

    /// Active staff, as members (no secrets read beyond whether two-step sign-in is on).
    func members() throws -> SQLSelectBuilder {
        try database.sql.select().columns(Self.memberColumns.map { SQLColumn($0) }).from(StaffModel.schema)
            .where("active", .equal, true)
    }

    static func member(_ row: any SQLRow) throws -> StaffMember { try member(row, prefix: "") }

    /// A member from a row whose columns are named `prefix` + column (see `columns(prefix:)`).
    public static func member(_ row: any SQLRow, prefix: String) throws -> StaffMember {
        func column(_ name: String) -> String { prefix + name }
        let raw = try row.decode(column: column("role"), as: String.self)
        guard let role = Role(rawValue: raw) else {
            throw StaffProblem.unknownRole(raw)
        }
        return StaffMember(
            id: .init(try row.decode(column: column("id"), as: UUID.self)),
            councilID: .init(try row.decode(column: column("council_id"), as: UUID.self)),
            email: try row.decode(column: column("email"), as: String.self),
            name: try row.decode(column: column("name"), as: String.self),
            role: role, twoStepEnabled: try row.decode(column: column("totp_secret"), as: String?.self) != nil,
            sessionsValidFrom: try row.decode(column: column("sessions_valid_from"), as: Date?.self))
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
        return try await query.orderBy("name").all().map(Self.member)
    }
}
