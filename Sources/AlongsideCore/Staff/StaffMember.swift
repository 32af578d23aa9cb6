import Foundation

/// Someone who works in Alongside: a coordinator, team leader, admin, analyst or auditor.
public struct StaffMember: Hashable, Sendable, Codable {
    public typealias ID = Identifier<StaffMember>
    public let id: ID
    public let councilID: Council.ID
    public var email: String
    public var name: String
    public var role: Role
    /// Signs in with a one-time code after the password.
    public var twoStepEnabled: Bool
    /// Sessions signed in before this moment no longer count ("sign out everywhere", a new password).
    public var sessionsValidFrom: Date?

    public init(
        id: ID, councilID: Council.ID, email: String, name: String, role: Role, twoStepEnabled: Bool = false,
        sessionsValidFrom: Date? = nil
    ) {
        self.id = id
        self.councilID = councilID
        self.email = email
        self.name = name
        self.role = role
        self.twoStepEnabled = twoStepEnabled
        self.sessionsValidFrom = sessionsValidFrom
    }

    /// Emails are compared without case or surrounding space.
    public static func normalisedEmail(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    public static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), email.count <= 254
        else { return false }
        return !email.contains(where: \.isWhitespace)
    }
}

extension StaffMember {
    /// What is wrong with a member's name and email before an account is made (the email normalised and the
    /// name trimmed here): every problem at once. Whether the email already has an account needs the
    /// database, and is the store's to add.
    public static func problems(email: String, name: String) -> [StaffProblem] {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [StaffProblem] = []
        if name.isEmpty || name.count > 120 { problems.append(.nameMissing) }
        if !isPlausibleEmail(normalisedEmail(email)) { problems.append(.emailMissing) }
        return problems
    }
}
