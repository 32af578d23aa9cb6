import Foundation

/// Whole numbers read from a request (a page, a count, a year, an amount). Every one is parsed into the
/// range it may take before anything is worked out from it, so nothing a client sends can reach
/// arithmetic that traps: a number that is not one, or lies outside its range, is a clear problem.
public enum CheckedNumber {
    /// The largest page number any list accepts: far past any real list, small enough that
    /// `(page - 1) * per` cannot overflow for any `per` Alongside allows.
    public static let maximumPage = 1_000_000

    /// `text` as a whole number in `range`; nil when absent or blank (the caller's default applies).
    /// Spaces around the number are allowed; anything else that is not a whole number in range throws.
    public static func parse(_ text: String?, field: String, in range: ClosedRange<Int>) throws(NumberProblem)
        -> Int?
    {
        guard let trimmed = text?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
        guard trimmed.count <= 20, let value = Int(trimmed), range.contains(value) else {
            throw NumberProblem.notAWholeNumber(field: field, range: range)
        }
        return value
    }

    /// `text` as a finite number in `range` (a comma may stand for the decimal point); nil when absent or
    /// blank. "nan", "inf" and numbers too large to hold are problems, never values.
    public static func decimal(_ text: String?, field: String, in range: ClosedRange<Double>)
        throws(NumberProblem) -> Double?
    {
        guard let trimmed = text?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
        let normalised = trimmed.replacingOccurrences(of: ",", with: ".")
        guard normalised.count <= 32, normalised.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" }),
            let value = Double(normalised), value.isFinite, range.contains(value)
        else {
            throw NumberProblem.notANumber(field: field, range: range)
        }
        return value
    }

    /// A bound as a person writes it: 500, not 500.0.
    public static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// A page number (1 to `maximumPage`, 1 when absent).
    public static func page(_ text: String?, field: String = "page") throws(NumberProblem) -> Int {
        try parse(text, field: field, in: 1...maximumPage) ?? 1
    }
}

extension Collection {
    /// The items of page `number` (from 1) when `per` are shown a page: what a `Paged` list holds. Any
    /// page past the end, or a number or size out of range, gives no items; it never traps.
    public func page(_ number: Int, per: Int) -> SubSequence {
        guard number >= 1, per >= 1 else { return dropFirst(count) }
        let (skip, overflow) = (number - 1).multipliedReportingOverflow(by: per)
        guard !overflow else { return dropFirst(count) }
        return dropFirst(skip).prefix(per)
    }
}

extension Int {
    /// The nearest whole number to `value` that an Int can hold: NaN is 0, and anything past either end is
    /// that end. For drawing and counting figures worked out in Double, where `Int(_:)` would trap.
    public init(saturating value: Double) {
        if value.isNaN {
            self = 0
        } else if value >= 9.2e18 {
            self = .max
        } else if value <= -9.2e18 {
            self = .min
        } else {
            self = Int(value.rounded())
        }
    }
}
