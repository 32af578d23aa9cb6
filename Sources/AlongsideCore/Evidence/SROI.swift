import Foundation

/// Social return on investment, as the Cabinet Office *Guide to Social Return on Investment* (2012)
/// sets it out, in exact decimal arithmetic; rounding happens only for display.
///
/// For each outcome: impact in year 1 = quantity × proxy value × (1 − deadweight) × (1 − displacement)
/// × (1 − attribution); in year t of its duration the value is that impact × (1 − drop-off)^(t − 1).
/// Present value = Σ_t (sum of values in year t) / (1 + r)^t (or from year 2 when the first year is not
/// discounted). NPV = PV − investment; ratio = PV / investment; net ratio = NPV / investment;
/// payback in months = investment / (year-1 value / 12).
public enum SROI {
    public struct Outcome: Codable, Sendable, Equatable {
        public var name: String
        public var quantity: Decimal
        public var proxyValue: Decimal
        public var deadweight: Decimal
        public var displacement: Decimal
        public var attribution: Decimal
        public var durationYears: Int
        public var dropOff: Decimal
        /// True for the wellbeing line (`Wellby`): its quantity is the net change in WELLBYs, which may be
        /// below zero when more life satisfaction was lost than gained. Absent for every other outcome.
        public var wellbeing: Bool?

        public init(
            name: String, quantity: Decimal, proxyValue: Decimal, deadweight: Decimal = 0, displacement: Decimal = 0,
            attribution: Decimal = 0, durationYears: Int = 1, dropOff: Decimal = 0, wellbeing: Bool? = nil
        ) {
            self.name = name
            self.quantity = quantity
            self.proxyValue = proxyValue
            self.deadweight = deadweight
            self.displacement = displacement
            self.attribution = attribution
            self.durationYears = durationYears
            self.dropOff = dropOff
            self.wellbeing = wellbeing
        }

        /// Whether this is the wellbeing line.
        public var isWellbeing: Bool { wellbeing == true }

        /// Value in year 1, after deadweight, displacement and attribution.
        public var impact: Decimal {
            quantity * proxyValue * (1 - deadweight) * (1 - displacement) * (1 - attribution)
        }

        /// Value in year `year` (1-based) of its duration, or 0 after it.
        public func value(inYear year: Int) -> Decimal {
            guard year >= 1, year <= durationYears else { return 0 }
            return impact * SROI.power(1 - dropOff, year - 1)
        }
    }

    public struct Model: Codable, Sendable, Equatable {
        /// The most outcomes one model may value.
        public static let maximumOutcomes = 50
        /// The largest proxy value, quantity or investment a model may hold.
        public static let maximumAmount: Decimal = 1_000_000_000
        public var investment: Decimal
        public var discountRate: Decimal
        public var discountFirstYear: Bool
        public var outcomes: [Outcome]

        public init(
            investment: Decimal, discountRate: Decimal = Decimal(string: "0.035")!, discountFirstYear: Bool = true,
            outcomes: [Outcome]
        ) {
            self.investment = investment
            self.discountRate = discountRate
            self.discountFirstYear = discountFirstYear
            self.outcomes = outcomes
        }

        enum CodingKeys: String, CodingKey {
            case investment, discountRate, discountFirstYear, outcomes
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            investment = try container.decode(Decimal.self, forKey: .investment)
            discountRate =
                try container.decodeIfPresent(Decimal.self, forKey: .discountRate) ?? Decimal(string: "0.035")!
            discountFirstYear = try container.decodeIfPresent(Bool.self, forKey: .discountFirstYear) ?? true
            outcomes = try container.decode([Outcome].self, forKey: .outcomes)
        }

        /// Every problem with the model, each naming where it is.
        public func problems() -> [ModelProblem] {
            var problems: [ModelProblem] = []
            if investment <= 0 { problems.append(.investmentNotPositive) }
            if investment > Self.maximumAmount * 1_000 { problems.append(.investmentTooLarge) }
            if discountRate < 0 || discountRate > 1 { problems.append(.discountRateOutOfRange) }
            if outcomes.isEmpty { problems.append(.noOutcomes) }
            // Each outcome is worked out year by year and again for every sensitivity row: a bound keeps one
            // request's work small (a real model has a dozen or so).
            if outcomes.count > Self.maximumOutcomes { problems.append(.tooManyOutcomes(limit: Self.maximumOutcomes)) }
            for (index, outcome) in outcomes.enumerated() {
                func found(_ problem: OutcomeProblem) {
                    problems.append(.outcome(index: index, name: outcome.name, problem))
                }
                if outcome.quantity < 0 && !outcome.isWellbeing { found(.quantityNegative) }
                if outcome.proxyValue < 0 { found(.proxyValueNegative) }
                // Bounds far past any real model, so no figure worked out from them outgrows what can be shown.
                if outcome.proxyValue > Self.maximumAmount { found(.proxyValueTooLarge) }
                if outcome.quantity > Self.maximumAmount || outcome.quantity < -Self.maximumAmount {
                    found(.quantityTooLarge)
                }
                for (label, share) in [
                    ("deadweight", outcome.deadweight), ("displacement", outcome.displacement),
                    ("attribution", outcome.attribution), ("dropOff", outcome.dropOff),
                ] where share < 0 || share > 1 {
                    found(.shareOutOfRange(label))
                }
                if outcome.durationYears < 1 || outcome.durationYears > 50 { found(.durationOutOfRange) }
            }
            return problems
        }
    }

    public struct Year: Codable, Sendable, Equatable {
        public let year: Int
        public let value: Decimal
        public let discountedValue: Decimal
    }

    public struct OutcomeResult: Codable, Sendable, Equatable {
        public let name: String
        public let impact: Decimal
        public let presentValue: Decimal
    }

    /// The ratio when one assumption moves.
    public struct Sensitivity: Codable, Sendable, Equatable {
        public let outcome: String?
        public let assumption: String
        public let change: String
        public let value: Decimal
        public let ratio: Decimal
    }

    /// How far an assumption must move for the ratio to fall to 1:1 (nil when no value in its range does).
    public struct BreakEven: Codable, Sendable, Equatable {
        public let outcome: String
        public let assumption: String
        public let current: Decimal
        public let breakEven: Decimal?
    }

    public struct Result: Codable, Sendable, Equatable {
        public let presentValue: Decimal
        public let netPresentValue: Decimal
        public let ratio: Decimal
        public let netRatio: Decimal
        public let paybackMonths: Decimal?
        public let years: [Year]
        public let outcomes: [OutcomeResult]
        public let sensitivity: [Sensitivity]
        public let breakEven: [BreakEven]
    }

    /// A model that cannot be worked out: every problem with it.
    public struct InvalidModel: DomainProblem, Equatable {
        public let problems: [ModelProblem]

        public init(problems: [ModelProblem]) { self.problems = problems }

        public var field: String? { "model" }
        public var kind: ProblemKind { .invalid }
    }

    /// What is wrong with a model: only data; the API words it.
    public enum ModelProblem: Equatable, Sendable {
        case investmentNotPositive
        case investmentTooLarge
        case discountRateOutOfRange
        case noOutcomes
        case tooManyOutcomes(limit: Int)
        case outcome(index: Int, name: String, OutcomeProblem)
    }

    /// What is wrong with one outcome of a model.
    public enum OutcomeProblem: Equatable, Sendable {
        case quantityNegative
        case proxyValueNegative
        case proxyValueTooLarge
        case quantityTooLarge
        /// deadweight, displacement, attribution or dropOff outside 0 to 1.
        case shareOutOfRange(String)
        case durationOutOfRange
    }

    // MARK: Calculation

    static func power(_ base: Decimal, _ exponent: Int) -> Decimal {
        var result: Decimal = 1
        for _ in 0..<max(exponent, 0) { result *= base }
        return result
    }

    static func discountFactor(year: Int, model: Model) -> Decimal {
        let periods = model.discountFirstYear ? year : year - 1
        return power(1 + model.discountRate, periods)
    }

    /// Present value of the whole model, unrounded.
    public static func presentValue(_ model: Model) -> Decimal {
        let horizon = model.outcomes.map(\.durationYears).max() ?? 0
        var total: Decimal = 0
        for year in stride(from: 1, through: horizon, by: 1) {
            let value = model.outcomes.reduce(Decimal(0)) { $0 + $1.value(inYear: year) }
            total += value / discountFactor(year: year, model: model)
        }
        return total
    }

    static func presentValue(of outcome: Outcome, in model: Model) -> Decimal {
        var total: Decimal = 0
        for year in stride(from: 1, through: outcome.durationYears, by: 1) {
            total += outcome.value(inYear: year) / discountFactor(year: year, model: model)
        }
        return total
    }

    /// The whole calculation, with sensitivity and break-even, rounded for display (money to pence,
    /// ratios to 4 places, months to 2).
    public static func calculate(_ model: Model) throws(InvalidModel) -> Result {
        let problems = model.problems()
        guard problems.isEmpty else { throw InvalidModel(problems: problems) }
        let pv = presentValue(model)
        let horizon = model.outcomes.map(\.durationYears).max() ?? 0
        let years = (1...max(horizon, 1)).map { year -> Year in
            let value = model.outcomes.reduce(Decimal(0)) { $0 + $1.value(inYear: year) }
            return Year(
                year: year, value: round(value, 2),
                discountedValue: round(value / discountFactor(year: year, model: model), 2))
        }
        let firstYear = model.outcomes.reduce(Decimal(0)) { $0 + $1.value(inYear: 1) }
        let payback: Decimal? = firstYear > 0 ? round(model.investment / (firstYear / 12), 2) : nil
        return Result(
            presentValue: round(pv, 2), netPresentValue: round(pv - model.investment, 2),
            ratio: round(pv / model.investment, 4), netRatio: round((pv - model.investment) / model.investment, 4),
            paybackMonths: payback, years: years,
            outcomes: model.outcomes.map {
                OutcomeResult(
                    name: $0.name, impact: round($0.impact, 2), presentValue: round(presentValue(of: $0, in: model), 2))
            },
            sensitivity: sensitivity(model), breakEven: breakEvens(model))
    }

    static func ratio(_ model: Model) -> Decimal { presentValue(model) / model.investment }

    /// A model's yearly values worked out once, so the ratio with one outcome changed (a sensitivity row, a
    /// step of a break-even search) works out only that outcome again instead of the whole model: a
    /// council-year's report asks for a few hundred such ratios. The sums are made in the same order and
    /// with the same operations as `presentValue(_:)`, so every figure is the same to the last digit.
    struct Worked {
        let model: Model
        /// Years covered: the longest duration and one more, as a sensitivity row adds a year.
        let horizon: Int
        /// Each outcome's value in each year, `values[outcome][year - 1]`.
        let values: [[Decimal]]
        /// `discountFactor(year:model:)` for each year.
        let factors: [Decimal]

        init(_ model: Model) {
            self.model = model
            horizon = (model.outcomes.map(\.durationYears).max() ?? 0) + 1
            values = model.outcomes.map { [horizon] in Self.values(of: $0, horizon) }
            factors = (1...horizon).map { SROI.discountFactor(year: $0, model: model) }
        }

        static func values(of outcome: Outcome, _ horizon: Int) -> [Decimal] {
            (1...horizon).map { outcome.value(inYear: $0) }
        }

        /// `SROI.ratio` of the model with outcome `index` replaced by `outcome`.
        func ratio(replacing index: Int, with outcome: Outcome) -> Decimal {
            guard outcome.durationYears <= horizon else {
                var changed = model
                changed.outcomes[index] = outcome
                return SROI.ratio(changed)
            }
            var changed = values
            changed[index] = Self.values(of: outcome, horizon)
            var last = outcome.durationYears
            for (other, each) in model.outcomes.enumerated() where other != index {
                last = max(last, each.durationYears)
            }
            var total: Decimal = 0
            for year in stride(from: 1, through: last, by: 1) {
                let value = changed.reduce(Decimal(0)) { $0 + $1[year - 1] }
                total += value / factors[year - 1]
            }
            return total / model.investment
        }
    }

    static let tenPoints = Decimal(string: "0.1")!

    static func sensitivity(_ model: Model) -> [Sensitivity] {
        var rows: [Sensitivity] = []
        for rate in [Decimal(0), Decimal(string: "0.06")!] {
            var changed = model
            changed.discountRate = rate
            rows.append(
                Sensitivity(
                    outcome: nil, assumption: "discountRate", change: "\(rate * 100)%", value: rate,
                    ratio: round(ratio(changed), 4)))
        }
        let shares: [(String, WritableKeyPath<Outcome, Decimal>)] = [
            ("deadweight", \.deadweight), ("displacement", \.displacement), ("attribution", \.attribution),
            ("dropOff", \.dropOff),
        ]
        let worked = Worked(model)
        for index in model.outcomes.indices {
            let outcome = model.outcomes[index]
            for (name, path) in shares {
                for (label, delta) in [("−10 points", -tenPoints), ("+10 points", tenPoints)] {
                    let value = min(max(outcome[keyPath: path] + delta, 0), 1)
                    guard value != outcome[keyPath: path] else { continue }
                    var changed = outcome
                    changed[keyPath: path] = value
                    rows.append(
                        Sensitivity(
                            outcome: outcome.name, assumption: name, change: label, value: value,
                            ratio: round(worked.ratio(replacing: index, with: changed), 4)))
                }
            }
            // Drop-off doubled (to at most 100%), when that is not already a row above.
            let doubled = min(outcome.dropOff * 2, 1)
            if outcome.dropOff > 0, doubled != outcome.dropOff, doubled != min(outcome.dropOff + tenPoints, 1) {
                var changed = outcome
                changed.dropOff = doubled
                rows.append(
                    Sensitivity(
                        outcome: outcome.name, assumption: "dropOff", change: "doubled", value: doubled,
                        ratio: round(worked.ratio(replacing: index, with: changed), 4)))
            }
            // The wellbeing line at the guidance's low and high values of a WELLBY.
            if outcome.isWellbeing {
                for (label, bound) in [("low", Wellby.low), ("high", Wellby.high)] {
                    var changed = outcome
                    changed.proxyValue = outcome.proxyValue * bound / Wellby.central
                    rows.append(
                        Sensitivity(
                            outcome: outcome.name, assumption: "proxyValue", change: label,
                            value: round(changed.proxyValue, 2),
                            ratio: round(worked.ratio(replacing: index, with: changed), 4)))
                }
            }
            for (label, delta) in [("−1 year", -1), ("+1 year", 1)] {
                let value = outcome.durationYears + delta
                guard value >= 1 else { continue }
                var changed = outcome
                changed.durationYears = value
                rows.append(
                    Sensitivity(
                        outcome: outcome.name, assumption: "durationYears", change: label, value: Decimal(value),
                        ratio: round(worked.ratio(replacing: index, with: changed), 4)))
            }
        }
        return rows
    }

    static func breakEvens(_ model: Model) -> [BreakEven] {
        var rows: [BreakEven] = []
        let shares: [(String, WritableKeyPath<Outcome, Decimal>)] = [
            ("deadweight", \.deadweight), ("displacement", \.displacement), ("attribution", \.attribution),
        ]
        let worked = Worked(model)
        let total = presentValue(model)
        let baseRatio = ratio(model)
        for index in model.outcomes.indices {
            let outcome = model.outcomes[index]
            let own = presentValue(of: outcome, in: model)
            let others = total - own
            let needed = model.investment - others
            // The outcome's present value is proportional to (1 − share) and to its proxy value.
            for (name, path) in shares {
                let current = outcome[keyPath: path]
                var breakEven: Decimal? = nil
                if own > 0 && current < 1 {
                    let share = 1 - needed * (1 - current) / own
                    if share >= 0 && share <= 1 { breakEven = round(share, 4) }
                }
                rows.append(BreakEven(outcome: outcome.name, assumption: name, current: current, breakEven: breakEven))
            }
            var proxy: Decimal? = nil
            if own > 0 && outcome.proxyValue > 0 {
                let value = outcome.proxyValue * needed / own
                if value >= 0 { proxy = round(value, 2) }
            }
            rows.append(
                BreakEven(
                    outcome: outcome.name, assumption: "proxyValue", current: outcome.proxyValue, breakEven: proxy))
            // Drop-off lowers value monotonically: find where the ratio crosses 1 by halving.
            var dropOff: Decimal? = nil
            if outcome.durationYears > 1 {
                var low = outcome.dropOff
                var high = Decimal(1)
                var changed = outcome
                changed.dropOff = high
                if baseRatio > 1 && worked.ratio(replacing: index, with: changed) <= 1 {
                    for _ in 0..<40 {
                        let middle = (low + high) / 2
                        changed.dropOff = middle
                        if worked.ratio(replacing: index, with: changed) > 1 { low = middle } else { high = middle }
                    }
                    dropOff = round(high, 4)
                }
            }
            rows.append(
                BreakEven(outcome: outcome.name, assumption: "dropOff", current: outcome.dropOff, breakEven: dropOff))
        }
        return rows
    }

    /// Rounds half away from zero to `places` decimal places.
    public static func round(_ value: Decimal, _ places: Int) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, places, .plain)
        return output
    }
}
