import AlongsideCore
import FluentKit
import Foundation

final class ProgrammeMemberModel: Model, @unchecked Sendable {
    static let schema = "programme_members"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "programme_id") var programmeID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "joined_on") var joinedOn: String
    @OptionalField(key: "left_on") var leftOn: String?

    init() {}
}
