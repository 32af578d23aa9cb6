import AlongsideCore
import Foundation
import SQLKit

/// A council's row as it is read: the one list of its columns and the one mapping from a row to a `Council`
/// (SQLKit: every signed-in request reads its member's council). Writes go through `CouncilModel`.
public enum CouncilRow {
    /// The councils table, for joining to it.
    public static let table = CouncilModel.schema

    public static let columns = [
        "id", "slug", "name", "no_contact_days", "retention_level1_years", "retention_level2_years",
        "require_two_step", "share_with_network", "annual_investment_pence", "languages", "wording_version",
    ]

    /// A council's columns named `prefix` + column, so a council can be read beside another table's row
    /// (every signed-in request reads its member of staff and their council in one statement).
    public static func columns(prefix: String) -> [any SQLExpression] {
        columns.map { SQLAlias(SQLColumn($0, table: table), as: SQLIdentifier(prefix + $0)) }
    }

    public static func council(_ row: any SQLRow) throws -> Council { try council(row, prefix: "") }

    /// The select of every council, every column.
    static func select(on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(columns.map { SQLColumn($0) }).from(table)
    }

    /// A council from a row whose columns are named `prefix` + column (see `columns(prefix:)`).
    public static func council(_ row: any SQLRow, prefix: String) throws -> Council {
        func column(_ name: String) -> String { prefix + name }
        return Council(
            id: .init(try row.decode(column: column("id"), as: UUID.self)),
            slug: try row.decode(column: column("slug"), as: String.self),
            name: try row.decode(column: column("name"), as: String.self),
            noContactDays: try row.decode(column: column("no_contact_days"), as: Int.self),
            retentionLevel1Years: try row.decode(column: column("retention_level1_years"), as: Int.self),
            retentionLevel2Years: try row.decode(column: column("retention_level2_years"), as: Int.self),
            requireTwoStep: try row.decode(column: column("require_two_step"), as: Bool.self),
            sharesWithNetwork: try row.decode(column: column("share_with_network"), as: Bool.self),
            annualInvestmentPence: try row.decode(column: column("annual_investment_pence"), as: Int?.self),
            languages: Language.list(try row.decode(column: column("languages"), as: String.self)),
            wordingVersion: try row.decode(column: column("wording_version"), as: Int.self))
    }
}
