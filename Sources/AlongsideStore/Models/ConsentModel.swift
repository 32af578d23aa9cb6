import AlongsideCore
import FluentKit
import Foundation
import SQLKit

final class ConsentModel: Model, @unchecked Sendable {
    static let schema = "consents"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "kind") var kind: String
    @OptionalField(key: "partner") var partner: String?
    @Field(key: "wording") var wording: String
    @Field(key: "given_on") var givenOn: String
    @OptionalField(key: "withdrawn_on") var withdrawnOn: String?
    @OptionalField(key: "recorded_by_id") var recordedByID: UUID?
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}

    func consent() throws -> Consent {
        Consent(
            id: .init(try requireID()), personID: .init(personID),
            kind: Consent.Kind(rawValue: kind) ?? .keepInformation,
            partner: partner, wording: wording, givenOn: givenOn, withdrawnOn: withdrawnOn)
    }
}
