import AlongsideCore
import FluentKit
import Foundation

final class GoodLifeModel: Model, @unchecked Sendable {
    static let schema = "good_lives"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "vision") var vision: String
    @Field(key: "strengths") var strengths: String
    @Field(key: "gifts_and_interests") var giftsAndInterests: String
    @Field(key: "what_matters") var whatMatters: String
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "updated_by_id") var updatedByID: UUID?
    /// Moved on by one with each save (`PeopleStore.saveVision`, from the version read); the first is 1.
    @Field(key: "version") var version: Int

    init() {}
}
