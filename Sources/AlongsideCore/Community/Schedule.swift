import Foundation

/// A day of the week, with the two-letter code iCalendar and Open Referral use.
public enum Weekday: String, CaseIterable, Codable, Sendable {
    case monday = "MO", tuesday = "TU", wednesday = "WE", thursday = "TH", friday = "FR", saturday = "SA"
    case sunday = "SU"

    public var name: String {
        switch self {
        case .monday: return Wording.current("directory.label.monday")
        case .tuesday: return Wording.current("directory.label.tuesday")
        case .wednesday: return Wording.current("directory.label.wednesday")
        case .thursday: return Wording.current("directory.label.thursday")
        case .friday: return Wording.current("directory.label.friday")
        case .saturday: return Wording.current("directory.label.saturday")
        case .sunday: return Wording.current("directory.label.sunday")
        }
    }

    /// Reads "TU", "1TU", "-1FR", "tuesday" or "Tue".
    public init?(code: String) {
        let letters = code.trimmingCharacters(in: .whitespaces).uppercased().filter(\.isLetter)
        if let day = Weekday(rawValue: String(letters.prefix(2))), letters.count == 2 {
            self = day
            return
        }
        guard letters.count >= 3,
            let day = Weekday.allCases.first(where: { $0.name.uppercased().hasPrefix(letters) })
        else { return nil }
        self = day
    }
}

/// When a community resource meets: weekly, monthly or once (iCalendar-style, as in Open Referral).
public struct Schedule: Hashable, Sendable, Codable {
    public enum Frequency: String, CaseIterable, Codable, Sendable {
        case weekly = "WEEKLY", monthly = "MONTHLY", once = "ONCE"
        /// Only described in words ("Term-time mornings, ring first"), as some imported directories have it.
        case described = "DESCRIBED"
    }

    public var id: UUID
    public var frequency: Frequency
    public var interval: Int?
    /// iCalendar BYDAY: "TU", "MO,TH", or "1TU" (first Tuesday) for a monthly one.
    public var byDay: String?
    public var byMonthDay: String?
    /// "HH:MM" in London time.
    public var opensAt: String?
    public var closesAt: String?
    /// yyyy-MM-dd: the date of a one-off, or the first meeting.
    public var startsOn: String?
    public var validFrom: String?
    public var validTo: String?
    public var description: String?

    public init(
        id: UUID, frequency: Frequency, interval: Int? = nil, byDay: String? = nil, byMonthDay: String? = nil,
        opensAt: String? = nil, closesAt: String? = nil, startsOn: String? = nil, validFrom: String? = nil,
        validTo: String? = nil, description: String? = nil
    ) {
        self.id = id
        self.frequency = frequency
        self.interval = interval
        self.byDay = byDay
        self.byMonthDay = byMonthDay
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.startsOn = startsOn
        self.validFrom = validFrom
        self.validTo = validTo
        self.description = description
    }

    /// The weekdays it meets on. A one-off meets on the weekday of its date.
    public var days: [Weekday] {
        if frequency == .once, let startsOn, let date = ISODay.date(startsOn) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = ISODay.london
            let index = (calendar.component(.weekday, from: date) + 5) % 7
            return [Weekday.allCases[index]]
        }
        return (byDay ?? "").split(separator: ",").compactMap { Weekday(code: String($0)) }
    }

    /// A sentence a person can read: "Every Tuesday, 12:00 to 14:00".
    public var summary: String {
        if let description, !description.isEmpty, days.isEmpty { return description }
        let dayNames = days.map(\.name)
        let list =
            dayNames.count > 1
            ? Wording.current(
                "directory.label.list-and", dayNames.dropLast().joined(separator: ", "), dayNames.last ?? "")
            : dayNames.first ?? ""
        var when: String
        switch frequency {
        case .weekly:
            when =
                (interval ?? 1) > 1
                ? Wording.current("directory.label.every-weeks-on", interval ?? 2, list)
                : Wording.current("directory.label.every", list)
        case .monthly:
            let ordinal =
                (byDay ?? "").first(where: { $0.isNumber || $0 == "-" }) != nil
                ? Schedule.ordinal(byDay ?? "") : nil
            when =
                ordinal.map { Wording.current("directory.label.the-of-the-month", $0, list) }
                ?? Wording.current("directory.label.monthly-on", list)
        case .once:
            when =
                startsOn.flatMap(ISODay.date).map { Wording.current("directory.label.on-date", Schedule.longDate($0)) }
                ?? Wording.current("directory.label.once")
        case .described:
            return description ?? Wording.current("directory.label.ask-the-organiser-when-it-meets")
        }
        if let opensAt, let closesAt {
            when = Wording.current("directory.label.when-opens-to-closes", when, opensAt, closesAt)
        } else if let opensAt {
            when = Wording.current("directory.label.when-from-opens", when, opensAt)
        }
        return when
    }

    static func ordinal(_ byDay: String) -> String? {
        let digits = byDay.prefix(while: { $0.isNumber || $0 == "-" })
        switch digits {
        case "1": return Wording.current("directory.label.ordinal.first")
        case "2": return Wording.current("directory.label.ordinal.second")
        case "3": return Wording.current("directory.label.ordinal.third")
        case "4": return Wording.current("directory.label.ordinal.fourth")
        case "-1": return Wording.current("directory.label.ordinal.last")
        default: return nil
        }
    }

    static func longDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Wording.current.language.locale
        formatter.timeZone = ISODay.london
        formatter.dateFormat = "EEEE d MMMM yyyy"
        return formatter.string(from: date)
    }

    /// True for "HH:MM" or "HH:MM:SS" on a 24-hour clock.
    public static func isTime(_ text: String) -> Bool {
        let parts = text.split(separator: ":")
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isNumber) }),
            let hours = Int(parts[0]), let minutes = Int(parts[1])
        else { return false }
        return hours < 24 && minutes < 60
    }
}

/// Distances on the ground between two points, for "near this postcode".
public enum Distance {
    /// Great-circle distance in metres (haversine, mean Earth radius).
    public static func metres(
        fromLatitude lat1: Double, longitude lon1: Double, toLatitude lat2: Double, longitude lon2: Double
    )
        -> Double
    {
        let radius = 6_371_008.8
        let dLat = (lat2 - lat1) * .pi / 180
        let dLon = (lon2 - lon1) * .pi / 180
        let a =
            sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * .pi / 180) * cos(lat2 * .pi / 180) * sin(dLon / 2)
            * sin(dLon / 2)
        return 2 * radius * asin(min(1, sqrt(a)))
    }

    /// "350 m" or "1.4 km" or "12 km".
    public static func words(_ metres: Double) -> String {
        if metres < 1_000 { return "\(Int((metres / 50).rounded()) * 50) m" }
        if metres < 10_000 { return String(format: "%.1f km", metres / 1_000) }
        return "\(Int((metres / 1_000).rounded())) km"
    }
}
