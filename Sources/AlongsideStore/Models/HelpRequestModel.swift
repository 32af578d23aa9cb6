import AlongsideCore
import FluentKit
import Foundation
import SQLKit

final class HelpRequestModel: Model, @unchecked Sendable {
    static let schema = "help_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "status") var status: String
    @OptionalField(key: "volunteer_id") var volunteerID: UUID?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "created_by_id") var createdByID: UUID?
    @Field(key: "document") var document: String

    init() {}

    func request() throws -> HelpRequest {
        try JSONDecoder().decode(HelpRequest.self, from: Data(document.utf8))
    }
}
