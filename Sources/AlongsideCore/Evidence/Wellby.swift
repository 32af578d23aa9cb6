import Foundation

/// Wellbeing change valued as HM Treasury's Green Book supplementary guidance *Wellbeing guidance for
/// appraisal: supplementary Green Book guidance* (July 2021,
/// https://www.gov.uk/government/publications/green-book-supplementary-guidance-wellbeing) does: one point
/// of life satisfaction (ONS4 question 1, 0 to 10) for one person for one year is one WELLBY, worth
/// £13,000 in 2019 prices, with £10,000 and £16,000 as its low and high values.
///
/// The change a period is credited with, for each person supported in it who has two or more answered,
/// not struck out life-satisfaction readings, the latest of them inside the period: their latest reading by
/// the period's end, less their latest reading before the period began (or their first reading, when the
/// first falls inside the period). So a change is counted once: the quarters of a year add up to the year,
/// and a person whose wellbeing fell counts against the total. The guidance values a change sustained for
/// a year; Alongside assumes the change lasts one year from the latest reading, then falls by the line's
/// drop-off in any further years the report allows it (one year by default).
public enum Wellby {
    /// The value of one WELLBY in 2019 prices: central, low and high.
    public static let central: Decimal = 13_000
    public static let low: Decimal = 10_000
    public static let high: Decimal = 16_000
    /// The price year of the values above (2019, read as 2019/20 by the deflator table).
    public static let priceYear = 2019
    /// Where the values come from.
    public static let guidance =
        "https://www.gov.uk/government/publications/green-book-supplementary-guidance-wellbeing"

    /// The default assumptions of the wellbeing line, each editable on the SROI page. Deadweight: the
    /// share of the change that would have happened anyway (people's life satisfaction drifts back towards
    /// the average; 25% as the starter proxies assume); attribution: the share others (family, services)
    /// brought about (30%, likewise); displacement: none (one person's wellbeing is not taken from another);
    /// duration one year, the year the guidance values; drop-off 50% for any year beyond it.
    public static let defaultDeadweight = Decimal(string: "0.25")!
    public static let defaultAttribution = Decimal(string: "0.3")!
    public static let defaultDisplacement: Decimal = 0
    public static let defaultDurationYears = 1
    public static let defaultDropOff = Decimal(string: "0.5")!

    /// One answered life-satisfaction reading: its day, its place among readings of the same day (when it
    /// was recorded, then its id) and the answer in hundredths of a point.
    public struct Reading: Sendable, Equatable {
        public let personID: Person.ID
        public let takenOn: String
        public let recordedAt: Date
        public let id: UUID
        public let hundredths: Int

        public init(personID: Person.ID, takenOn: String, recordedAt: Date, id: UUID, hundredths: Int) {
            self.personID = personID
            self.takenOn = takenOn
            self.recordedAt = recordedAt
            self.id = id
            self.hundredths = hundredths
        }
    }

    /// The change in life satisfaction a period is credited with.
    public struct Change: Sendable, Equatable, Codable {
        /// People whose change counts.
        public let people: Int
        /// Points gained by those whose life satisfaction rose, and lost by those whose fell (a positive
        /// number).
        public let gained: Decimal
        public let lost: Decimal

        public init(people: Int, gained: Decimal, lost: Decimal) {
            self.people = people
            self.gained = gained
            self.lost = lost
        }

        /// WELLBYs: points gained less points lost (one point for one person for one year).
        public var net: Decimal { gained - lost }

        public static let none = Change(people: 0, gained: 0, lost: 0)
    }

    /// The change over `from`…`to` (London days, both included) from `readings` (any order, any people):
    /// see the type's comment for the rule.
    public static func change(_ readings: [Reading], from: String, to: String) -> Change {
        var people = 0
        var gained: Decimal = 0
        var lost: Decimal = 0
        for (_, own) in Dictionary(grouping: readings.filter { $0.takenOn <= to }, by: \.personID) {
            let sorted = own.sorted {
                ($0.takenOn, $0.recordedAt, $0.id.uuidString) < ($1.takenOn, $1.recordedAt, $1.id.uuidString)
            }
            guard sorted.count >= 2, let latest = sorted.last, latest.takenOn >= from else { continue }
            let baseline = sorted.last { $0.takenOn < from } ?? sorted[0]
            guard baseline != latest else { continue }
            let points = Decimal(latest.hundredths - baseline.hundredths) / 100
            people += 1
            if points > 0 { gained += points } else { lost -= points }
        }
        return Change(people: people, gained: gained, lost: lost)
    }

    /// The wellbeing line of an SROI model: the net WELLBYs, each worth `value` (the central value in the
    /// report's prices), with the default assumptions.
    public static func outcome(name: String, change: Change, value: Decimal) -> SROI.Outcome {
        SROI.Outcome(
            name: name, quantity: change.net, proxyValue: value, deadweight: defaultDeadweight,
            displacement: defaultDisplacement, attribution: defaultAttribution,
            durationYears: defaultDurationYears, dropOff: defaultDropOff, wellbeing: true)
    }
}
