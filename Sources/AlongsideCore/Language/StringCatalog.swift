import Foundation

/// Every piece of text Alongside shows, in every language it speaks, under stable keys such as
/// `introduce.title`. English is the source: every other language must give each English key, with
/// the same placeholders and the plural forms its grammar needs (`problems(in:)` says what is missing).
///
/// On disk: `Resources/Strings/<language>/<feature>.json`, each file an object of key → text, or
/// key → `{"one": …, "other": …}` for a phrase with a count. A file may list keys a fluent speaker
/// should still review under `"@needsReview"` (an array of keys, or `"*"` for all of the file's).
public struct StringCatalog: Sendable {
    public private(set) var phrases: [Language: [String: Phrase]]
    public private(set) var needsReview: [Language: Set<String>]

    public init(phrases: [Language: [String: Phrase]] = [:], needsReview: [Language: Set<String>] = [:]) {
        self.phrases = phrases
        self.needsReview = needsReview
    }

    public static let empty = StringCatalog()

    private static let lock = NSLock()
    nonisolated(unsafe) private static var shared: StringCatalog?

    /// The catalog the process speaks from: installed when the application starts, else read from
    /// `Resources/Strings` under the working directory on first use (commands and tests run there).
    public static var installed: StringCatalog {
        get {
            lock.withLock {
                if let shared { return shared }
                let directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
                    .appendingPathComponent("Resources/Strings", isDirectory: true)
                let loaded = (try? load(from: directory)) ?? StringCatalog()
                shared = loaded
                return loaded
            }
        }
        set { lock.withLock { shared = newValue } }
    }

    /// The English keys, sorted: the catalog's full list.
    public var keys: [String] { (phrases[.english] ?? [:]).keys.sorted() }

    public func phrase(_ key: String, in language: Language) -> Phrase? { phrases[language]?[key] }

    /// The text for `key`: the council's own wording first, then the catalog's in `language`, then
    /// English; the key itself only if the catalog lacks it (a test fails before that can ship).
    /// The first value of a phrase with plural forms is its count.
    public func text(
        _ key: String, in language: Language, values: [String], overrides: [String: Phrase] = [:],
        formatCount: (Int) -> String = { String($0) }
    ) -> String {
        guard let english = phrases[.english]?[key] else { return key }
        let phrase = overrides[key] ?? phrases[language]?[key] ?? english
        var names = english.placeholders
        var filled: [String: String] = [:]
        var count: Int?
        var remaining = values[...]
        if english.isPlural {
            names.removeAll { $0 == "count" }
            if let first = remaining.popFirst() {
                count = Int(first)
                filled["count"] = count.map(formatCount) ?? first
            }
        }
        for (name, value) in zip(names, remaining) { filled[name] = value }
        return Phrase.fill(phrase.text(count: count, in: language), filled)
    }

    // MARK: Checking

    public enum Problem: Equatable, Sendable, CustomStringConvertible {
        case missing(key: String)
        case unknown(key: String)
        case empty(key: String)
        case placeholders(key: String, expected: [String], found: [String])
        case pluralForms(key: String, missing: [PluralCategory])

        public var description: String {
            switch self {
            case .missing(let key): "\(key): no translation"
            case .unknown(let key): "\(key): not a key of the English catalog"
            case .empty(let key): "\(key): the text is empty"
            case .placeholders(let key, let expected, let found):
                "\(key): placeholders should be \(Self.braces(expected)), found \(Self.braces(found))"
            case .pluralForms(let key, let missing):
                "\(key): needs the plural forms \(missing.map(\.rawValue).joined(separator: ", "))"
            }
        }

        private static func braces(_ names: [String]) -> String {
            names.isEmpty ? "none" : names.sorted().map { "{\($0)}" }.joined(separator: " ")
        }
    }

    /// What stops `language` from being complete: keys it lacks, keys English does not have, and
    /// entries whose placeholders or plural forms do not match. Empty means every page can be read in it.
    public func problems(in language: Language) -> [Problem] {
        let english = phrases[.english] ?? [:]
        let translated = phrases[language] ?? [:]
        var problems: [Problem] = []
        for key in english.keys.sorted() {
            guard let phrase = translated[key] else {
                problems.append(.missing(key: key))
                continue
            }
            problems += check(key, phrase, in: language)
        }
        for key in translated.keys.sorted() where english[key] == nil { problems.append(.unknown(key: key)) }
        return problems
    }

    /// Whether `phrase` could stand for `key` in `language`: used for the catalog and for the
    /// reviewed wording a council uploads.
    public func check(_ key: String, _ phrase: Phrase, in language: Language) -> [Problem] {
        guard let english = phrases[.english]?[key] else { return [.unknown(key: key)] }
        if phrase.forms.values.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
            return [.empty(key: key)]
        }
        var problems: [Problem] = []
        if Set(phrase.placeholders) != Set(english.placeholders) {
            problems.append(.placeholders(key: key, expected: english.placeholders, found: phrase.placeholders))
        }
        if english.isPlural {
            let missing = language.pluralCategories.filter { phrase.forms[$0] == nil }
            if !missing.isEmpty { problems.append(.pluralForms(key: key, missing: missing)) }
        }
        return problems
    }

    // MARK: Loading

    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads `<directory>/<language>/*.json` for every language. A key given twice, a file that is not
    /// JSON or an entry of the wrong shape stops the load with the file and key named.
    public static func load(from directory: URL) throws -> StringCatalog {
        var catalog = StringCatalog()
        for language in Language.allCases {
            let folder = directory.appendingPathComponent(language.rawValue, isDirectory: true)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            var table: [String: Phrase] = [:]
            var review: Set<String> = []
            for file in files.filter({ $0.hasSuffix(".json") }).sorted() {
                let name = "\(language.rawValue)/\(file)"
                let data = try Data(contentsOf: folder.appendingPathComponent(file))
                let (phrases, reviewKeys) = try parse(data, file: name)
                for (key, phrase) in phrases {
                    if table[key] != nil { throw LoadError(description: "\(name): \(key) is already in another file") }
                    table[key] = phrase
                }
                review.formUnion(reviewKeys)
            }
            catalog.phrases[language] = table
            catalog.needsReview[language] = review
        }
        guard !(catalog.phrases[.english] ?? [:]).isEmpty else {
            throw LoadError(description: "No English strings found in \(directory.path)/en")
        }
        return catalog
    }

    /// One file's entries and the keys it marks for review.
    public static func parse(_ data: Data, file: String) throws -> ([String: Phrase], Set<String>) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw LoadError(description: "\(file) is not a JSON object of key → text")
        }
        var phrases: [String: Phrase] = [:]
        var review: Set<String> = []
        for (key, value) in object {
            if key == "@needsReview" {
                if let all = value as? String, all == "*" {
                    review = Set(object.keys.filter { !$0.hasPrefix("@") })
                } else if let keys = value as? [String] {
                    review.formUnion(keys)
                } else {
                    throw LoadError(description: "\(file): @needsReview is a list of keys or \"*\"")
                }
                continue
            }
            if key.hasPrefix("@") { continue }
            if let text = value as? String {
                phrases[key] = Phrase(text)
            } else if let forms = value as? [String: String] {
                var parsed: [PluralCategory: String] = [:]
                for (name, text) in forms {
                    guard let category = PluralCategory(rawValue: name) else {
                        throw LoadError(description: "\(file): \(key) has \"\(name)\", not a plural category")
                    }
                    parsed[category] = text
                }
                guard parsed[.other] != nil else {
                    throw LoadError(description: "\(file): \(key) needs an \"other\" form")
                }
                phrases[key] = Phrase(forms: parsed)
            } else {
                throw LoadError(description: "\(file): \(key) is neither a text nor plural forms")
            }
        }
        return (phrases, review)
    }

    /// Adds entries (for tests and for building a catalog in code).
    public mutating func add(_ key: String, _ phrase: Phrase, in language: Language) {
        phrases[language, default: [:]][key] = phrase
    }
}
