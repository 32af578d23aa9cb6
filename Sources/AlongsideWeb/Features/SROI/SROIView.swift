import AlongsideCore
import Foundation

/// An SROI model and its result, in the words and figures a report shows: the headline first (the ratio,
/// present value, payback, the investment and where it came from, the period, the price year and what the
/// figures rest on), then the wellbeing line, the inputs, price years, sensitivity and break-even, every
/// row named in words.
struct SROIView: Encodable {
    struct Headline: Encodable {
        /// "£3.68 of social value for every £1 invested"; nil when there is no investment to divide by.
        let ratio: String?
        let presentValue: String
        let netPresentValue: String?
        let payback: String?
        /// The investment and where it came from, in a sentence.
        let investment: String
        /// Whether the investment was typed in (marked as such everywhere the report is shown).
        let typedIn: Bool
        /// Whether there is no investment at all: then Settings is linked.
        let noInvestment: Bool
        /// Whether the investment is the council's setting (Settings is linked as its source).
        let fromSettings: Bool
        let period: String
        let priceYear: String
        let restsOn: String
        let wellbeing: String
        let unvalued: String?
    }

    struct InputRow: Encodable {
        let index: Int
        let name: String
        let quantity: String
        var proxyValue: String
        var deadweight: String
        var displacement: String
        var attribution: String
        var durationYears: String
        var dropOff: String
        /// What is wrong with this outcome's boxes, when a recalculation was refused, and which boxes.
        var problem: String? = nil
        var wrong: [String] = []
        let source: String
        let impact: String
        let presentValue: String
    }

    struct WellbeingSection: Encodable {
        let included: Bool
        let figures: String?
        let valued: String
        /// The wellbeing line's inputs (none when it is left out or no one counts).
        let rows: [InputRow]
    }

    struct YearRow: Encodable {
        let year: Int
        let value: String
        let discountedValue: String
    }

    struct SensitivityRow: Encodable {
        let outcome: String
        let change: String
        let ratio: String
    }

    struct BreakEvenRow: Encodable {
        let outcome: String
        let assumption: String
        let current: String
        let breakEven: String
    }

    let headline: Headline
    let investmentPlain: String
    var discountRate: String
    var discountFirstYear: Bool
    var inputs: [InputRow]
    let wellbeing: WellbeingSection
    let conversions: [String]
    let prices: String
    let years: [YearRow]
    let sensitivity: [SensitivityRow]
    let breakEven: [BreakEvenRow]
    let hasResult: Bool
    let settingsPath = SitePath.settings.path
    let guidance = Wellby.guidance

    static func percent(_ share: Decimal) -> String { "\(SROI.round(share * 100, 2))" }

    static func points(_ value: Decimal) -> String { "\(SROI.round(value, 2))" }

    init(model: SROI.Model, result: SROI.Result?, basis: SROIBasis?, library: [Proxy]) {
        let wording = Wording.current
        let valued = result?.outcomes ?? []
        func row(_ index: Int, _ outcome: SROI.Outcome) -> InputRow {
            let source: String
            if outcome.isWellbeing {
                source = wording("sroi.wellby.source")
            } else {
                source =
                    library.first { $0.kind.label == outcome.name }.map {
                        wording("sroi.page.proxy-source", $0.source, $0.priceYear, $0.unit)
                    } ?? ""
            }
            let presentValue =
                index < valued.count
                ? valued[index].presentValue
                : SROI.round(SROI.presentValue(SROI.Model(investment: 1, outcomes: [outcome])), 2)
            return InputRow(
                index: index, name: outcome.name, quantity: "\(outcome.quantity)", proxyValue: "\(outcome.proxyValue)",
                deadweight: Self.percent(outcome.deadweight), displacement: Self.percent(outcome.displacement),
                attribution: Self.percent(outcome.attribution), durationYears: String(outcome.durationYears),
                dropOff: Self.percent(outcome.dropOff), source: source,
                impact: Money.text(SROI.round(outcome.impact, 2)), presentValue: Money.text(presentValue))
        }
        let rows = model.outcomes.enumerated().map { row($0.offset, $0.element) }
        inputs = rows.filter { row in !model.outcomes[row.index].isWellbeing }
        let wellbeingRow = rows.first { model.outcomes[$0.index].isWellbeing }
        investmentPlain = "\(model.investment)"
        discountRate = Self.percent(model.discountRate)
        discountFirstYear = model.discountFirstYear
        hasResult = result != nil
        let presentValue = result?.presentValue ?? SROI.round(SROI.presentValue(model), 2)
        let source = basis?.investmentSource ?? .typedIn
        let amount = Money.text(model.investment)
        let investment: String
        switch source {
        case .councilSetting(let pence, let days):
            investment = wording(
                "sroi.investment.council-setting", amount, Money.text(Decimal(pence) / 100), days,
                basis?.period.label ?? "")
        case .programmeBudget(let pence, let days, let total):
            investment =
                days == total
                ? wording("sroi.investment.programme-whole", amount)
                : wording(
                    "sroi.investment.programme-share", amount, Money.text(Decimal(pence) / 100), days, total,
                    basis?.period.label ?? "")
        case .typedIn: investment = wording("sroi.investment.typed-in", amount)
        case .none: investment = wording("sroi.investment.none")
        }
        let wellbeingText: String
        if let basis, basis.includesWellbeing {
            wellbeingText =
                basis.wellbeing.people > 0
                ? wording("sroi.headline.wellbeing-included", basis.wellbeing.people, Self.points(basis.wellbeing.net))
                : wording("sroi.headline.wellbeing-nobody")
        } else if basis == nil {
            wellbeingText = wording("sroi.headline.wellbeing-unknown")
        } else {
            wellbeingText = wording("sroi.headline.wellbeing-left-out")
        }
        let library =
            (basis?.ownProxies ?? 0) > 0
            ? wording("sroi.headline.library-own", basis?.ownProxies ?? 0) : wording("sroi.headline.library-starter")
        headline = Headline(
            ratio: result.map { wording("sroi.headline.ratio", Money.text(SROI.round($0.ratio, 2))) },
            presentValue: Money.text(presentValue), netPresentValue: result.map { Money.text($0.netPresentValue) },
            payback: result?.paybackMonths.map { wording("sroi.results.months", "\($0)") },
            investment: investment, typedIn: source == .typedIn && basis != nil, noInvestment: source == .none,
            fromSettings: { if case .councilSetting = source { return true } else { return false } }(),
            period: basis?.period.label ?? wording("sroi.headline.not-kept"),
            priceYear: basis.map { wording("sroi.headline.price-year", DeflatorTable.label($0.priceYear)) }
                ?? wording("sroi.headline.not-kept"),
            restsOn: basis.map { wording("sroi.headline.rests-on", $0.outcomes, $0.avoidedCrises, library) }
                ?? wording("sroi.headline.not-kept"),
            wellbeing: wellbeingText,
            unvalued: basis.flatMap { $0.unvalued > 0 ? wording("sroi.headline.unvalued", $0.unvalued) : nil })
        let wellbyValue = basis.map { Money.text($0.wellbyValue) } ?? Money.text(Wellby.central)
        let priceYearLabel = basis.map { DeflatorTable.label($0.priceYear) } ?? DeflatorTable.label(Wellby.priceYear)
        wellbeing = WellbeingSection(
            included: basis?.includesWellbeing ?? (wellbeingRow != nil),
            figures: basis.flatMap { basis in
                basis.includesWellbeing && basis.wellbeing.people > 0
                    ? wording(
                        "sroi.wellby.figures", basis.wellbeing.people, Self.points(basis.wellbeing.gained),
                        Self.points(basis.wellbeing.lost), Self.points(basis.wellbeing.net)) : nil
            },
            valued: wording("sroi.wellby.valued", wellbyValue, priceYearLabel), rows: wellbeingRow.map { [$0] } ?? [])
        conversions = (basis?.conversions ?? []).map { conversion in
            if let factor = conversion.factor {
                return wording(
                    "sroi.price.row", conversion.outcome, Money.text(conversion.value),
                    DeflatorTable.label(conversion.priceYear), "\(SROI.round(factor, 4))",
                    Money.text(conversion.converted))
            }
            return wording(
                "sroi.price.unconverted", conversion.outcome, Money.text(conversion.value),
                DeflatorTable.label(conversion.priceYear))
        }
        prices =
            basis.map {
                wording(
                    "sroi.price.explained", DeflatorTable.label($0.priceYear),
                    $0.deflatorSource.isEmpty ? wording("sroi.deflators.no-source") : $0.deflatorSource,
                    $0.deflatorPublished)
            } ?? wording("sroi.headline.not-kept")
        years = (result?.years ?? []).map {
            YearRow(year: $0.year, value: Money.text($0.value), discountedValue: Money.text($0.discountedValue))
        }
        sensitivity = (result?.sensitivity ?? []).map { row in
            SensitivityRow(
                outcome: row.outcome ?? wording("sroi.page.all-outcomes"),
                change: Self.words(row, model: model), ratio: "\(row.ratio)")
        }
        breakEven = (result?.breakEven ?? []).map {
            let isMoney = $0.assumption == "proxyValue"
            return BreakEvenRow(
                outcome: $0.outcome, assumption: Self.assumption($0.assumption),
                current: isMoney ? Money.text($0.current) : "\(Self.percent($0.current))%",
                breakEven: $0.breakEven.map { isMoney ? Money.text($0) : "\(Self.percent($0))%" }
                    ?? wording("sroi.page.not-reached"))
        }
    }

    /// An assumption's name in words ("deadweight", "drop-off", "value each").
    static func assumption(_ code: String) -> String {
        switch code {
        case "deadweight": return Wording.current("sroi.assumption.deadweight")
        case "displacement": return Wording.current("sroi.assumption.displacement")
        case "attribution": return Wording.current("sroi.assumption.attribution")
        case "dropOff": return Wording.current("sroi.assumption.drop-off")
        case "durationYears": return Wording.current("sroi.assumption.duration")
        case "discountRate": return Wording.current("sroi.assumption.discount-rate")
        default: return Wording.current("sroi.assumption.value-each")
        }
    }

    /// What a sensitivity row changes, in words: "discount rate 0%", "deadweight 35% (now 25%)", "drop-off
    /// doubled, to 100%", "lasting 3 years (now 2)", "a WELLBY valued low: £10,000.00".
    static func words(_ row: SROI.Sensitivity, model: SROI.Model) -> String {
        let wording = Wording.current
        let outcome = model.outcomes.first { $0.name == row.outcome }
        switch row.assumption {
        case "discountRate": return wording("sroi.sensitivity.discount-rate", percent(row.value))
        case "durationYears":
            return wording(
                "sroi.sensitivity.duration", NSDecimalNumber(decimal: row.value).intValue, outcome?.durationYears ?? 0)
        case "proxyValue" where row.change == "low":
            return wording("sroi.sensitivity.wellby-low", Money.text(row.value))
        case "proxyValue":
            return wording("sroi.sensitivity.wellby-high", Money.text(row.value))
        case "dropOff" where row.change == "doubled":
            return wording("sroi.sensitivity.drop-off-doubled", percent(row.value))
        default:
            let current: Decimal
            switch row.assumption {
            case "deadweight": current = outcome?.deadweight ?? 0
            case "displacement": current = outcome?.displacement ?? 0
            case "attribution": current = outcome?.attribution ?? 0
            default: current = outcome?.dropOff ?? 0
            }
            return wording("sroi.sensitivity.share", assumption(row.assumption), percent(row.value), percent(current))
        }
    }
}

extension SROIView {
    /// The boxes as typed, shown again when a recalculation is refused, with each outcome's problem beside
    /// it: nothing typed is lost, and the wrong box is there to correct.
    func showingTyped(_ typed: [String: String], problems: [FormError]) -> SROIView {
        var view = self
        if let rate = typed["discountRate"] { view.discountRate = rate }
        view.discountFirstYear = typed["discountFirstYear"] == "yes"
        view.inputs = inputs.map { row in
            var row = row
            let prefix = "o\(row.index)_"
            row.proxyValue = typed[prefix + "proxyValue"] ?? row.proxyValue
            row.deadweight = typed[prefix + "deadweight"] ?? row.deadweight
            row.displacement = typed[prefix + "displacement"] ?? row.displacement
            row.attribution = typed[prefix + "attribution"] ?? row.attribution
            row.durationYears = typed[prefix + "durationYears"] ?? row.durationYears
            row.dropOff = typed[prefix + "dropOff"] ?? row.dropOff
            row.problem = problems.first { $0.field.hasPrefix(prefix) }?.message
            row.wrong = problems.filter { $0.field.hasPrefix(prefix) }.map { String($0.field.dropFirst(prefix.count)) }
            return row
        }
        return view
    }
}
