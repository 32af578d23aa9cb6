import AlongsideCore
import FluentKit
import Foundation
import SQLKit

final class StoryModel: Model, @unchecked Sendable {
    static let schema = "stories"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @Field(key: "consent_wording") var consentWording: String
    @Field(key: "status") var status: String
    @OptionalField(key: "written_by_id") var writtenByID: UUID?
    @Field(key: "written_at") var writtenAt: Date
    @OptionalField(key: "approved_by_id") var approvedByID: UUID?
    @OptionalField(key: "approved_at") var approvedAt: Date?
    @OptionalField(key: "review_note") var reviewNote: String?

    init() {}
}
