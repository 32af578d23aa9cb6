import AlongsideCore
import Foundation
import SQLKit

/// A member of staff's row as it is read: the one list of its columns and the one mapping from a row to a
/// `StaffMember` (SQLKit: every signed-in request reads its member of staff; no secrets are read beyond
/// whether two-step sign-in is on). Writes go through `StaffModel`.
public enum StaffRow {
    /// The staff table, for joining to it.
    public static let table = StaffModel.schema

    public static let columns = ["id", "council_id", "email", "name", "role", "totp_secret", "sessions_valid_from"]

    /// A member's columns named `prefix` + column, so a member can be read beside another table's row (a
    /// signed-in page reads its session, member of staff and council in one statement).
    public static func columns(prefix: String) -> [any SQLExpression] {
        columns.map { SQLAlias(SQLColumn($0, table: table), as: SQLIdentifier(prefix + $0)) }
    }

    public static func member(_ row: any SQLRow) throws -> StaffMember { try member(row, prefix: "") }

    /// The columns of a member as the council admin manages them: the member's, and whether they are active.
    public static let accountColumns = columns + ["active"]

    /// The columns signing in reads: a member's and their password hash (only `StaffStore.credentials` reads
    /// these; no other read takes the hash).
    public static let credentialColumns = columns + ["password_hash"]

    /// A member and their password hash from a row read with `credentialColumns`.
    public static func credentials(_ row: any SQLRow) throws -> (member: StaffMember, passwordHash: String) {
        (try member(row), try row.decode(column: "password_hash", as: String.self))
    }

    /// An account from a row read with `accountColumns`.
    public static func account(_ row: any SQLRow) throws -> StaffAccount {
        StaffAccount(member: try member(row), active: try row.decode(column: "active", as: Bool.self))
    }

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
}
