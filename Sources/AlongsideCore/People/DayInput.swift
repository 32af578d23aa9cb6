import Foundation

/// A day as a person typed it: the three boxes of the GOV.UK date pattern (day, month, year), or the
/// single field older forms and API clients still send ("3/4/2026", "2026-04-03"), read into the same
/// three parts so a problem with it names the part that is wrong either way.
public struct DayInput: Sendable, Equatable {
    public var day: String
    public var month: String
    public var year: String

    public init(day: String, month: String, year: String) {
        self.day = day
        self.month = month
        self.year = year
    }

    /// The single field: "3/4/2026" (also with dots or spaces) or "2026-04-03".
    public init(single text: String) {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let iso = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        if iso.count == 3, iso[0].count == 4 {
            self.init(day: iso[2], month: iso[1], year: iso[0])
            return
        }
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == " " }).map(String.init)
        if parts.count == 3 {
            self.init(day: parts[0], month: parts[1], year: parts[2])
        } else {
            // Not three parts: kept whole in the day box, where it is shown again and refused as unreadable.
            self.init(day: text, month: "", year: "")
            unreadable = !text.isEmpty
        }
    }

    /// The day's three parts, from a stored yyyy-MM-dd day, to fill the boxes.
    public init(iso: String) {
        let parts = iso.split(separator: "-").map(String.init)
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
            self.init(single: iso)
            return
        }
        self.init(day: String(day), month: String(month), year: String(year))
    }

    /// A single field that could not be split into a day, a month and a year.
    public private(set) var unreadable = false

    /// Nothing typed in any box.
    public var isEmpty: Bool { [day, month, year].allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }

    public enum Part: String, Sendable, CaseIterable {
        case day, month, year
    }

    /// What is wrong with a typed day. Each names the part to correct, when one part is wrong.
    public enum Problem: Equatable, Sendable, Error {
        /// Nothing typed where a day is needed.
        case missing
        /// Some parts typed, these left empty.
        case incomplete(missing: [Part])
        /// Letters, or too many digits, in a part.
        case notNumbers(Part)
        /// A month that is not 1 to 12.
        case noSuchMonth
        /// A day the month does not have ("31 November"): the last day the month has, and the month.
        case noSuchDay(lastDay: Int, month: Int)
        /// Day 0: no month has it. The last day the month has, to say what the day may be.
        case dayZero(lastDay: Int)
        /// A year that is not four digits.
        case yearNotFourDigits
        /// Before the earliest year the form takes (1900).
        case yearTooEarly(earliest: Int)
        /// After the latest year the form takes (2100).
        case yearTooLate(latest: Int)
        /// After today, where the form takes only today or earlier.
        case afterToday
        /// A single field that is not a day at all ("next week").
        case unreadable

        /// The box to correct: the one that is wrong, else the first.
        public var part: Part {
            switch self {
            case .incomplete(let missing): missing.first ?? .day
            case .notNumbers(let part): part
            case .noSuchMonth: .month
            case .yearNotFourDigits, .yearTooEarly, .yearTooLate: .year
            case .missing, .noSuchDay, .dayZero, .afterToday, .unreadable: .day
            }
        }

        /// Whether the problem is with the whole date rather than one box.
        public var wholeDate: Bool {
            switch self {
            case .missing, .afterToday, .unreadable: true
            default: false
            }
        }
    }

    public static let earliestYear = 1900
    public static let latestYear = 2100

    /// The day as yyyy-MM-dd, nil when nothing was typed, or what is wrong with it. `latest` (a
    /// yyyy-MM-dd day, usually today in London) refuses any day after it.
    public func parsed(latest: String? = nil) -> Result<String?, Problem> {
        if unreadable { return .failure(.unreadable) }
        let raw: [(Part, String)] = [(.day, day), (.month, month), (.year, year)]
        let parts = raw.map { part, text in (part, text.trimmingCharacters(in: .whitespaces)) }
        let empty = parts.filter { $0.1.isEmpty }.map(\.0)
        if empty.count == 3 { return .success(nil) }
        if !empty.isEmpty { return .failure(.incomplete(missing: empty)) }
        var numbers: [Part: Int] = [:]
        for (part, text) in parts {
            // At most four digits a part: nothing a client sends can overflow.
            guard text.count <= 4, text.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(text) else {
                return .failure(.notNumbers(part))
            }
            numbers[part] = number
        }
        let (dayNumber, monthNumber, yearNumber) = (numbers[.day] ?? 0, numbers[.month] ?? 0, numbers[.year] ?? 0)
        guard (1...12).contains(monthNumber) else { return .failure(.noSuchMonth) }
        guard parts[2].1.count == 4 else { return .failure(.yearNotFourDigits) }
        guard yearNumber >= Self.earliestYear else { return .failure(.yearTooEarly(earliest: Self.earliestYear)) }
        guard yearNumber <= Self.latestYear else { return .failure(.yearTooLate(latest: Self.latestYear)) }
        let last = Self.daysIn(month: monthNumber, year: yearNumber)
        guard dayNumber >= 1 else { return .failure(.dayZero(lastDay: last)) }
        guard dayNumber <= last else {
            return .failure(.noSuchDay(lastDay: last, month: monthNumber))
        }
        let iso =
            "\(yearNumber)-\(monthNumber < 10 ? "0" : "")\(monthNumber)-\(dayNumber < 10 ? "0" : "")\(dayNumber)"
        if let latest, iso > latest { return .failure(.afterToday) }
        return .success(iso)
    }

    /// The number of days in a month of the Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
