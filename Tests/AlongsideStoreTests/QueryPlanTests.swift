import AlongsideCore
import AlongsideTestSupport
import Fluent
import Foundation
import SQLKit
import Testing

@testable import AlongsideStore

/// The busiest reads go straight to their rows through an index. SQLite plans without statistics, so a
/// missing or unsuitable index shows up as a plan that searches the whole council (or the whole table).
/// PostgreSQL plans by cost from its statistics, so only SQLite's plans are pinned here.
@Suite("Query plans")
struct QueryPlanTests {
    /// SQLite's `EXPLAIN QUERY PLAN` details for a query, one line a step.
    static func plan(_ query: SQLSelectBuilder, on sql: any SQLDatabase) async throws -> [String] {
        try await sql.raw("EXPLAIN QUERY PLAN \(query.query)").all().map {
            try $0.decode(column: "detail", as: String.self)
        }
    }

    @Test(.enabled(if: TestDatabase.postgresURL == nil, "SQLite's own query plans"))
    func aCaseloadReadsOnlyItsCoordinatorsPeopleInNameOrder() async throws {
        try await withDatabase { db in
            let sql = try db.sql
            try #require(sql.dialect.name == "sqlite")
            let council = try await CouncilStore(db).create(slug: "testshire", name: "Testshire")
            let people = PeopleStore(db, councilID: council.id)
            for includeEnded in [false, true] {
                let plan = try await Self.plan(
                    people.caseloadQuery(of: .init(UUID()), includeEnded: includeEnded), on: sql)
                #expect(
                    plan == ["SEARCH people USING INDEX people_caseload (council_id=? AND coordinator_id=?)"],
                    "caseload plan: \(plan)")
            }
        }
    }

    /// A name search walks the council's name index testing `name_key LIKE '%…%'`: the name key and the merge
    /// mark must be in that index, or SQLite reads every person's row in the council to test them.
    @Test(.enabled(if: TestDatabase.postgresURL == nil, "SQLite's own query plans"))
    func aNameSearchTestsNamesInTheIndexBeforeReadingAnyRow() async throws {
        try await withDatabase { db in
            let sql = try db.sql
            try #require(sql.dialect.name == "sqlite")
            let council = try await CouncilStore(db).create(slug: "testshire", name: "Testshire")
            let query = try #require(try PeopleStore(db, councilID: council.id).searchQuery("Smith", limit: 50))
            let plan = try await Self.plan(query, on: sql)
            #expect(plan == ["SEARCH people USING INDEX people_council_name (council_id=?)"], "search plan: \(plan)")
            let columns = try await sql.raw("PRAGMA index_info(people_council_name)").all().map {
                try $0.decode(column: "name", as: String.self)
            }
            #expect(columns == ["council_id", "full_name", "id", "name_key", "merged_into_id"])
        }
    }

    /// The Network comparison reads each council's totals of one period from the summaries' unique index
    /// (council, period, code), a few rows a council whatever the number of people.
    @Test(.enabled(if: TestDatabase.postgresURL == nil))
    func theFigureSummariesAreReadFromTheirIndexByCouncilAndPeriod() async throws {
        try await withDatabase { db in
            let sql = try db.sql
            for byWard in [false, true] {
                let query = FigureSummaries.totalsQuery(
                    councils: [.init(UUID()), .init(UUID())], key: "fy2026", byWard: byWard)
                let plan = try await sql.raw("EXPLAIN QUERY PLAN " + query).all().map {
                    try $0.decode(column: "detail", as: String.self)
                }
                #expect(plan.count == 1, "plan: \(plan)")
                #expect(
                    plan.first?.hasPrefix(
                        "SEARCH figure_summaries USING INDEX sqlite_autoindex_figure_summaries_1 (council_id=? AND period_key=?"
                    ) == true,
                    "plan: \(plan)")
            }
        }
    }
}
