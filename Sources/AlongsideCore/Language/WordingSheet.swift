import Foundation

/// The spreadsheet a council's translators work in: one row a key (and plural form), with the English,
/// the translation and whether a fluent speaker has reviewed it. Downloaded from the Languages page,
/// edited in any spreadsheet program, uploaded back. Reading it is all-or-nothing: one bad row and
/// nothing changes, with every problem named by row.
public enum WordingSheet {
    public static let header = ["key", "form", "english", "translation", "status"]

    public enum Status: String, Sendable {
        case needsReview = "needs review"
        case shipped = "as shipped"
        case council = "your council's"
    }

    /// Every key of the catalog with its English and the wording in use for `language`.
    public static func rows(_ catalog: StringCatalog, _ language: Language, overrides: [String: Phrase]) -> [[String]] {
        var rows = [header]
        let review = catalog.needsReview[language] ?? []
        for key in catalog.keys {
            guard let english = catalog.phrase(key, in: .english) else { continue }
            let translated = overrides[key] ?? catalog.phrase(key, in: language)
            let status: Status = overrides[key] != nil ? .council : review.contains(key) ? .needsReview : .shipped
            if english.isPlural {
                for category in language.pluralCategories {
                    rows.append([
                        key, category.rawValue, english.forms[category] ?? english.forms[.other] ?? "",
                        translated?.forms[category] ?? "", status.rawValue,
                    ])
                }
            } else {
                rows.append([key, "", english.forms[.other] ?? "", translated?.forms[.other] ?? "", status.rawValue])
            }
        }
        return rows
    }

    /// A row that cannot be used, and why: only data; the languages page words it.
    public struct Problem: Equatable, Sendable {
        public let row: Int
        public let issue: Issue
    }

    public enum Issue: Equatable, Sendable {
        /// The first row is not key, form, english, translation.
        case headings
        case unknownKey(String)
        case unknownForm(String)
        /// The translation breaks a rule of the catalog (placeholders, plural forms, empty).
        case catalog(StringCatalog.Problem)
    }

    public struct Invalid: Error, Sendable {
        public let problems: [Problem]
    }

    /// The council's wording from an uploaded sheet: the rows whose translation differs from what
    /// Alongside ships (an empty translation keeps Alongside's). Throws `Invalid` listing every problem.
    public static func read(_ text: String, _ catalog: StringCatalog, _ language: Language) throws -> [String: Phrase] {
        let rows = CSV.rows(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        guard let first = rows.first,
            first.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }).starts(
                with: ["key", "form", "english", "translation"])
        else {
            throw Invalid(problems: [
                Problem(row: 1, issue: .headings)
            ])
        }
        var problems: [Problem] = []
        var phrases: [String: Phrase] = [:]
        var firstRow: [String: Int] = [:]
        for (index, row) in rows.enumerated().dropFirst() {
            let number = index + 1
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let key = row[0].trimmingCharacters(in: .whitespaces)
            let form = row.count > 1 ? row[1].trimmingCharacters(in: .whitespaces).lowercased() : ""
            let translation = row.count > 3 ? unescaped(row[3]) : ""
            guard catalog.phrase(key, in: .english) != nil else {
                problems.append(Problem(row: number, issue: .unknownKey(key)))
                continue
            }
            guard translation.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == false else { continue }
            let category: PluralCategory
            if form.isEmpty {
                category = .other
            } else if let parsed = PluralCategory(rawValue: form) {
                category = parsed
            } else {
                problems.append(Problem(row: number, issue: .unknownForm(form)))
                continue
            }
            var phrase = phrases[key] ?? Phrase(forms: [:])
            phrase.forms[category] = translation
            phrases[key] = phrase
            firstRow[key] = firstRow[key] ?? number
        }
        var changed: [String: Phrase] = [:]
        for (key, phrase) in phrases {
            var complete = phrase
            let shipped = catalog.phrase(key, in: language)
            if catalog.phrase(key, in: .english)!.isPlural {
                // Forms left empty keep the shipped ones, so a translator may fix just one form.
                for category in language.pluralCategories where complete.forms[category] == nil {
                    complete.forms[category] = shipped?.forms[category]
                }
            }
            for problem in catalog.check(key, complete, in: language) {
                problems.append(Problem(row: firstRow[key] ?? 0, issue: .catalog(problem)))
            }
            if complete != shipped { changed[key] = complete }
        }
        guard problems.isEmpty else { throw Invalid(problems: problems.sorted { $0.row < $1.row }) }
        return changed
    }

    /// A spreadsheet-safe field written as "'=…" comes back without its guard quote.
    static func unescaped(_ field: String) -> String {
        if field.hasPrefix("'"), let next = field.dropFirst().first, "=+-@".contains(next) {
            return String(field.dropFirst())
        }
        return field
    }
}
