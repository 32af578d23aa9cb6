import AlongsideCore
import FluentKit
import Foundation
import SQLKit

final class SROIReportModel: Model, @unchecked Sendable {
    static let schema = "sroi_reports"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "title") var title: String
    @Field(key: "scope") var scope: String
    @Field(key: "model") var model: String
    /// What the report rests on (`SROIBasis` as JSON); nil for reports saved before price years.
    @OptionalField(key: "basis") var basis: String?
    @OptionalField(key: "created_by_id") var createdByID: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
