import AlongsideCore
import FluentKit
import Foundation

final class AuditEntryModel: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @OptionalField(key: "staff_id") var staffID: UUID?
    @OptionalField(key: "person_id") var personID: UUID?
    @Field(key: "action") var action: String
    /// The words of an entry written before codes (issue 23); empty since.
    @Field(key: "detail") var detail: String
    @OptionalField(key: "detail_code") var detailCode: String?
    /// A JSON array of strings.
    @OptionalField(key: "detail_values") var detailValues: String?
    @OptionalField(key: "detail_api") var detailAPI: Bool?
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "address") var address: String?
    @Field(key: "at") var at: Date

    init() {}
}
