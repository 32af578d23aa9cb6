import Foundation

/// What makes a password strong enough for special category data.
public enum PasswordPolicy {
    public static let minimumLength = 12
    public static let maximumLength = 128

    static let common: Set<String> = [
        "password", "password1", "password123", "passw0rd", "qwerty", "qwertyuiop", "letmein",
        "welcome", "welcome1", "iloveyou", "admin", "administrator", "changeme", "abc123", "123456789012",
        "111111111111", "monkey", "dragon", "football", "sunshine", "princess", "trustno1",
    ]

    /// Returns nil when the password is acceptable, or a sentence saying what to change.
    public static func problem(with password: String, email: String = "", name: String = "") -> String? {
        if password.count < minimumLength {
            return Wording.current("sign-in.message.use-at-least-characters-a-few", minimumLength)
        }
        if password.count > maximumLength {
            return Wording.current("sign-in.message.use-at-most-characters", maximumLength)
        }
        let lower = password.lowercased()
        let stripped = lower.trimmingCharacters(in: .decimalDigits.union(.punctuationCharacters))
        if common.contains(lower) || common.contains(stripped) || lower.hasPrefix("password") {
            return Wording.current("sign-in.message.that-password-is-too-common-choose")
        }
        if Set(password).count < 5 {
            return Wording.current("sign-in.message.that-password-repeats-too-few-characters")
        }
        let localPart = StaffMember.normalisedEmail(email).split(separator: "@").first.map(String.init) ?? ""
        if localPart.count >= 4 && lower.contains(localPart) {
            return Wording.current("sign-in.message.do-not-use-your-email-address")
        }
        for word in name.lowercased().split(separator: " ") where word.count >= 4 && lower.contains(word) {
            return Wording.current("sign-in.message.do-not-use-your-name-in")
        }
        return nil
    }
}
