import AlongsideCore
import Foundation
import SQLKit

/// A programme membership's row as it is read: the one list of its columns and the one mapping from a row
/// (SQLKit). Writes go through `ProgrammeMemberModel`.
enum ProgrammeMemberRow {
    static let table = ProgrammeMemberModel.schema

    static let columns = ["id", "council_id", "programme_id", "person_id", "joined_on", "left_on"]

    /// One person's membership of one programme: when they joined and (when they have) left.
    struct Membership: Sendable, Equatable {
        let id: UUID
        let programmeID: Programme.ID
        let personID: Person.ID
        let joinedOn: String
        let leftOn: String?
    }

    static func membership(_ row: any SQLRow) throws -> Membership {
        Membership(
            id: try row.decode(column: "id", as: UUID.self),
            programmeID: .init(try row.decode(column: "programme_id", as: UUID.self)),
            personID: .init(try row.decode(column: "person_id", as: UUID.self)),
            joinedOn: try row.decode(column: "joined_on", as: String.self),
            leftOn: try row.decode(column: "left_on", as: String?.self))
    }

    /// The select of the council's memberships, every column.
    static func select(council: UUID, on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(columns.map { SQLColumn($0) }).from(table).where("council_id", .equal, council)
    }
}
