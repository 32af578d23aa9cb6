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

    /// An entry as it is written: the words of a detail (entries before codes) or its code and values, each
    /// value and the reason cut to 500 characters.
    init(_ entry: AuditEntry, id: UUID, councilID: UUID) {
        self.id = id
        self.councilID = councilID
        self.staffID = entry.staffID?.uuid
        self.personID = entry.personID?.uuid
        self.action = entry.action.rawValue
        self.detail = String((entry.detail.written ?? "").prefix(500))
        let coded = entry.detail.written == nil
        self.detailCode = coded ? entry.detail.code : nil
        self.detailValues = coded ? AuditStore.encoded(entry.detail.values) : nil
        self.detailAPI = coded ? entry.detail.viaAPI : nil
        self.reason = entry.reason.map { String($0.prefix(500)) }
        self.address = entry.address
        self.at = entry.at
    }
}
