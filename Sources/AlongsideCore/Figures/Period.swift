import Foundation

/// The stretch of time a figure is counted over: a quarter or a whole financial year (April to March, as
/// councils report), a calendar month, or any dates. London days, both ends included. Every page that
/// shows figures (the dashboard, its CSV, the quarterly report, SROI, programmes, the Network) takes the
/// same choice, so one key in a link means the same days everywhere.
public struct Period: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case quarter, financialYear = "year", month, dates
    }

    public let kind: Kind
    /// The first day, yyyy-MM-dd.
    public let from: String
    /// The last day, yyyy-MM-dd, included.
    public let to: String

    /// The earliest and latest years a period may fall in: anything outside is a typing mistake.
    public static let years = 2000...2100
    /// The longest stretch of any dates: ten years.
    public static let longestDays = 3_660

    init(kind: Kind, from: String, to: String) {
        self.kind = kind
        self.from = from
        self.to = to
    }

    /// Quarter `number` (1 April–June … 4 January–March) of the financial year that starts in April of
    /// `year`.
    public static func quarter(_ number: Int, ofYearStarting year: Int) throws(PeriodProblem) -> Period {
        guard years.contains(year) else { throw .yearOutOfRange }
        guard (1...4).contains(number) else { throw .unknown }
        let startMonth = 4 + (number - 1) * 3
        let startYear = startMonth > 12 ? year + 1 : year
        let month = startMonth > 12 ? startMonth - 12 : startMonth
        return Period(kind: .quarter, from: day(startYear, month, 1), to: lastDay(startYear, month + 2))
    }

    /// The financial year from 1 April `year` to 31 March the year after.
    public static func financialYear(_ year: Int) throws(PeriodProblem) -> Period {
        guard years.contains(year) else { throw .yearOutOfRange }
        return Period(kind: .financialYear, from: day(year, 4, 1), to: day(year + 1, 3, 31))
    }

    public static func month(_ month: Int, _ year: Int) throws(PeriodProblem) -> Period {
        guard years.contains(year) else { throw .yearOutOfRange }
        guard (1...12).contains(month) else { throw .unknown }
        return Period(kind: .month, from: day(year, month, 1), to: lastDay(year, month))
    }

    /// Any days, `from` to `to` included: both real days, in order, at most ten years apart.
    public static func dates(from: String, to: String) throws(PeriodProblem) -> Period {
        guard let start = ISODay.date(from) else { throw .fromNotADay }
        guard let end = ISODay.date(to) else { throw .toNotADay }
        guard let fromYear = Int(from.prefix(4)), let toYear = Int(to.prefix(4)), years.contains(fromYear),
            years.contains(toYear)
        else { throw .yearOutOfRange }
        guard start <= end else { throw .endsBeforeItStarts }
        let period = Period(
            kind: .dates, from: ISODay.string(start), to: ISODay.string(end))
        guard period.days <= longestDays else { throw .tooLong }
        return period
    }

    /// The period a link names: `fy2026-q2` (July to September 2026), `fy2026` (April 2026 to March 2027),
    /// `2026-07` (July 2026). Anything else is refused.
    public static func parse(_ key: String) throws(PeriodProblem) -> Period {
        let text = key.lowercased()
        guard text.count <= 12, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter || $0 == "-") })
        else { throw .unknown }
        if text.hasPrefix("fy") {
            let parts = text.dropFirst(2).split(separator: "-", omittingEmptySubsequences: false)
            guard let first = parts.first, first.count == 4, let year = Int(first) else { throw .unknown }
            if parts.count == 1 { return try financialYear(year) }
            guard parts.count == 2, parts[1].count == 2, parts[1].first == "q", let number = Int(parts[1].dropFirst())
            else { throw .unknown }
            return try quarter(number, ofYearStarting: year)
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]),
            let month = Int(parts[1])
        else { throw .unknown }
        return try Period.month(month, year)
    }

    /// The period a request asks for: a named period (`period=fy2026-q2`), or `from` and `to` for any dates,
    /// or `fallback` when it names none.
    public static func chosen(key: String?, from: String?, to: String?, fallback: Period) throws(PeriodProblem)
        -> Period
    {
        if let key, !key.isEmpty, key != "dates" { return try parse(key) }
        let from = from?.trimmingCharacters(in: .whitespaces) ?? ""
        let to = to?.trimmingCharacters(in: .whitespaces) ?? ""
        if from.isEmpty && to.isEmpty { return fallback }
        guard !from.isEmpty else { throw .fromNotADay }
        guard !to.isEmpty else { throw .toNotADay }
        return try dates(from: from, to: to)
    }

    /// The key that names this period in a link (`fy2026-q2`, `fy2026`, `2026-07`, or `dates` with `from`
    /// and `to` beside it).
    public var key: String {
        switch kind {
        case .quarter: return "fy\(financialYearStart)-q\(quarterNumber)"
        case .financialYear: return "fy\(financialYearStart)"
        case .month: return String(from.prefix(7))
        case .dates: return "dates"
        }
    }

    /// The query that brings this period back: `period=fy2026-q2`, or `period=dates&from=…&to=…`.
    public var query: String {
        kind == .dates ? "period=dates&from=\(from)&to=\(to)" : "period=\(key)"
    }

    /// The period just before, of the same kind: the quarter, year or month before, or as many days
    /// ending the day before this one starts.
    public var previous: Period {
        // Worked out from the days themselves, so the period before 2000's first is 1999's, not itself.
        switch kind {
        case .quarter:
            let startYear = quarterNumber == 1 ? financialYearStart - 1 : financialYearStart
            let number = quarterNumber == 1 ? 4 : quarterNumber - 1
            let month = 4 + (number - 1) * 3
            let (year, first) = month > 12 ? (startYear + 1, month - 12) : (startYear, month)
            return Period(kind: .quarter, from: Period.day(year, first, 1), to: Period.lastDay(year, first + 2))
        case .financialYear:
            let year = financialYearStart - 1
            return Period(kind: .financialYear, from: Period.day(year, 4, 1), to: Period.day(year + 1, 3, 31))
        case .month:
            let (year, month) = startMonth == 1 ? (startYear - 1, 12) : (startYear, startMonth - 1)
            return Period(kind: .month, from: Period.day(year, month, 1), to: Period.lastDay(year, month))
        case .dates:
            guard let start = ISODay.date(from) else { return self }
            let end = ISODay.calendar.date(byAdding: .day, value: -1, to: start) ?? start
            let first = ISODay.calendar.date(byAdding: .day, value: -(days - 1), to: end) ?? end
            return Period(kind: .dates, from: ISODay.string(first), to: ISODay.string(end))
        }
    }

    /// The quarters of a financial year, in order (they add up to the year).
    public var quarters: [Period] {
        guard kind == .financialYear else { return [self] }
        return (1...4).compactMap { try? Period.quarter($0, ofYearStarting: financialYearStart) }
    }

    /// How many days the period holds.
    public var days: Int {
        guard let start = ISODay.date(from), let end = ISODay.date(to) else { return 0 }
        return (ISODay.calendar.dateComponents([.day], from: start, to: end).day ?? 0) + 1
    }

    /// The first moment of the period and the first moment after it, in London.
    public var bounds: (start: Date, end: Date) {
        let start = ISODay.date(from) ?? Date(timeIntervalSince1970: 0)
        let last = ISODay.date(to) ?? start
        return (start, ISODay.calendar.date(byAdding: .day, value: 1, to: last) ?? last)
    }

    /// Whether `today` falls before the period's last day (so its figures are "so far").
    public func isUnderway(today: String) -> Bool { today >= from && today < to }

    /// Whether the period has not started by `today`.
    public func isAhead(today: String) -> Bool { today < from }

    /// A yearly amount's share for this period: `annual` × days ÷ 365.
    public func share(ofAnnual annual: Decimal) -> Decimal {
        annual * Decimal(days) / 365
    }

    /// The days of the period up to and including `today` (all of them once it has ended, none before it
    /// starts).
    public func daysElapsed(today: String) -> Int {
        if today < from { return 0 }
        if today >= to { return days }
        return (try? Period.dates(from: from, to: today))?.days ?? days
    }

    /// A yearly amount's share for the days of the period so far: for a period under way, what has been
    /// spent by `today`, so a ratio compares like with like.
    public func share(ofAnnual annual: Decimal, today: String) -> Decimal {
        annual * Decimal(daysElapsed(today: today)) / 365
    }

    /// The quarter `today` falls in.
    public static func quarter(containing today: String) -> Period {
        let year = Int(today.prefix(4)) ?? 2026
        let month = Int(today.dropFirst(5).prefix(2)) ?? 1
        let first = month >= 4 ? year : year - 1
        let number = month >= 4 ? (month - 4) / 3 + 1 : 4
        return (try? quarter(number, ofYearStarting: min(max(first, years.lowerBound), years.upperBound)))
            ?? Period(kind: .dates, from: today, to: today)
    }

    /// The financial year `today` falls in.
    public static func financialYear(containing today: String) -> Period {
        let year = Int(today.prefix(4)) ?? 2026
        let month = Int(today.dropFirst(5).prefix(2)) ?? 1
        return (try? financialYear(min(max(month >= 4 ? year : year - 1, years.lowerBound), years.upperBound)))
            ?? Period(kind: .dates, from: today, to: today)
    }

    /// The periods offered in a period picker: this quarter and the seven before it, this financial year
    /// and the two before it, and this month and the eleven before it.
    public static func options(today: String) -> [Period] {
        var quarters = [quarter(containing: today)]
        while quarters.count < 8, let last = quarters.last { quarters.append(last.previous) }
        var years = [financialYear(containing: today)]
        while years.count < 3, let last = years.last { years.append(last.previous) }
        var months: [Period] = []
        if let year = Int(today.prefix(4)), let month = Int(today.dropFirst(5).prefix(2)),
            let this = try? Period.month(month, year)
        {
            months = [this]
            while months.count < 12, let last = months.last { months.append(last.previous) }
        }
        return quarters + years + months
    }

    /// The financial year (April to March) the period starts in: 2026 for 2026/27.
    public var financialYearStart: Int { startMonth >= 4 ? startYear : startYear - 1 }

    /// 1 (April–June) to 4 (January–March).
    public var quarterNumber: Int { startMonth >= 4 ? (startMonth - 4) / 3 + 1 : 4 }

    var startYear: Int { Int(from.prefix(4)) ?? 0 }
    var startMonth: Int { Int(from.dropFirst(5).prefix(2)) ?? 1 }

    static func day(_ year: Int, _ month: Int, _ day: Int) -> String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    static func lastDay(_ year: Int, _ month: Int) -> String {
        let first = ISODay.date(day(year, month, 1)) ?? Date(timeIntervalSince1970: 0)
        let days = ISODay.calendar.range(of: .day, in: .month, for: first)?.count ?? 28
        return day(year, month, days)
    }
}

/// Why a period could not be read from a link or a form.
public enum PeriodProblem: String, DomainProblem, CaseIterable {
    /// Not a period Alongside knows: `fy2026-q2`, `fy2026`, `2026-07`, or dates.
    case unknown
    case fromNotADay = "from-not-a-day"
    case toNotADay = "to-not-a-day"
    case endsBeforeItStarts = "ends-before-it-starts"
    case tooLong = "too-long"
    case yearOutOfRange = "year-out-of-range"

    /// The form field the problem is about.
    public var field: String? {
        switch self {
        case .fromNotADay: return "from"
        case .toNotADay, .endsBeforeItStarts: return "to"
        case .unknown, .tooLong, .yearOutOfRange: return "period"
        }
    }

    public var kind: ProblemKind { .invalid }

    /// The catalog key of the sentence that says what to fix.
    public var messageKey: String { "figures.problem." + rawValue }
}

extension Period {
    /// "Q2 2026/27 (July to September 2026)", "2026/27 (April 2026 to March 2027)", "July 2026", or
    /// "5 January 2026 to 10 February 2026", in the request's language.
    public var label: String {
        let wording = Wording.current
        let year = financialYearStart
        let next = String(format: "%02d", (year + 1) % 100)
        switch kind {
        case .quarter:
            return wording(
                "figures.period.quarter", quarterNumber, year, next, Period.monthName(from), Period.monthName(to))
        case .financialYear:
            return wording("figures.period.year", year, next, Period.monthName(from), Period.monthName(to))
        case .month: return Period.monthName(from)
        case .dates: return wording("figures.period.dates", Period.dayName(from), Period.dayName(to))
        }
    }

    /// The label with "(so far)" when `today` falls inside the period.
    public func label(today: String) -> String {
        isUnderway(today: today) ? Wording.current("figures.period.so-far", label) : label
    }

    /// "July 2026" in the request's language.
    static func monthName(_ day: String) -> String { formatted(day, "MMMM yyyy") }

    /// "5 January 2026" in the request's language.
    static func dayName(_ day: String) -> String { formatted(day, "d MMMM yyyy") }

    static func formatted(_ day: String, _ pattern: String) -> String {
        guard let date = ISODay.date(day) else { return day }
        let formatter = DateFormatter()
        formatter.locale = Wording.current.language.locale
        formatter.timeZone = ISODay.london
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
