import Foundation

/// A language Alongside's pages can be read in. A council chooses which it offers; English is
/// always one of them, and Welsh councils offer Cymraeg beside it (Welsh Language Standards).
public enum Language: String, CaseIterable, Codable, Sendable, Comparable {
    case english = "en"
    case welsh = "cy"

    /// The language's own name for itself, as the switch shows it ("Cymraeg", "English").
    public var nativeName: String {
        switch self {
        case .english: "English"
        case .welsh: "Cymraeg"
        }
    }

    /// The BCP 47 tag for the page's `lang` attribute and for formatting: `en-GB`, `cy-GB`.
    public var tag: String { rawValue + "-GB" }

    /// The ICU locale dates and numbers are formatted with.
    public var locale: Locale { Locale(identifier: rawValue + "_GB") }

    /// Reads "cy", "CY", "cy-GB" or "cy_GB"; nil for anything else.
    public init?(code: String) {
        let primary = code.trimmingCharacters(in: .whitespaces).lowercased()
            .split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init)
        guard let primary, let language = Language(rawValue: primary) else { return nil }
        self = language
    }

    /// English first, then the rest in a fixed order, so a council's list reads the same everywhere.
    public static func < (lhs: Language, rhs: Language) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The offered language a browser's `Accept-Language` header likes best, or nil when it likes
    /// none of them. Follows the q-values ("cy;q=0.9, en;q=0.8"); `q=0` means "not this one".
    public static func preferred(acceptLanguage header: String, offered: [Language]) -> Language? {
        var best: (language: Language, quality: Double, position: Int)?
        for (position, part) in header.split(separator: ",").enumerated() {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let range = pieces.first, let language = Language(code: range), offered.contains(language) else {
                continue
            }
            let quality =
                pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            guard quality > 0 else { continue }
            if best == nil || quality > best!.quality {
                best = (language, quality, position)
            }
        }
        return best?.language
    }

    /// Reads a stored list such as "en,cy" (unknown codes dropped, English always kept, sorted).
    public static func list(_ stored: String) -> [Language] {
        let languages = Set(stored.split(separator: ",").compactMap { Language(code: String($0)) } + [.english])
        return languages.sorted()
    }

    /// Writes a list the way `list(_:)` reads it.
    public static func stored(_ languages: [Language]) -> String {
        Set(languages + [.english]).sorted().map(\.rawValue).joined(separator: ",")
    }
}

/// CLDR's plural categories: which form of a phrase a count takes. English has "one" and "other";
/// Welsh has six (0 dim, 1 un, 2 dau, 3 tri, 6 chwech, and the rest).
public enum PluralCategory: String, CaseIterable, Codable, Sendable {
    case zero, one, two, few, many, other
}

extension Language {
    /// The plural category of a whole number in this language (CLDR rules).
    public func pluralCategory(_ count: Int) -> PluralCategory {
        switch self {
        case .english:
            return count == 1 ? .one : .other
        case .welsh:
            switch count {
            case 0: return .zero
            case 1: return .one
            case 2: return .two
            case 3: return .few
            case 6: return .many
            default: return .other
            }
        }
    }

    /// The categories a phrase with a count must give in this language.
    public var pluralCategories: [PluralCategory] {
        switch self {
        case .english: [.one, .other]
        case .welsh: [.zero, .one, .two, .few, .many, .other]
        }
    }
}
