import Foundation

/// The words one request is answered in: the catalog, the language chosen, the languages the
/// council offers and the council's own reviewed wording. Set for each request by the web layer
/// (a task-local value, like a locale), so code that builds a page or a message asks
/// `Wording.current("site.nav.home")` without passing the request about.
public struct Wording: Sendable {
    public let catalog: StringCatalog
    public let language: Language
    public let offered: [Language]
    public let overrides: [String: Phrase]

    public init(
        catalog: StringCatalog, language: Language = .english, offered: [Language] = [.english],
        overrides: [String: Phrase] = [:]
    ) {
        self.catalog = catalog
        self.language = language
        self.offered = offered
        self.overrides = overrides
    }

    /// The request's wording, when the web layer has set one.
    @TaskLocal public static var chosen: Wording?

    /// The wording to use now: the request's, or English from the installed catalog (commands, the
    /// JSON API, work outside a request).
    public static var current: Wording { chosen ?? Wording(catalog: .installed) }

    /// The text for `key` with its placeholders filled in order (see `StringCatalog.text`).
    public func callAsFunction(_ key: String, _ values: any CustomStringConvertible...) -> String {
        text(key, values.map(\.description))
    }

    public func text(_ key: String, _ values: [String]) -> String {
        catalog.text(key, in: language, values: values, overrides: overrides, formatCount: number)
    }

    /// 1,234 in the chosen language's style.
    public func number(_ value: Int) -> String {
        NumberStyle.shared.string(value, language)
    }
}

/// Number formatters made once per language (making one costs far more than using one).
final class NumberStyle: @unchecked Sendable {
    static let shared = NumberStyle()
    private let lock = NSLock()
    private var made: [Language: NumberFormatter] = [:]

    func string(_ value: Int, _ language: Language) -> String {
        lock.lock()
        defer { lock.unlock() }
        let formatter =
            made[language]
            ?? {
                let formatter = NumberFormatter()
                formatter.locale = language.locale
                formatter.numberStyle = .decimal
                made[language] = formatter
                return formatter
            }()
        return formatter.string(from: NSNumber(value: value)) ?? String(value)
    }
}
