import AlongsideCore
import Foundation
import SQLKit

/// A consent's row as it is read: the one list of its columns and the one mapping from a row to a `Consent`
/// (SQLKit). Writes go through `ConsentModel`.
enum ConsentRow {
    static let table = ConsentModel.schema

    static let columns = [
        "id", "council_id", "person_id", "kind", "partner", "wording", "given_on", "withdrawn_on", "recorded_by_id",
        "recorded_at",
    ]

    /// A kind Alongside does not know reads as consent to keep their information.
    static func consent(_ row: any SQLRow) throws -> Consent {
        Consent(
            id: .init(try row.decode(column: "id", as: UUID.self)),
            personID: .init(try row.decode(column: "person_id", as: UUID.self)),
            kind: Consent.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .keepInformation,
            partner: try row.decode(column: "partner", as: String?.self),
            wording: try row.decode(column: "wording", as: String.self),
            givenOn: try row.decode(column: "given_on", as: String.self),
            withdrawnOn: try row.decode(column: "withdrawn_on", as: String?.self))
    }

    /// The select of the council's consents, every column.
    static func select(council: UUID, on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(columns.map { SQLColumn($0) }).from(table).where("council_id", .equal, council)
    }
}
