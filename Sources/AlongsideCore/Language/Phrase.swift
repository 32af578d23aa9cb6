import Foundation

/// One entry of the string catalog in one language: a text, or, for a phrase that counts
/// something, one text for each plural category the language has ("{count} person" / "{count} people").
/// Texts are plain text, never HTML: pages escape them like any other value.
public struct Phrase: Sendable, Equatable {
    public var forms: [PluralCategory: String] { didSet { placeholders = Self.placeholders(of: forms) } }

    /// The names in braces, in the order they first appear ("other" form first). `{count}` is the count.
    /// Kept with the forms, as every page asks for it on every piece of text.
    public private(set) var placeholders: [String]

    public init(_ text: String) { self.init(forms: [.other: text]) }

    public init(forms: [PluralCategory: String]) {
        self.forms = forms
        placeholders = Self.placeholders(of: forms)
    }

    /// A phrase with more than one form takes a count as its first value.
    public var isPlural: Bool { forms.keys.contains { $0 != .other } }

    /// The form for `count` in `language`, falling back to "other".
    public func text(count: Int?, in language: Language) -> String {
        guard isPlural, let count else { return forms[.other] ?? "" }
        return forms[language.pluralCategory(count)] ?? forms[.other] ?? ""
    }

    static func placeholders(of forms: [PluralCategory: String]) -> [String] {
        var names: [String] = []
        let ordered = [forms[.other]] + PluralCategory.allCases.filter { $0 != .other }.map { forms[$0] }
        for text in ordered.compactMap({ $0 }) {
            for name in placeholders(in: text) where !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// `{name}` placeholders in a text, in order of appearance.
    public static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        var current: String?
        for character in text {
            if character == "{" {
                current = ""
            } else if character == "}", let name = current {
                if !name.isEmpty, !names.contains(name) { names.append(name) }
                current = nil
            } else if current != nil {
                if character.isLetter || character.isNumber || character == "_" {
                    current?.append(character)
                } else {
                    current = nil
                }
            }
        }
        return names
    }

    /// Puts values in for the placeholders: `values[name]`, left as written where none is given.
    public static func fill(_ text: String, _ values: [String: String]) -> String {
        guard text.contains("{") else { return text }
        var result = ""
        var name: String?
        for character in text {
            if character == "{" {
                if let pending = name { result += "{" + pending }
                name = ""
            } else if character == "}", let pending = name {
                result += values[pending] ?? "{\(pending)}"
                name = nil
            } else if name != nil {
                name?.append(character)
            } else {
                result.append(character)
            }
        }
        if let pending = name { result += "{" + pending }
        return result
    }
}
