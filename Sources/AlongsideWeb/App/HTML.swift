import Foundation

/// Markup written in Swift, for the pages that grow with the data (a caseload, search results): Leaf's
/// interpreter was the largest cost of those requests (docs/BENCHMARKS.md). Written as an interpolated
/// string: the literal parts are markup from the code, and every interpolated string is escaped as Leaf's
/// `#(…)` escapes it, so data can never become markup.
///
///     let row: HTML = "<td data-label=\"\(wording("common.ward"))\">\(ward)</td>"
struct HTML: ExpressibleByStringInterpolation, Sendable {
    fileprivate(set) var markup: String

    init(stringLiteral literal: String) { markup = literal }

    init(stringInterpolation: StringInterpolation) { markup = stringInterpolation.markup }

    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var markup: String

        init(literalCapacity: Int, interpolationCount: Int) {
            markup = ""
            markup.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        /// The code's own markup.
        mutating func appendLiteral(_ literal: String) { markup += literal }

        /// Text: escaped.
        mutating func appendInterpolation(_ text: String) { HTML.escape(text, into: &markup) }

        mutating func appendInterpolation(_ number: Int) { markup += String(number) }

        /// Markup written before.
        mutating func appendInterpolation(_ fragment: HTML) { markup += fragment.markup }

        /// Each fragment in turn.
        mutating func appendInterpolation(_ fragments: [HTML]) { for part in fragments { markup += part.markup } }

        /// `fragment` if the condition holds (an attribute such as ` selected`), else nothing.
        mutating func appendInterpolation(if condition: Bool, _ fragment: HTML) {
            if condition { markup += fragment.markup }
        }
    }

    /// The five characters Leaf escapes, escaped the same way.
    static func escape(_ text: String, into markup: inout String) {
        var rest = text.utf8[...]
        while let special = rest.firstIndex(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) {
            markup += Substring(text.utf8[rest.startIndex..<special])
            switch rest[special] {
            case 38: markup += "&amp;"
            case 60: markup += "&lt;"
            case 62: markup += "&gt;"
            case 34: markup += "&quot;"
            default: markup += "&#39;"
            }
            rest = rest[rest.index(after: special)...]
        }
        markup += Substring(rest)
    }
}
