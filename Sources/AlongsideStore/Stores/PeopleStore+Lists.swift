import AlongsideCore
import FluentKit
import Foundation
import SQLKit

extension PeopleStore {
    /// The columns a list shows, read with SQLKit rather than whole Fluent models: a caseload of
    /// hundreds costs one narrow query and no model hydration.
    static let summaryColumns = [
        "id", "full_name", "preferred_name", "stage", "level", "ward_id", "coordinator_id", "created_at",
        "last_contact_at", "next_step_due",
    ]

    /// Everyone a coordinator walks alongside now (or, with `includeEnded`, ever did), by name.
    public func caseload(of coordinatorID: StaffMember.ID, includeEnded: Bool = false) async throws
        -> [PersonSummary]
    {
        var query = try summaries().where("coordinator_id", .equal, coordinatorID.uuid)
        if !includeEnded { query = query.where("stage", .notEqual, JourneyStage.ended.rawValue) }
        return try await query.orderBy("full_name").all().map(Self.summary)
    }

    /// This council's people (not merged away), as summaries.
    func summaries() throws -> SQLSelectBuilder {
        try database.sql.select().columns(Self.summaryColumns.map { SQLColumn($0) }).from(PersonModel.schema)
            .where("council_id", .equal, councilID.uuid).where(SQLColumn("merged_into_id"), .is, SQLLiteral.null)
    }

    static func summary(_ row: any SQLRow) throws -> PersonSummary {
        PersonSummary(
            id: .init(try row.decode(column: "id", as: UUID.self)),
            fullName: try row.decode(column: "full_name", as: String.self),
            preferredName: try row.decode(column: "preferred_name", as: String.self),
            stage: JourneyStage(rawValue: try row.decode(column: "stage", as: String.self)) ?? .introduced,
            level: SupportLevel(rawValue: try row.decode(column: "level", as: Int.self)) ?? .two,
            wardID: try row.decode(column: "ward_id", as: UUID?.self).map { .init($0) },
            coordinatorID: try row.decode(column: "coordinator_id", as: UUID?.self).map { .init($0) },
            createdAt: try row.decode(column: "created_at", as: Date.self),
            lastContactAt: try row.decode(column: "last_contact_at", as: Date?.self),
            nextStepDue: try row.decode(column: "next_step_due", as: String?.self))
    }
}
