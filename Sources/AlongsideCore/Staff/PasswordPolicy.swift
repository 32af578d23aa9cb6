import Foundation

/// What makes a password strong enough for special category data: at least 12 characters, not one of the
/// common passwords (a list of 5,000 shipped in Resources/Passwords, read at start), not one of them with
/// digits or punctuation around it, not a run along the keyboard or the alphabet, and not the person's
/// own name or email.
public enum PasswordPolicy {
    public static let minimumLength = 12
    public static let maximumLength = 128

    /// The few everyone knows, kept even when the shipped list has not been read (in Core's own tests).
    static let builtIn: Set<String> = [
        "password", "password1", "password123", "passw0rd", "qwerty", "qwertyuiop", "letmein", "welcome",
        "iloveyou", "admin", "administrator", "changeme", "abc123", "monkey", "dragon", "football", "sunshine",
        "princess", "trustno1",
    ]

    private static let lock = NSLock()
    nonisolated(unsafe) private static var shipped: Set<String> = []

    /// The common passwords in force: the shipped list (see `load(list:)`) and the built-in few.
    public static var common: Set<String> {
        get { lock.withLock { shipped.union(builtIn) } }
        set { lock.withLock { shipped = newValue } }
    }

    /// Reads a list of common passwords, one a line, `#` lines being comments; lower-cased.
    public static func load(list text: String) -> Set<String> {
        Set(
            text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }

    /// Keyboard rows and the alphabet: a password that only walks along these is guessed at once.
    static let runs = ["1234567890", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm"]

    /// How many times the password leaves a run (a key next to the last on a row or in the alphabet, either
    /// way, or the same key again). "123456789abc" leaves one run once; a pass phrase, many times.
    static func breaks(in lower: String) -> Int {
        func neighbours(_ a: Character, _ b: Character) -> Bool {
            if a == b { return true }
            for run in runs {
                guard let i = run.firstIndex(of: a), let j = run.firstIndex(of: b) else { continue }
                let distance = run.distance(from: i, to: j)
                if abs(distance) == 1 { return true }
            }
            return false
        }
        let characters = Array(lower)
        guard characters.count > 1 else { return 0 }
        return (1..<characters.count).filter { !neighbours(characters[$0 - 1], characters[$0]) }.count
    }

    /// Returns nil when the password is acceptable, or a sentence saying what to change.
    public static func problem(with password: String, email: String = "", name: String = "") -> String? {
        if password.count < minimumLength {
            return Wording.current("sign-in.message.use-at-least-characters-a-few", minimumLength)
        }
        if password.count > maximumLength {
            return Wording.current("sign-in.message.use-at-most-characters", maximumLength)
        }
        let lower = password.lowercased()
        let around = CharacterSet.decimalDigits.union(.punctuationCharacters).union(.symbols).union(.whitespaces)
        let stripped = lower.trimmingCharacters(in: around)
        let letters = String(lower.unicodeScalars.filter { !around.contains($0) })
        let list = common
        if list.contains(lower) || list.contains(stripped) || list.contains(letters) || lower.hasPrefix("password") {
            return Wording.current("sign-in.message.that-password-is-too-common-choose")
        }
        if Set(password).count < 5 {
            return Wording.current("sign-in.message.that-password-repeats-too-few-characters")
        }
        if breaks(in: lower) < 4 {
            return Wording.current("sign-in.message.that-password-follows-the-keyboard")
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
