import FluentKit
import Foundation

final class PublicSubmissionModel: Model, @unchecked Sendable {
    static let schema = "public_submissions"

    @ID(key: .id) var id: UUID?
    @Field(key: "address") var address: String
    @Field(key: "at") var at: Date

    init() {}
}
