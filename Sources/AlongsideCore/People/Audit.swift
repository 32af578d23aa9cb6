import Foundation

/// One line of the append-only audit log: who did what to which person's record, when, from where, and why.
public struct AuditEntry: Hashable, Sendable, Codable {
    public enum Action: String, Codable, Sendable, CaseIterable {
        case view, create, update, search, export, merge, assign, stage, erase
    }

    public let at: Date
    public let staffID: StaffMember.ID?
    public let personID: Person.ID?
    public let action: Action
    public let detail: String
    public let reason: String?
    public let address: String?

    public init(
        at: Date, staffID: StaffMember.ID?, personID: Person.ID?, action: Action, detail: String, reason: String? = nil,
        address: String? = nil
    ) {
        self.at = at
        self.staffID = staffID
        self.personID = personID
        self.action = action
        self.detail = detail
        self.reason = reason
        self.address = address
    }
}
