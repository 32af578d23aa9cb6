import Foundation

/// Calendar days as Alongside stores them: "yyyy-MM-dd", meaning that day in Europe/London.
public enum ISODay {
    public static let london = TimeZone(identifier: "Europe/London") ?? .gmt

    /// The Gregorian calendar in London. Made once: a DateFormatter a call cost more than everything
    /// else the scale generator did (ICU set-up, seen with perf).
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = london
        return calendar
    }()

    /// The start of the day in London, or nil for something that is not a day (such as 2026-02-30).
    public static func date(_ day: String) -> Date? {
        let parts = day.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let dayOfMonth = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(dayOfMonth),
            let date = calendar.date(from: DateComponents(year: year, month: month, day: dayOfMonth))
        else { return nil }
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        guard back.year == year, back.month == month, back.day == dayOfMonth else { return nil }
        return date
    }

    /// The London day a moment falls on.
    public static func string(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let year = parts.year ?? 0
        let month = parts.month ?? 1
        let day = parts.day ?? 1
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    /// "17 December 2026" for a yyyy-MM-dd day, or the text as it came when it is not one.
    public static func words(_ day: String) -> String {
        guard let date = date(day) else { return day }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = london
        formatter.dateFormat = "d MMMM yyyy"
        return formatter.string(from: date)
    }
}
