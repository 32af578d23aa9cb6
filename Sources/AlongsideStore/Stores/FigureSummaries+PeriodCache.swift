import AlongsideCore
import Foundation

extension FigureSummaries.Code {
    /// The numbers of the fixed codes in every `PeriodCache` (it numbers them first, in this order).
    enum Number {
        static let introductions = 0
        static let connections = 1
        static let connectionsLasting = 2
        static let contributions = 3
        static let supported = 4
        static let levelOne = 5
        static let levelTwo = 6
        static let paired = 7
        static let pairedFirst = 8
        static let pairedLatest = 9
        static let pairedSpanning = 10
        static let wellbyPeople = 11
        static let wellbyGained = 12
        static let wellbyLost = 13
    }

    /// The fixed codes, in the order of their `Number`s.
    static let fixed = [
        introductions, connections, connectionsLasting, contributions, supported, levelOne, levelTwo, paired,
        pairedFirst, pairedLatest, pairedSpanning, wellbyPeople, wellbyGained, wellbyLost,
    ]
}

extension FigureSummaries.Contribution {
    /// The periods of each day and the end of each period, worked out once for many people, and the numbers
    /// a `Contribution` keeps its periods (by key), codes and wards under (`Contribution` says why).
    struct PeriodCache {
        /// A standard period met, with its number (its key is `keys[index]`) and the first moment after it
        /// worked out once: a period's key is made by parsing its first day and formatting (`Period.key`),
        /// and was asked of every period of every row of every person worked out.
        struct Known {
            let period: Period
            let end: Date
            let index: Int
        }

        var periods: [String: [Known]] = [:]
        /// The London days of moments met (`ISODay.string`, the calendar's arithmetic), up to a bound.
        var days: [Date: String] = [:]

        /// Names by number, and their numbers.
        struct Numbering {
            private(set) var names: [String] = []
            private var numbers: [String: Int] = [:]

            /// Numbers below this: a slot packs a period's and a code's in 20 bits each, a ward's above them.
            static let limit = 1 << 20

            /// The name's number, and whether it is new.
            mutating func number(_ name: String) -> (Int, new: Bool) {
                if let known = numbers[name] { return (known, false) }
                precondition(names.count < Self.limit, "more than a million period keys, codes or wards")
                numbers[name] = names.count
                names.append(name)
                return (names.count - 1, true)
            }
        }

        /// Period keys by number, each key's place in the keys' order, and each period's end (nil until
        /// asked, or when the key names no period).
        private var keyNumbering = Numbering()
        var keys: [String] { keyNumbering.names }
        private(set) var keyRank: [Int] = []
        private var ends: [Date?] = []
        private var endsKnown: [Bool] = []

        /// Codes by number, their places in the codes' order, and whether each is kept by ward.
        private var codeNumbering = Numbering()
        var codes: [String] { codeNumbering.names }
        private(set) var codeRank: [Int] = []
        private(set) var codeByWard: [Bool] = []
        private var sources: [String: Int] = [:]

        /// Wards (a ward's id, or "none") by number.
        private var wardNumbering = Numbering()
        var wards: [String] { wardNumbering.names }

        init() {
            for (number, code) in FigureSummaries.Code.fixed.enumerated() {
                let given = self.code(code)
                precondition(given == number, "the fixed codes are numbered first, in order")
            }
        }

        mutating func day(_ date: Date) -> String {
            if let known = days[date] { return known }
            let day = ISODay.string(date)
            if days.count < 100_000 { days[date] = day }
            return day
        }

        mutating func periods(_ day: String) -> [Known] {
            if let known = periods[day] { return known }
            let found = FigureSummaries.Contribution.periods(of: day).map { period in
                let index = key(period.key)
                if !endsKnown[index] {
                    ends[index] = period.bounds.end
                    endsKnown[index] = true
                }
                return Known(period: period, end: ends[index] ?? period.bounds.end, index: index)
            }
            periods[day] = found
            return found
        }

        /// The number of a period key.
        mutating func key(_ key: String) -> Int {
            let (number, new) = keyNumbering.number(key)
            guard new else { return number }
            ends.append(nil)
            endsKnown.append(false)
            keyRank = Self.ranks(keys)
            return number
        }

        /// The end of the period a key's number names (parsed once).
        mutating func end(_ index: Int) -> Date? {
            if !endsKnown[index] {
                ends[index] = (try? Period.parse(keys[index]))?.bounds.end
                endsKnown[index] = true
            }
            return ends[index]
        }

        /// The number of a code.
        mutating func code(_ code: String) -> Int {
            let (number, new) = codeNumbering.number(code)
            guard new else { return number }
            codeByWard.append(FigureSummaries.Code.isByWard(code))
            codeRank = Self.ranks(codes)
            return number
        }

        /// The number of an introduction source's code (`Code.source`), without making its text each time.
        mutating func code(source: String) -> Int {
            if let known = sources[source] { return known }
            let number = code(FigureSummaries.Code.source(source))
            sources[source] = number
            return number
        }

        /// The number of a ward.
        mutating func ward(_ ward: String) -> Int {
            wardNumbering.number(ward).0
        }

        /// Each name's place in the names' order.
        static func ranks(_ names: [String]) -> [Int] {
            var ranks = [Int](repeating: 0, count: names.count)
            for (place, index) in names.indices.sorted(by: { names[$0] < names[$1] }).enumerated() {
                ranks[index] = place
            }
            return ranks
        }
    }
}
