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
            return "Use at least \(minimumLength) characters; a few ordinary words together work well."
        }
        if password.count > maximumLength {
            return "Use at most \(maximumLength) characters."
        }
        let lower = password.lowercased()
        let stripped = lower.trimmingCharacters(in: .decimalDigits.union(.punctuationCharacters))
        if common.contains(lower) || common.contains(stripped) || lower.hasPrefix("password") {
            return "That password is too common. Choose something others would not guess."
        }
        if Set(password).count < 5 {
            return "That password repeats too few characters. Choose something less predictable."
        }
        let localPart = StaffMember.normalisedEmail(email).split(separator: "@").first.map(String.init) ?? ""
        if localPart.count >= 4 && lower.contains(localPart) {
            return "Do not use your email address in your password."
        }
        for word in name.lowercased().split(separator: " ") where word.count >= 4 && lower.contains(word) {
            return "Do not use your name in your password."
        }
        return nil
    }
}
