import Foundation

/// Calendar days as Alongside stores them: "yyyy-MM-dd", meaning that day in Europe/London.
public enum ISODay {
    public static let london = TimeZone(identifier: "Europe/London") ?? .gmt

    static func formatter(_ zone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter
    }

    /// The start of the day in London, or nil for something that is not a day.
    public static func date(_ day: String) -> Date? { formatter(london).date(from: day) }

    /// The London day a moment falls on.
    public static func string(_ date: Date) -> String { formatter(london).string(from: date) }

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
