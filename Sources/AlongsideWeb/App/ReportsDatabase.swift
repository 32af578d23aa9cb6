import AlongsideStore
import Fluent
import FluentPostgresDriver
import Vapor

extension DatabaseID {
    /// The PostgreSQL streaming replica reports read from, when `DATABASE_READ_URL` names one.
    static let reports = DatabaseID(string: "reports")
}

extension AppConfig {
    /// The replica reports read from: `readReplicaURL` beside a PostgreSQL primary, else nil.
    var reportsReplicaURL: String? {
        guard case .postgres = database else { return nil }
        return readReplicaURL
    }
}

extension Application {
    /// Registers the replica reports read from (`AppConfig.readReplicaURL`), beside the primary and never
    /// the default: migrations, sessions and every write go to the primary. Connects on first use.
    func useReportsReplica(_ config: AppConfig) throws {
        guard let url = config.reportsReplicaURL else { return }
        var replica = try SQLPostgresConfiguration(url: url)
        replica.coreConfiguration.options.connectTimeout = .seconds(10)
        databases.use(.postgres(configuration: replica, sqlLogLevel: .debug), as: .reports, isDefault: false)
    }

    /// The database reports read: the replica when one is configured, else the primary.
    var reportsDB: any Database {
        alongside.reportsReplicaURL == nil ? db : db(.reports)
    }
}

extension Request {
    /// The database a report reads: the replica when `DATABASE_READ_URL` names one, else the primary
    /// (`req.db`). Only for reads that may lag the primary by the replica's delay: the team dashboard and its
    /// CSV, the quarterly report, `GET /api/v1/figures`, the SROI page's figures and the Network comparison.
    /// Writes, and reads that must see a write just made (a saved SROI report, sessions, sign-in), use
    /// `req.db`.
    var reportsDB: any Database {
        application.alongside.reportsReplicaURL == nil ? db : db(.reports)
    }
}
