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
    @Field(key: "detail") var detail: String
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "address") var address: String?
    @Field(key: "at") var at: Date

    init() {}
}
