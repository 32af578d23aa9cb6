import AlongsideCore
import FluentKit
import Foundation

final class StaffModel: Model, @unchecked Sendable {
    static let schema = "staff"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "role") var role: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "active") var active: Bool
    @OptionalField(key: "totp_secret") var totpSecret: String?
    @OptionalField(key: "totp_last_counter") var totpLastCounter: Int?
    @OptionalField(key: "recovery_codes") var recoveryCodes: String?
    @OptionalField(key: "sessions_valid_from") var sessionsValidFrom: Date?
    @Field(key: "notices") var notices: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, councilID: UUID, email: String, name: String, role: Role, passwordHash: String) {
        self.id = id
        self.councilID = councilID
        self.email = email
        self.name = name
        self.role = role.rawValue
        self.passwordHash = passwordHash
        self.active = true
        self.notices = Notice.Preference.atOnce.rawValue
    }
}
