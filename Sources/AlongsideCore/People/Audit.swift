import Foundation

/// One line of the append-only audit log: who did what to which person's record, when, from where, and why.
public struct AuditEntry: Hashable, Sendable, Codable {
    public enum Action: String, Codable, Sendable, CaseIterable {
        case view, create, update, search, export, merge, assign, stage, erase
    }

    /// What was done, as data: a key of the string catalog and the values it is filled with (ids, counts,
    /// codes, a title as typed), never a sentence. The web layer words it when it is read, in the reader's
    /// language (`AuditWording`). An entry written before the log held codes keeps its words as written
    /// (`written`), and is shown as it is.
    public struct Detail: Hashable, Sendable, Codable {
        /// The catalog key ("people.page.recorded-a-conversation"); empty for an entry of words as written.
        public let code: String
        /// The values for the key's placeholders, in order, as plain data: an enumeration's raw value (a
        /// proxy's kind, a role), never its label.
        public let values: [String]
        /// Done through the JSON API rather than a page.
        public let viaAPI: Bool
        /// The words of an entry written before codes (issue 23); nil for every entry written since.
        public let written: String?

        public init(_ code: String, _ values: any CustomStringConvertible..., viaAPI: Bool = false) {
            self.init(code: code, values: values.map(\.description), viaAPI: viaAPI)
        }

        public init(code: String, values: [String], viaAPI: Bool = false) {
            self.code = code
            self.values = values
            self.viaAPI = viaAPI
            self.written = nil
        }

        /// An entry's words as they were written, before the log held codes.
        public init(written: String) {
            self.code = ""
            self.values = []
            self.viaAPI = false
            self.written = written
        }

        /// A catalog key and its values: `.key("sroi.audit.report", title)`.
        public static func key(_ code: String, _ values: any CustomStringConvertible...) -> Detail {
            Detail(code: code, values: values.map(\.description))
        }

        /// A catalog key and a list of values: `.key("audit.page.searched-the-audit-log", values: filters)`.
        public static func key(_ code: String, values: [String]) -> Detail { Detail(code: code, values: values) }

        /// The same detail, done through the JSON API.
        public var throughAPI: Detail { Detail(code: code, values: values, viaAPI: true) }
    }

    public let at: Date
    public let staffID: StaffMember.ID?
    public let personID: Person.ID?
    public let action: Action
    public let detail: Detail
    public let reason: String?
    public let address: String?

    public init(
        at: Date, staffID: StaffMember.ID?, personID: Person.ID?, action: Action, detail: Detail, reason: String? = nil,
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
