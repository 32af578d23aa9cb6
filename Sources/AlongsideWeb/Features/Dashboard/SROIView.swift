import AlongsideCore
import Foundation

/// An SROI model and its result, in the words and figures a report shows.
struct SROIView: Encodable {
    struct InputRow: Encodable {
        let index: Int
        let name: String
        let quantity: String
        let proxyValue: String
        let deadweight: String
        let displacement: String
        let attribution: String
        let durationYears: Int
        let dropOff: String
        let source: String
        let impact: String
        let presentValue: String
    }

    struct YearRow: Encodable {
        let year: Int
        let value: String
        let discountedValue: String
    }

    struct SensitivityRow: Encodable {
        let outcome: String
        let assumption: String
        let change: String
        let ratio: String
    }

    struct BreakEvenRow: Encodable {
        let outcome: String
        let assumption: String
        let current: String
        let breakEven: String
    }

    let investment: String
    let investmentPlain: String
    let discountRate: String
    let discountFirstYear: Bool
    let inputs: [InputRow]
    let presentValue: String
    let netPresentValue: String
    let ratio: String
    let ratioSentence: String
    let paybackMonths: String
    let years: [YearRow]
    let sensitivity: [SensitivityRow]
    let breakEven: [BreakEvenRow]

    static func percent(_ share: Decimal) -> String { "\(SROI.round(share * 100, 2))" }

    init(model: SROI.Model, result: SROI.Result, library: [Proxy]) {
        investment = Money.text(model.investment)
        investmentPlain = "\(model.investment)"
        discountRate = Self.percent(model.discountRate)
        discountFirstYear = model.discountFirstYear
        inputs = model.outcomes.enumerated().map { index, outcome in
            let source =
                library.first { $0.kind.label == outcome.name }.map { "\($0.source) (\($0.priceYear), per \($0.unit))" }
                ?? ""
            return InputRow(
                index: index, name: outcome.name, quantity: "\(outcome.quantity)", proxyValue: "\(outcome.proxyValue)",
                deadweight: Self.percent(outcome.deadweight), displacement: Self.percent(outcome.displacement),
                attribution: Self.percent(outcome.attribution), durationYears: outcome.durationYears,
                dropOff: Self.percent(outcome.dropOff), source: source,
                impact: Money.text(result.outcomes[index].impact),
                presentValue: Money.text(result.outcomes[index].presentValue))
        }
        presentValue = Money.text(result.presentValue)
        netPresentValue = Money.text(result.netPresentValue)
        ratio = "\(result.ratio)"
        ratioSentence = Wording.current(
            "sroi.page.every-1-invested-produced-self-money", Money.text(SROI.round(result.ratio, 2)))
        paybackMonths = result.paybackMonths.map { "\($0)" } ?? "–"
        years = result.years.map {
            YearRow(year: $0.year, value: Money.text($0.value), discountedValue: Money.text($0.discountedValue))
        }
        sensitivity = result.sensitivity.map {
            SensitivityRow(
                outcome: $0.outcome ?? Wording.current("sroi.page.all-outcomes"), assumption: $0.assumption,
                change: $0.change,
                ratio: "\($0.ratio)")
        }
        breakEven = result.breakEven.map {
            let isMoney = $0.assumption == "proxyValue"
            return BreakEvenRow(
                outcome: $0.outcome, assumption: $0.assumption,
                current: isMoney ? Money.text($0.current) : "\(Self.percent($0.current))%",
                breakEven: $0.breakEven.map { isMoney ? Money.text($0) : "\(Self.percent($0))%" }
                    ?? Wording.current("sroi.page.not-reached"))
        }
    }
}
