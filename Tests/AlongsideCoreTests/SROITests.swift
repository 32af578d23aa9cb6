import Foundation
import Testing

@testable import AlongsideCore

@Suite("Social return on investment")
struct SROITests {
    func d(_ text: String) -> Decimal { Decimal(string: text)! }

    var issueModel: SROI.Model {
        SROI.Model(
            investment: 5000, discountRate: d("0.035"), discountFirstYear: true,
            outcomes: [
                .init(
                    name: "Fewer GP visits", quantity: 10, proxyValue: 1000, deadweight: d("0.1"), displacement: 0,
                    attribution: d("0.2"), durationYears: 2, dropOff: d("0.5"))
            ])
    }

    @Test func theWorkedExampleGivesTheFiguresInTheIssue() throws {
        let result = try SROI.calculate(issueModel)
        #expect(result.years.map(\.value) == [7200, 3600])
        #expect(result.presentValue == d("10317.16"))
        #expect(result.ratio == d("2.0634"))
        #expect(result.paybackMonths == d("8.33"))
        #expect(result.netPresentValue == d("5317.16"))
        #expect(result.netRatio == d("1.0634"))
        #expect(result.outcomes.first?.impact == 7200)
    }

    @Test func withoutDiscountingTheFirstYearItCountsInFull() throws {
        var model = issueModel
        model.discountFirstYear = false
        let result = try SROI.calculate(model)
        // 7200 + 3600 / 1.035 = 7200 + 3478.26…
        #expect(result.presentValue == d("10678.26"))
        #expect(result.years.map(\.discountedValue) == [7200, d("3478.26")])
    }

    @Test func aZeroRateIsASimpleSum() throws {
        var model = issueModel
        model.discountRate = 0
        #expect(try SROI.calculate(model).presentValue == 10800)
    }

    @Test func dropOffCompoundsOverSeveralYearsAndOutcomesOfDifferentLengthsAdd() throws {
        let model = SROI.Model(
            investment: 1000, discountRate: 0, discountFirstYear: true,
            outcomes: [
                .init(name: "A", quantity: 1, proxyValue: 1000, durationYears: 3, dropOff: d("0.5")),
                .init(name: "B", quantity: 2, proxyValue: 100, durationYears: 1),
            ])
        let result = try SROI.calculate(model)
        #expect(result.years.map(\.value) == [1200, 500, 250])
        #expect(result.presentValue == 1950)
        #expect(result.ratio == d("1.95"))
        #expect(result.outcomes.map(\.presentValue) == [1750, 200])
    }

    @Test func threeYearsDiscountedByHand() throws {
        // 1000 a year for 3 years at 10%, first year discounted: 909.09 + 826.45 + 751.31 = 2486.85
        let model = SROI.Model(
            investment: 1000, discountRate: d("0.1"), discountFirstYear: true,
            outcomes: [.init(name: "A", quantity: 1, proxyValue: 1000, durationYears: 3)])
        #expect(try SROI.calculate(model).presentValue == d("2486.85"))
    }

    @Test func sensitivityMovesOneAssumptionAtATime() throws {
        let result = try SROI.calculate(issueModel)
        let deadweightUp = try #require(
            result.sensitivity.first { $0.assumption == "deadweight" && $0.change == "+10 points" })
        #expect(deadweightUp.value == d("0.2"))
        #expect(deadweightUp.ratio < result.ratio)
        let longer = try #require(
            result.sensitivity.first { $0.assumption == "durationYears" && $0.change == "+1 year" })
        #expect(longer.ratio > result.ratio)
        let noDiscount = try #require(result.sensitivity.first { $0.assumption == "discountRate" && $0.value == 0 })
        #expect(noDiscount.ratio == d("2.16"))
    }

    @Test func breakEvenSaysHowFarAnAssumptionMustMove() throws {
        let result = try SROI.calculate(issueModel)
        let deadweight = try #require(result.breakEven.first { $0.assumption == "deadweight" })
        let value = try #require(deadweight.breakEven)
        var model = issueModel
        model.outcomes[0].deadweight = value
        #expect(abs(NSDecimalNumber(decimal: try SROI.calculate(model).ratio).doubleValue - 1) < 0.001)
        let proxy = try #require(result.breakEven.first { $0.assumption == "proxyValue" }?.breakEven)
        #expect(abs(NSDecimalNumber(decimal: proxy).doubleValue - 1000 / 2.0634) < 1)
    }

    /// Sensitivity and break-even work out only the changed outcome again (SROI.Worked); every figure must be
    /// what working the whole changed model out gives, to the last digit.
    @Test func sensitivityAndBreakEvenAreWhatTheWholeChangedModelGives() throws {
        var random = SeededGenerator(seed: 20_261_203)
        func share(_ most: Int) -> Decimal { Decimal(Int.random(in: 0...most, using: &random)) / 100 }
        var checkedDropOffs = 0
        for _ in 0..<40 {
            let outcomes = (0..<Int.random(in: 1...6, using: &random)).map { index in
                SROI.Outcome(
                    name: "O\(index)", quantity: Decimal(Int.random(in: 1...60, using: &random)),
                    proxyValue: Decimal(Int.random(in: 50...9_000, using: &random)), deadweight: share(60),
                    displacement: share(30), attribution: share(60),
                    durationYears: Int.random(in: 1...5, using: &random),
                    dropOff: share(80))
            }
            var model = SROI.Model(
                investment: 1, discountRate: share(8), discountFirstYear: Bool.random(using: &random),
                outcomes: outcomes)
            // A ratio between 1 and 1.5, so drop-off often has a break-even to find.
            model.investment = SROI.presentValue(model) * 100 / Decimal(Int.random(in: 101...150, using: &random))
            let result = try SROI.calculate(model)
            for row in result.sensitivity {
                var changed = model
                if let name = row.outcome, let index = model.outcomes.firstIndex(where: { $0.name == name }) {
                    switch row.assumption {
                    case "deadweight": changed.outcomes[index].deadweight = row.value
                    case "displacement": changed.outcomes[index].displacement = row.value
                    case "attribution": changed.outcomes[index].attribution = row.value
                    case "dropOff": changed.outcomes[index].dropOff = row.value
                    default: changed.outcomes[index].durationYears = NSDecimalNumber(decimal: row.value).intValue
                    }
                } else {
                    changed.discountRate = row.value
                }
                #expect(row.ratio == SROI.round(SROI.ratio(changed), 4), "\(row)")
            }
            // The drop-off break-even by halving over whole models, as it was worked before.
            for (index, outcome) in model.outcomes.enumerated() where outcome.durationYears > 1 {
                var low = outcome.dropOff
                var high = Decimal(1)
                var atHigh = model
                atHigh.outcomes[index].dropOff = high
                var expected: Decimal? = nil
                if SROI.ratio(model) > 1 && SROI.ratio(atHigh) <= 1 {
                    for _ in 0..<40 {
                        let middle = (low + high) / 2
                        var changed = model
                        changed.outcomes[index].dropOff = middle
                        if SROI.ratio(changed) > 1 { low = middle } else { high = middle }
                    }
                    expected = SROI.round(high, 4)
                    checkedDropOffs += 1
                }
                let found = result.breakEven.first { $0.outcome == outcome.name && $0.assumption == "dropOff" }
                #expect(found?.breakEven == expected)
            }
        }
        #expect(checkedDropOffs > 5)
    }

    @Test func aBadModelIsRefusedWithEveryProblem() {
        var model = issueModel
        model.investment = 0
        model.outcomes[0].deadweight = d("1.5")
        model.outcomes[0].durationYears = 0
        #expect {
            try SROI.calculate(model)
        } throws: { error in
            (error as? SROI.InvalidModel)?.problems.count == 3
        }
    }

    @Test func theModelReadsTheJSONInTheIssue() throws {
        let json = """
            {"investment": 5000, "discountRate": 0.035, "discountFirstYear": true, "outcomes": [{"name": "x", "quantity": 10, "proxyValue": 1000, "deadweight": 0.1, "displacement": 0, "attribution": 0.2, "durationYears": 2, "dropOff": 0.5}]}
            """
        let model = try JSONDecoder().decode(SROI.Model.self, from: Data(json.utf8))
        #expect(try SROI.calculate(model).presentValue == d("10317.16"))
    }
}

@Suite("Wellbeing measures")
struct MeasureTests {
    @Test func swemwbsConvertsAtItsEdges() throws {
        #expect(try SWEMWBS.score([1, 1, 1, 1, 1, 1, 1]) == .init(raw: 7, metric: 7))
        #expect(try SWEMWBS.score([5, 5, 5, 5, 5, 5, 5]) == .init(raw: 35, metric: 35))
        #expect(try SWEMWBS.score([3, 3, 3, 3, 3, 3, 3]).metric == Decimal(string: "19.25"))
        #expect(try SWEMWBS.score([4, 3, 3, 3, 3, 3, 3]).metric == Decimal(string: "19.98"))
        #expect(try SWEMWBS.score([2, 1, 1, 1, 1, 1, 1]).metric == Decimal(string: "9.51"))
        #expect(try SWEMWBS.score([5, 5, 5, 5, 5, 5, 4]).metric == Decimal(string: "32.55"))
        #expect(SWEMWBS.conversion.count == 29)
        #expect(throws: EvidenceProblem.self) { try SWEMWBS.score([0, 1, 1, 1, 1, 1, 1]) }
        #expect(throws: EvidenceProblem.self) { try SWEMWBS.score([6, 1, 1, 1, 1, 1, 1]) }
        #expect(throws: EvidenceProblem.self) { try SWEMWBS.score([1, 1, 1]) }
    }

    @Test(arguments: [
        (ONS4.Question.lifeSatisfaction, 0, ONS4.Band.low), (.lifeSatisfaction, 4, .low),
        (.lifeSatisfaction, 5, .medium),
        (.worthwhile, 6, .medium), (.worthwhile, 7, .high), (.happiness, 8, .high), (.happiness, 9, .veryHigh),
        (.happiness, 10, .veryHigh), (.anxiety, 0, .veryLow), (.anxiety, 1, .veryLow), (.anxiety, 2, .low),
        (.anxiety, 3, .low), (.anxiety, 4, .medium), (.anxiety, 5, .medium), (.anxiety, 6, .high),
        (.anxiety, 10, .high),
    ])
    func ons4BandsAtTheirEdges(question: ONS4.Question, answer: Int, band: ONS4.Band) throws {
        #expect(try ONS4.band(question, answer) == band)
    }

    @Test func ons4RefusesOutOfRangeAnswers() {
        #expect(throws: EvidenceProblem.self) { try ONS4.band(.happiness, 11) }
        #expect(throws: EvidenceProblem.self) { try ONS4.band(.anxiety, -1) }
    }

    @Test func uclaTotalsThreeToNine() throws {
        #expect(try UCLA3.total([1, 1, 1]) == 3)
        #expect(try UCLA3.total([3, 3, 3]) == 9)
        #expect(throws: EvidenceProblem.self) { try UCLA3.total([4, 1, 1]) }
        #expect(throws: EvidenceProblem.self) { try UCLA3.total([1, 1]) }
    }

    @Test func distanceTravelledPairsFirstAndLatestOnly() {
        let a = Person.ID(UUID())
        let b = Person.ID(UUID())
        let c = Person.ID(UUID())
        let t = Date(timeIntervalSince1970: 0)
        let readings: [DistanceTravelled.Reading] = [
            .init(personID: a, takenAt: t, value: 20), .init(personID: a, takenAt: t + 100, value: 22),
            .init(personID: a, takenAt: t + 200, value: 25), .init(personID: b, takenAt: t + 50, value: 15),
            .init(personID: b, takenAt: t, value: 12), .init(personID: c, takenAt: t, value: 30),
        ]
        let cohort = DistanceTravelled.cohort(readings)
        #expect(cohort.paired == 2)
        #expect(cohort.meanFirst == 16)
        #expect(cohort.meanLatest == 20)
        #expect(cohort.meanChange == 4)
        #expect(DistanceTravelled.cohort([]).paired == 0)
    }
}

@Suite("Money as shown")
struct MoneyShownTests {
    func d(_ text: String) -> Decimal { Decimal(string: text)! }

    @Test func moneyReadsAsPoundsAndPenceWithThousandsGrouped() {
        #expect(Money.text(d("0")) == "£0.00")
        #expect(Money.text(d("3.68")) == "£3.68")
        #expect(Money.text(d("1234.5")) == "£1,234.50")
        #expect(Money.text(d("10317.163")) == "£10,317.16")
        #expect(Money.text(d("999999.995")) == "£1,000,000.00")
        #expect(Money.text(d("-1234567")) == "-£1,234,567.00")
        #expect(Money.text(d("0.125")) == "£0.12")  // half to even, as the formatter did
        #expect(Money.text(d("0.135")) == "£0.14")
    }

    @Test func moneyIsWhatAnEnglishCurrencyFormatterWrote() {
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.numberStyle = .currency
        formatter.currencySymbol = "£"
        formatter.maximumFractionDigits = 2
        formatter.minimumFractionDigits = 2
        var random = SeededGenerator(seed: 368)
        for _ in 0..<2_000 {
            let pence = Int.random(in: -2_000_000_000...2_000_000_000, using: &random)
            // Not an exact half penny: the formatter rounded those through a binary double, so 1444323.995
            // came out as .99 (Money.text rounds the exact decimal half to even, .00).
            let tenths = [0, 1, 2, 3, 4, 6, 7, 8, 9].randomElement(using: &random)!
            let value = Decimal(pence) / 100 + Decimal(tenths) / 1_000
            #expect(Money.text(value) == formatter.string(from: NSDecimalNumber(decimal: value)), "\(value)")
        }
    }
}
