import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// What is waiting for each coordinator: new introductions not yet contacted, steps falling due, and
/// connections due their three-month question. Worked out in SQL, for the morning summary and the pages.
extension PeopleStore {
    /// A morning's counts for one member of staff.
    public struct Waiting: Sendable, Equatable {
        public var introductions = 0
        public var steps = 0
        public var connections = 0

        public init(introductions: Int = 0, steps: Int = 0, connections: Int = 0) {
            self.introductions = introductions
            self.steps = steps
            self.connections = connections
        }

        public var isEmpty: Bool { introductions == 0 && steps == 0 && connections == 0 }
    }

    /// Each coordinator's counts on `today` (yyyy-MM-dd): people introduced and never contacted, people with
    /// a next step due today or before, and connections started 90 days ago or more with nobody yet asked
    /// whether they lasted. People waiting for the team (no coordinator) are counted under nil.
    public func waiting(today: String) async throws -> [StaffMember.ID?: Waiting] {
        let sql = try database.sql
        var result: [StaffMember.ID?: Waiting] = [:]
        func key(_ row: any SQLRow) throws -> StaffMember.ID? {
            try row.decode(column: "coordinator_id", as: UUID?.self).map { .init($0) }
        }
        let introductions = try await sql.raw(
            """
            SELECT coordinator_id, COUNT(*) AS n FROM people WHERE council_id = \(bind: councilID.uuid) \
            AND merged_into_id IS NULL AND stage = \(bind: JourneyStage.introduced.rawValue) \
            AND last_contact_at IS NULL GROUP BY coordinator_id
            """
        ).all()
        for row in introductions {
            result[try key(row), default: Waiting()].introductions = try row.decode(column: "n", as: Int.self)
        }
        let steps = try await sql.raw(
            """
            SELECT coordinator_id, COUNT(*) AS n FROM people WHERE council_id = \(bind: councilID.uuid) \
            AND merged_into_id IS NULL AND stage <> \(bind: JourneyStage.ended.rawValue) \
            AND next_step_due IS NOT NULL AND next_step_due <= \(bind: today) GROUP BY coordinator_id
            """
        ).all()
        for row in steps { result[try key(row), default: Waiting()].steps = try row.decode(column: "n", as: Int.self) }
        let dueFrom =
            ISODay.date(today).map {
                ISODay.string($0.addingTimeInterval(-Double(Connection.lastingAfterDays) * 86_400))
            } ?? today
        let connections = try await sql.raw(
            """
            SELECT p.coordinator_id AS coordinator_id, COUNT(*) AS n FROM connections c \
            JOIN people p ON p.id = c.person_id AND p.merged_into_id IS NULL \
            WHERE c.council_id = \(bind: councilID.uuid) AND c.lasting IS NULL AND c.ended_on IS NULL \
            AND c.struck_at IS NULL AND c.started_on <= \(bind: dueFrom) GROUP BY p.coordinator_id
            """
        ).all()
        for row in connections {
            result[try key(row), default: Waiting()].connections = try row.decode(column: "n", as: Int.self)
        }
        return result
    }

    /// New introductions not yet contacted, longest waiting first: one coordinator's, or (nil) everyone's who
    /// has a coordinator, for the team leader (those without one are the team's queue).
    public func newIntroductions(of coordinatorID: StaffMember.ID?, limit: Int) async throws -> [PersonSummary] {
        let query = try summaries().where("stage", .equal, JourneyStage.introduced.rawValue)
            .where(SQLColumn("last_contact_at"), .is, SQLLiteral.null)
        let whose =
            coordinatorID.map { query.where("coordinator_id", .equal, $0.uuid) }
            ?? query.where(SQLColumn("coordinator_id"), .isNot, SQLLiteral.null)
        return try await whose.orderBy("created_at").orderBy("id").limit(limit).all().map(Self.summary)
    }
}
