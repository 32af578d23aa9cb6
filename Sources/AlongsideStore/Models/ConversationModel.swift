import AlongsideCore
import FluentKit
import Foundation

final class ConversationModel: Model, @unchecked Sendable {
    static let schema = "conversations"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "staff_id") var staffID: UUID
    @Field(key: "happened_on") var happenedOn: String
    @OptionalField(key: "minutes") var minutes: Int?
    @Field(key: "place") var place: String
    @Field(key: "who_was_there") var whoWasThere: String
    @Field(key: "notes") var notes: String
    @Field(key: "level") var level: Int
    @Field(key: "about") var about: String
    @Field(key: "shared") var shared: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "version") var version: Int
    @OptionalField(key: "struck_at") var struckAt: Date?
    @OptionalField(key: "struck_reason") var struckReason: String?
    @OptionalField(key: "struck_by_id") var struckByID: UUID?

    init() {}
}
