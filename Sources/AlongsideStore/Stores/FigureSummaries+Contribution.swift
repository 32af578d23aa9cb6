import AlongsideCore
import Foundation

extension FigureSummaries {
    /// What one person adds to each standard period's figures: (period, code) → amount, and the ward they
    /// were in on the last day of each period that has a figure kept by ward.
    ///
    /// Periods, codes and wards are small numbers given by the `PeriodCache` the part was worked out with, and
    /// a part is compared, added up and written out only with that cache. Numbers, not strings: a person's
    /// part as dictionaries keyed by period keys and codes, added to totals keyed the same way and sorted
    /// by string to be written out, was the largest stage of the scale generator (issue 28). The kept text
    /// (`text`) is the same as ever, so parts kept before read back unchanged.
    struct Contribution: Equatable {
        /// Each amount under its `slot` (period and code), sorted by slot, each slot once (after `finish`).
        private(set) var amounts: [Amount] = []
        /// The ward of each period with a figure kept by ward (`Code.isByWard`), sorted by period.
        private(set) var wards: [WardOf] = []

        struct Amount: Equatable {
            var slot: Int
            var amount: Int
        }

        struct WardOf: Equatable {
            var period: Int
            var ward: Int
        }

        static func slot(_ period: Int, _ code: Int) -> Int { period << 20 | code }
        static func period(ofSlot slot: Int) -> Int { slot >> 20 }
        static func code(ofSlot slot: Int) -> Int { slot & 0xF_FFFF }
        /// A slot under a ward, for the totals kept by ward.
        static func slot(ward: Int, _ slot: Int) -> Int { ward << 40 | slot }

        var isEmpty: Bool { amounts.isEmpty }

        init() {}

        /// Adds an amount (none for nothing); `finish` puts the amounts in order afterwards.
        mutating func add(_ period: Int, _ code: Int, _ amount: Int = 1) {
            guard amount != 0 else { return }
            amounts.append(Amount(slot: Self.slot(period, code), amount: amount))
        }

        /// Sorts the amounts by slot, adding up those of one slot, and the wards by period.
        mutating func finish() {
            amounts.sort { $0.slot < $1.slot }
            var merged: [Amount] = []
            merged.reserveCapacity(amounts.count)
            for amount in amounts {
                if let last = merged.last, last.slot == amount.slot {
                    merged[merged.count - 1].amount += amount.amount
                } else {
                    merged.append(amount)
                }
            }
            amounts = merged
            wards.sort { $0.period < $1.period }
        }

        /// The ward of a period, if it has one.
        func ward(of period: Int) -> Int? {
            wards.first { $0.period == period }?.ward
        }

        /// Adds the part, times `sign`, to `totals` (by slot) and, for the figures kept by ward, to `byWard`
        /// (by ward and slot).
        func add(to totals: inout [Int: Int], byWard: inout [Int: Int], sign: Int = 1, names: PeriodCache) {
            var period = -1
            var ward: Int? = nil
            for amount in amounts {
                totals[amount.slot, default: 0] += sign * amount.amount
                let own = Self.period(ofSlot: amount.slot)
                if own != period {
                    period = own
                    ward = self.ward(of: own)
                }
                if let ward, names.codeByWard[Self.code(ofSlot: amount.slot)] {
                    byWard[Self.slot(ward: ward, amount.slot), default: 0] += sign * amount.amount
                }
            }
        }

        /// Totals by slot and by ward and slot (`add(to:)`) as `figure_summaries` keeps them: period key →
        /// code (and `Code.inWard` codes) → total.
        static func named(totals: [Int: Int], byWard: [Int: Int], names: PeriodCache) -> [String: [String: Int]] {
            var result: [String: [String: Int]] = [:]
            for (slot, amount) in totals {
                result[names.keys[period(ofSlot: slot)], default: [:]][names.codes[code(ofSlot: slot)], default: 0] +=
                    amount
            }
            for (wardSlot, amount) in byWard {
                let slot = wardSlot & 0xFF_FFFF_FFFF
                let code = Code.inWard(names.wards[wardSlot >> 40], names.codes[code(ofSlot: slot)])
                result[names.keys[period(ofSlot: slot)], default: [:]][code, default: 0] += amount
            }
            return result
        }

        /// One line a period, in the order of their keys: its key, the ward the person was in on its last day
        /// ("-" for none), then `code=amount` for each figure in the order of the codes ("fy2026-q3 E1D2…
        /// people-supported=1 level-2-contacts=1"). The figures by ward are not written out: they are the
        /// figures kept by ward under that ward, and are put back when read.
        func text(_ names: PeriodCache) -> String {
            guard !amounts.isEmpty else { return "" }
            let order = amounts.sorted {
                let (a, b) = (Self.period(ofSlot: $0.slot), Self.period(ofSlot: $1.slot))
                if a != b { return names.keyRank[a] < names.keyRank[b] }
                return names.codeRank[Self.code(ofSlot: $0.slot)] < names.codeRank[Self.code(ofSlot: $1.slot)]
            }
            var text = ""
            text.reserveCapacity(order.count * 24)
            var period = -1
            for amount in order {
                let own = Self.period(ofSlot: amount.slot)
                if own != period {
                    if period >= 0 { text += "\n" }
                    period = own
                    text += names.keys[own]
                    text += " "
                    text += ward(of: own).map { names.wards[$0] } ?? "-"
                }
                text += " "
                text += names.codes[Self.code(ofSlot: amount.slot)]
                text += "="
                text += String(amount.amount)
            }
            return text
        }

        /// A part as `text` writes it.
        init(text: String, names: inout PeriodCache) {
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ")
                guard parts.count >= 2 else { continue }
                let period = names.key(String(parts[0]))
                let ward = String(parts[1])
                for part in parts.dropFirst(2) {
                    guard let equals = part.lastIndex(of: "="), let amount = Int(part[part.index(after: equals)...])
                    else { continue }
                    let code = names.code(String(part[..<equals]))
                    add(period, code, amount)
                    if ward != "-", amount != 0, names.codeByWard[code] {
                        // A period written twice (never by `text`) counts under its last line's ward.
                        let number = names.ward(ward)
                        if let known = wards.firstIndex(where: { $0.period == period }) {
                            wards[known].ward = number
                        } else {
                            wards.append(WardOf(period: period, ward: number))
                        }
                    }
                }
            }
            finish()
        }

        /// The standard periods a day falls in: its month, financial quarter and financial year.
        static func periods(of day: String) -> [Period] {
            guard let year = Int(day.prefix(4)), Period.years.contains(year),
                let month = Int(day.dropFirst(5).prefix(2)), let own = try? Period.month(month, year)
            else { return [] }
            return [own, Period.quarter(containing: day), Period.financialYear(containing: day)]
        }

        /// The person's part, by the rules of `FiguresStore` (see each figure there), its periods, codes and
        /// wards numbered by `calendar`.
        static func of(_ rows: PersonRows, calendar: inout PeriodCache) -> Contribution {
            var result = counted(rows, calendar: &calendar)
            // The figures kept by ward count again under the ward the person was in on the period's last day
            // (as `FiguresStore.wardAtEnd`): the last move before its end, else where the first move after it
            // came from, else their ward now.
            let events = rows.wardEvents.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
            func ward(_ value: String?) -> Int {
                calendar.ward(value.flatMap { UUID(uuidString: $0)?.uuidString } ?? "none")
            }
            let moves = events.map { (at: $0.at, from: ward($0.from), to: ward($0.to)) }
            let wardNow = calendar.ward(rows.wardID?.uuidString ?? "none")
            var period = -1
            for amount in result.amounts where calendar.codeByWard[Self.code(ofSlot: amount.slot)] {
                let own = Self.period(ofSlot: amount.slot)
                guard own != period else { continue }
                period = own
                guard let end = calendar.end(own) else { continue }
                let ward: Int
                if let before = moves.last(where: { $0.at < end }) {
                    ward = before.to
                } else if let after = moves.first(where: { $0.at >= end }) {
                    ward = after.from
                } else {
                    ward = wardNow
                }
                result.wards.append(WardOf(period: own, ward: ward))
            }
            return result
        }

        static func counted(_ rows: PersonRows, calendar: inout PeriodCache) -> Contribution {
            var result = Contribution()
            guard rows.exists else { return result }
            typealias N = Code.Number
            // Events: each belongs to the one period of each kind it happened in.
            var supported: [Int: PeriodCache.Known] = [:]
            for introduction in rows.introductions {
                let source = calendar.code(source: introduction.source)
                for period in calendar.periods(calendar.day(introduction.at)) {
                    result.add(period.index, N.introductions)
                    result.add(period.index, source)
                    supported[period.index] = period
                }
            }
            for day in rows.conversationDays {
                for period in calendar.periods(day) { supported[period.index] = period }
            }
            for connection in rows.connections {
                for period in calendar.periods(connection.day) {
                    result.add(period.index, N.connections)
                    if connection.lasting { result.add(period.index, N.connectionsLasting) }
                }
            }
            for day in rows.contributionDays {
                for period in calendar.periods(day) { result.add(period.index, N.contributions) }
            }
            var kinds: [Int: Set<String>] = [:]
            for outcome in rows.outcomes {
                let code = calendar.code(Code.outcome(outcome.kind))
                for period in calendar.periods(outcome.day) {
                    result.add(period.index, code)
                    kinds[period.index, default: []].insert(outcome.kind)
                }
            }
            for (period, own) in kinds { result.add(period, calendar.code(Code.kinds(own.sorted()))) }

            // People supported: an introduction or a conversation in the period, not merged into another.
            guard !rows.merged else {
                result.finish()
                return result
            }
            let events = rows.levelEvents.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
            let swemwbs = rows.swemwbs.sorted(by: Self.readingOrder)
            let labels = ReportingCategory.allCases.map(\.rawValue).filter(rows.categories.contains).map {
                calendar.code(Code.label($0))
            }
            let levelNow = String(rows.level)
            for (index, known) in supported {
                let period = known.period
                let end = known.end
                result.add(index, N.supported)
                // The level on the period's last day: the last change before its end, else where the first
                // change after it came from, else the level now.
                let before = events.last { $0.at < end }?.to
                let after = events.first { $0.at >= end }?.from
                let level = before ?? after ?? levelNow
                result.add(index, level == "2" ? N.levelTwo : N.levelOne)
                for label in labels { result.add(index, label) }
                // SWEMWBS: two or more readings by the period's last day, first to latest (in day order, so
                // those by the last day come first).
                let taken = swemwbs.firstIndex { $0.takenOn > period.to } ?? swemwbs.count
                if taken >= 2 {
                    let first = swemwbs[0]
                    let latest = swemwbs[taken - 1]
                    result.add(index, N.paired)
                    result.add(index, N.pairedFirst, first.hundredths)
                    result.add(index, N.pairedLatest, latest.hundredths)
                    if first.takenOn < period.from { result.add(index, N.pairedSpanning) }
                }
                // Life satisfaction (ONS4 question 1), for the WELLBYs of the council's SROI.
                let change = rows.ons4.isEmpty ? .none : Wellby.change(rows.ons4, from: period.from, to: period.to)
                if change.people > 0 {
                    result.add(index, N.wellbyPeople, change.people)
                    result.add(index, N.wellbyGained, Self.hundredths(change.gained))
                    result.add(index, N.wellbyLost, Self.hundredths(change.lost))
                }
            }
            result.finish()
            return result
        }

        /// By day taken, then when recorded, then id (as text): the ids' text is made only when the rest
        /// is equal (a tuple of the three made it for every comparison).
        static func readingOrder(_ a: Wellby.Reading, _ b: Wellby.Reading) -> Bool {
            if a.takenOn != b.takenOn { return a.takenOn < b.takenOn }
            if a.recordedAt != b.recordedAt { return a.recordedAt < b.recordedAt }
            return a.id.uuidString < b.id.uuidString
        }

        static func hundredths(_ points: Decimal) -> Int {
            NSDecimalNumber(decimal: points * 100).intValue
        }
    }
}
