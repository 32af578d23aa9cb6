import AlongsideCore
import FluentKit
import SQLKit

extension Database {
    /// The database as SQLKit sees it, for reports and hot paths. Alongside's drivers (SQLite and
    /// PostgreSQL) are both SQL databases; anything else is a setup mistake.
    public var sql: any SQLDatabase {
        get throws {
            guard let sql = self as? any SQLDatabase else {
                throw AlongsideError.conflict(message: "Alongside needs an SQL database (SQLite or PostgreSQL).")
            }
            return sql
        }
    }
}
