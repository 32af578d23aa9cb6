import AlongsideCore
import FluentKit
import Foundation

final class IntroductionModel: Model, @unchecked Sendable {
    static let schema = "introductions"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "source") var source: String
    @Field(key: "introducer_name") var introducerName: String
    @Field(key: "introducer_contact") var introducerContact: String
    @Field(key: "what_matters") var whatMatters: String
    @Field(key: "received_at") var receivedAt: Date
    @Field(key: "via_public_page") var viaPublicPage: Bool
    @Field(key: "route_note") var routeNote: String
    @OptionalField(key: "recorded_by_id") var recordedByID: UUID?

    init() {}
}
