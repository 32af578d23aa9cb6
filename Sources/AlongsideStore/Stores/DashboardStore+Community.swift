import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// The community side of the dashboard: connections and whether they lasted, contributions, community
/// work and the Good Neighbours scheme.
extension DashboardStore {
    public func connectionsByKind(in period: Period? = nil) async throws -> [(Connection.Kind, Int)] {
        try await counts("connections", by: "kind", in: period).compactMap { key, n in
            Connection.Kind(rawValue: key).map { ($0, n) }
        }
    }

    /// Connections (started in `period`, when given) asked about at three months: (still going, did not
    /// last, not asked yet).
    public func connectionsAtThreeMonths(in period: Period? = nil) async throws -> (
        lasting: Int, ended: Int, notAsked: Int
    ) {
        var query: SQLQueryString = """
            SELECT SUM(CASE WHEN lasting = \(bind: true) THEN 1 ELSE 0 END) AS kept, \
            SUM(CASE WHEN lasting = \(bind: false) THEN 1 ELSE 0 END) AS lost, \
            SUM(CASE WHEN lasting IS NULL THEN 1 ELSE 0 END) AS unasked \
            FROM connections WHERE council_id = \(bind: councilID.uuid) AND struck_at IS NULL
            """
        if let period {
            query += " AND started_on >= \(bind: period.from) AND started_on <= \(bind: period.to)"
        }
        let row = try await sql.raw(query).first()
        return (
            try row?.decode(column: "kept", as: Int?.self) ?? 0, try row?.decode(column: "lost", as: Int?.self) ?? 0,
            try row?.decode(column: "unasked", as: Int?.self) ?? 0
        )
    }

    public func contributionsByKind(in period: Period? = nil) async throws -> [(Contribution.Kind, Int)] {
        try await counts("contributions", by: "kind", in: period).compactMap { key, n in
            Contribution.Kind(rawValue: key).map { ($0, n) }
        }
    }

    public func communityWorkByKind(in period: Period? = nil) async throws -> [(CommunityWork.Kind, Int)] {
        try await counts("community_work", by: "kind", in: period).compactMap { key, n in
            CommunityWork.Kind(rawValue: key).map { ($0, n) }
        }
    }

    public func helpRequestsByStatus(in period: Period? = nil) async throws -> [(HelpRequest.Status, Int)] {
        try await counts("help_requests", by: "status", in: period).compactMap { key, n in
            HelpRequest.Status(rawValue: key).map { ($0, n) }
        }
    }
}
