import Foundation

/// Where Alongside keeps its data, read from `DATABASE_URL`: unset means SQLite at ./alongside.sqlite,
/// `sqlite:PATH` SQLite at PATH, `postgres://…` (or `postgresql://…`) PostgreSQL.
public enum DatabaseLocation: Equatable, Sendable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public static let defaultSQLitePath = "alongside.sqlite"

    public struct Unrecognised: Error, CustomStringConvertible {
        public let value: String
        public var description: String {
            "DATABASE_URL must be sqlite:PATH or postgres://user:password@host:port/database (got something else)."
        }
    }

    public init(url: String?) throws {
        guard let url, !url.isEmpty else {
            self = .sqlite(path: Self.defaultSQLitePath)
            return
        }
        if url.hasPrefix("sqlite://") {
            self = .sqlite(path: String(url.dropFirst("sqlite://".count)))
        } else if url.hasPrefix("sqlite:") {
            self = .sqlite(path: String(url.dropFirst("sqlite:".count)))
        } else if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            self = .postgres(url: url)
        } else {
            throw Unrecognised(value: url)
        }
    }

    /// Says where the data is without printing a password.
    public var description: String {
        switch self {
        case .sqlite(let path): return "SQLite at \(path)"
        case .postgres(let url):
            guard var components = URLComponents(string: url) else { return "PostgreSQL" }
            if components.password != nil { components.password = "***" }
            return "PostgreSQL at \(components.string ?? "PostgreSQL")"
        }
    }
}
