import Foundation

/// Amounts of money as people type them in forms.
public enum Money {
    /// "£250,000", "250000" or " 1,234.50 " as pounds; nil when it is not wholly a number ("50k" is not
    /// £50, and "1,000" is a thousand: commas group thousands only).
    public static func pounds(_ typed: String) -> Decimal? {
        var cleaned = typed.trimmingCharacters(in: .whitespaces)
        if cleaned.hasPrefix("£") { cleaned.removeFirst() }
        return number(cleaned, groupedThousands: true)
    }

    /// A plain decimal number as typed ("12", "-3.5", "0.25"; with `groupedThousands`, "1,234.5" too), or nil
    /// for anything else: letters, exponents, "NaN", a second point, a comma not grouping thousands. Foundation's
    /// `Decimal(string:)` reads only the leading number ("50k" as 50, "1,000" as 1), so every number a form
    /// sends is read here.
    public static func number(_ typed: String, groupedThousands: Bool = false) -> Decimal? {
        let text = typed.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.count <= 40 else { return nil }
        var body = Substring(text)
        if body.first == "-" { body = body.dropFirst() }
        let halves = body.split(separator: ".", omittingEmptySubsequences: false)
        guard halves.count <= 2, let whole = halves.first, !whole.isEmpty || halves.count == 2 else { return nil }
        if halves.count == 2 {
            guard !halves[1].isEmpty, halves[1].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        }
        var digits = String(whole)
        if groupedThousands, whole.contains(",") {
            let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
            guard let first = groups.first, (1...3).contains(first.count),
                groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { return nil }
            digits = groups.joined()
        }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let plain =
            (text.hasPrefix("-") ? "-" : "") + (digits.isEmpty ? "0" : digits)
            + (halves.count == 2 ? "." + halves[1] : "")
        return Decimal(string: plain, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Pounds as shown in every language: "£1,234.50", "-£12.00"; pence rounded half to even, as a
    /// currency NumberFormatter for en_GB does. Written out directly: an SROI page shows about a hundred
    /// sums, and a NumberFormatter set up for each was an eighth of the page's time (perf).
    public static func text(_ pounds: Decimal) -> String {
        var rounded = Decimal()
        var source = pounds
        NSDecimalRound(&rounded, &source, 2, .bankers)
        let plain = "\(rounded.magnitude)"
        let parts = plain.split(separator: ".", maxSplits: 1)
        let whole = parts.first.map(String.init) ?? "0"
        let pence = parts.count > 1 ? String(parts[1].prefix(2)) : ""
        var grouped = ""
        for (index, digit) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        let sign = rounded < 0 ? "-" : ""
        return "\(sign)£\(grouped).\(pence)\(String(repeating: "0", count: 2 - pence.count))"
    }
}

extension Council {
    /// Whether `pence` is a plausible yearly investment (more than nothing, under £1bn).
    public static func isPlausibleInvestment(pence: Int) -> Bool { (1..<100_000_000_000).contains(pence) }

    /// A yearly investment typed in pounds, in pence; nil when left empty. Anything else is refused.
    public static func annualInvestmentPence(typed: String?) throws -> Int? {
        guard let typed, !typed.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard let pounds = Money.pounds(typed), pounds > 0, pounds < 1_000_000_000 else {
            throw CouncilProblem.investmentUnusable
        }
        return NSDecimalNumber(decimal: pounds * 100).intValue
    }

    /// The refusal for an implausible investment, for callers that hold pence already.
    public static var implausibleInvestment: CouncilProblem { .investmentUnusable }
}
