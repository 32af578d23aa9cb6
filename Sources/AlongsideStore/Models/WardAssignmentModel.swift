import AlongsideCore
import FluentKit
import Foundation

final class WardAssignmentModel: Model, @unchecked Sendable {
    static let schema = "ward_assignments"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "ward_id") var wardID: UUID
    @Field(key: "coordinator_id") var coordinatorID: UUID
    @Field(key: "assigned_by_id") var assignedByID: UUID?
    @Field(key: "started_at") var startedAt: Date
    @OptionalField(key: "ended_at") var endedAt: Date?

    init() {}

    init(councilID: UUID, wardID: UUID, coordinatorID: UUID, assignedByID: UUID?, startedAt: Date) {
        self.councilID = councilID
        self.wardID = wardID
        self.coordinatorID = coordinatorID
        self.assignedByID = assignedByID
        self.startedAt = startedAt
        self.endedAt = nil
    }
}
