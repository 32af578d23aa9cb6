import AlongsideCore
import FluentKit
import Foundation

final class StepModel: Model, @unchecked Sendable {
    static let schema = "steps"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "what") var what: String
    @Field(key: "who") var who: String
    @OptionalField(key: "due_on") var dueOn: String?
    @OptionalField(key: "done_at") var doneAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    func step() throws -> Step {
        Step(id: .init(try requireID()), personID: .init(personID), what: what, who: who, dueOn: dueOn, doneAt: doneAt)
    }
}
