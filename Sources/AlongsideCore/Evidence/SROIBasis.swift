import Foundation

/// Where a report's investment comes from.
public enum InvestmentSource: Sendable, Equatable, Codable {
    /// The council's yearly investment setting (`annualPence`) for the `days` of the period (so far, for a
    /// period under way: `Period.daysElapsed`).
    case councilSetting(annualPence: Int, days: Int)
    /// A programme's budget (`budgetPence`) for the `days` of its run the period covers, of `totalDays`.
    case programmeBudget(budgetPence: Int, days: Int, totalDays: Int)
    /// Typed in by the person building the report.
    case typedIn
    /// None: the council has no investment setting and none was typed in.
    case none

    /// A short code for exports ("council-setting", "programme-budget", "typed-in", "none").
    public var code: String {
        switch self {
        case .councilSetting: return "council-setting"
        case .programmeBudget: return "programme-budget"
        case .typedIn: return "typed-in"
        case .none: return "none"
        }
    }

    /// The investment this source gives, in pounds (nil when typed in or none).
    public func investment(for period: Period) -> Decimal? {
        switch self {
        case .councilSetting(let pence, let days): return SROI.round(Decimal(pence) / 100 * Decimal(days) / 365, 2)
        case .programmeBudget(let pence, let days, let total):
            guard total > 0 else { return nil }
            return SROI.round(Decimal(pence) / 100 * Decimal(days) / Decimal(total), 2)
        case .typedIn, .none: return nil
        }
    }

    /// The investment share of a yearly amount for a programme's run: `budget × days ÷ totalDays`, where
    /// `days` are the period's days inside the programme's run (its start to its final day).
    public static func programme(_ programme: Programme, period: Period) -> InvestmentSource {
        let total = Period.overlap(
            from: programme.startsOn, to: programme.finalDay, with: programme.startsOn,
            programme.finalDay)
        let days = Period.overlap(from: programme.startsOn, to: programme.finalDay, with: period.from, period.to)
        return .programmeBudget(budgetPence: programme.budgetPence, days: days, totalDays: total)
    }
}

extension Period {
    /// How many days `from`…`to` and `start`…`end` share (London days, both ends included).
    public static func overlap(from: String, to: String, with start: String, _ end: String) -> Int {
        let first = max(from, start)
        let last = min(to, end)
        guard first <= last, let a = ISODay.date(first), let b = ISODay.date(last) else { return 0 }
        return (ISODay.calendar.dateComponents([.day], from: a, to: b).day ?? -1) + 1
    }
}

/// A proxy value brought to the report's price year.
public struct PriceConversion: Sendable, Equatable, Codable {
    /// The outcome line it is for.
    public let outcome: String
    /// The value as the library holds it, and its price year (financial year it starts in).
    public let value: Decimal
    public let priceYear: Int
    /// The factor applied (nil when the deflator table lacks a year: then the value is used unconverted).
    public let factor: Decimal?
    /// The value used in the report, in the report's prices.
    public let converted: Decimal

    public init(outcome: String, value: Decimal, priceYear: Int, factor: Decimal?, converted: Decimal) {
        self.outcome = outcome
        self.value = value
        self.priceYear = priceYear
        self.factor = factor
        self.converted = converted
    }
}

/// What an SROI model for a period rests on: its period, investment and where it came from, the price year
/// its values are in, how many outcomes and avoided crises it counts and from which library, and the
/// wellbeing change. Kept with a saved report so the report can always say what it was built from.
public struct SROIBasis: Sendable, Equatable, Codable {
    public var period: Period
    public var investment: Decimal
    public var investmentSource: InvestmentSource
    /// The financial year all values are in (2025 for 2025/26 prices).
    public var priceYear: Int
    /// Recorded outcomes (not crises) and avoided crises with a value, counted in the model.
    public var outcomes: Int
    public var avoidedCrises: Int
    /// Recorded outcomes and crises of kinds the library has no value for, not counted.
    public var unvalued: Int
    /// How many of the library's values are the council's own (the rest are Alongside's starter set).
    public var ownProxies: Int
    /// Whether the wellbeing line is included, and the change it rests on.
    public var includesWellbeing: Bool
    public var wellbeing: Wellby.Change
    /// The value of one WELLBY in the report's prices (central), when the deflator table could convert it.
    public var wellbyValue: Decimal
    /// Each value's conversion to the report's price year.
    public var conversions: [PriceConversion]
    /// The deflator table used: its source and publication date.
    public var deflatorSource: String
    public var deflatorPublished: String
    /// For a programme report: its members counted.
    public var members: Int?

    public init(
        period: Period, investment: Decimal, investmentSource: InvestmentSource, priceYear: Int, outcomes: Int,
        avoidedCrises: Int, unvalued: Int, ownProxies: Int, includesWellbeing: Bool, wellbeing: Wellby.Change,
        wellbyValue: Decimal, conversions: [PriceConversion], deflatorSource: String, deflatorPublished: String,
        members: Int? = nil
    ) {
        self.period = period
        self.investment = investment
        self.investmentSource = investmentSource
        self.priceYear = priceYear
        self.outcomes = outcomes
        self.avoidedCrises = avoidedCrises
        self.unvalued = unvalued
        self.ownProxies = ownProxies
        self.includesWellbeing = includesWellbeing
        self.wellbeing = wellbeing
        self.wellbyValue = wellbyValue
        self.conversions = conversions
        self.deflatorSource = deflatorSource
        self.deflatorPublished = deflatorPublished
        self.members = members
    }

    /// Values the deflator table could not bring to the report's year.
    public var unconverted: [PriceConversion] { conversions.filter { $0.factor == nil } }
}

/// A period's SROI model and what it rests on, from `SROIStore.periodModel`.
public struct SROIPeriodModel: Sendable {
    /// The model. Its investment is 0 when the source is `.none`: then `SROI.presentValue` still gives the
    /// social value, but there is no ratio.
    public var model: SROI.Model
    public var basis: SROIBasis

    public init(model: SROI.Model, basis: SROIBasis) {
        self.model = model
        self.basis = basis
    }

    /// The result, when there is an investment and something to value.
    public var result: SROI.Result? { try? SROI.calculate(model) }

    /// The social value (present value, unrounded), whatever the investment.
    public var socialValue: Decimal { SROI.presentValue(model) }
}

extension ProxyLibrary {
    /// The model for outcome `counts` and a wellbeing change, every value brought to `priceYear` prices with
    /// `deflators`: the one place a period's default model is put together (the SROI page, saved reports,
    /// the API, programme reports and the Network's figures all come through `SROIStore.periodModel`).
    public static func periodModel(
        counts: [RecordedOutcome.Kind: Int], library: [Proxy], ownProxies: Int, wellbeing: Wellby.Change?,
        wellbeingName: String, period: Period, investment: Decimal, source: InvestmentSource,
        deflators: DeflatorTable, priceYear: Int, members: Int? = nil
    ) -> SROIPeriodModel {
        var outcomes: [SROI.Outcome] = []
        var conversions: [PriceConversion] = []
        var counted = 0
        var avoided = 0
        var unvalued = 0
        for proxy in library {
            guard let count = counts[proxy.kind], count > 0 else { continue }
            guard proxy.value > 0 else {
                unvalued += count
                continue
            }
            let factor = deflators.factor(from: proxy.priceYear, to: priceYear)
            let value = SROI.round(proxy.value * (factor ?? 1), 2)
            conversions.append(
                PriceConversion(
                    outcome: proxy.kind.label, value: proxy.value, priceYear: proxy.priceYear, factor: factor,
                    converted: value))
            if proxy.kind.isAvoidedEvent { avoided += count } else { counted += count }
            outcomes.append(
                SROI.Outcome(
                    name: proxy.kind.label, quantity: Decimal(count), proxyValue: value, deadweight: proxy.deadweight,
                    displacement: proxy.displacement, attribution: proxy.attribution,
                    durationYears: proxy.durationYears, dropOff: proxy.dropOff))
        }
        let wellbyFactor = deflators.factor(from: Wellby.priceYear, to: priceYear)
        let wellbyValue = SROI.round(Wellby.central * (wellbyFactor ?? 1), 2)
        if let wellbeing, wellbeing.people > 0 {
            conversions.append(
                PriceConversion(
                    outcome: wellbeingName, value: Wellby.central, priceYear: Wellby.priceYear, factor: wellbyFactor,
                    converted: wellbyValue))
            outcomes.append(Wellby.outcome(name: wellbeingName, change: wellbeing, value: wellbyValue))
        }
        let model = SROI.Model(investment: investment, outcomes: outcomes)
        return SROIPeriodModel(
            model: model,
            basis: SROIBasis(
                period: period, investment: investment, investmentSource: source, priceYear: priceYear,
                outcomes: counted, avoidedCrises: avoided, unvalued: unvalued, ownProxies: ownProxies,
                includesWellbeing: wellbeing != nil, wellbeing: wellbeing ?? .none, wellbyValue: wellbyValue,
                conversions: conversions, deflatorSource: deflators.source, deflatorPublished: deflators.published,
                members: members))
    }
}
