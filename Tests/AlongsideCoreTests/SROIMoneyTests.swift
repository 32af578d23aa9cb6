import Foundation
import Testing

@testable import AlongsideCore

@Suite("SROI money: price years, WELLBYs and the period model")
struct SROIMoneyTests {
    func d(_ text: String) -> Decimal { Decimal(string: text)! }

    let table = DeflatorTable(indexes: [2019: 80, 2024: 96, 2026: 100], source: "test", published: "")

    @Test func aValueIsBroughtFromItsPriceYearToTheReportsYearByTheIndexes() {
        // £1,000 in 2019/20 prices, in 2026/27 prices: 1,000 × 100 ÷ 80.
        #expect(table.convert(1_000, from: 2019, to: 2026) == 1_250)
        #expect(table.convert(1_000, from: 2026, to: 2019) == 800)
        #expect(table.convert(1_000, from: 2026, to: 2026) == 1_000)
        // A year the table lacks is never guessed.
        #expect(table.convert(1_000, from: 2013, to: 2026) == nil)
        #expect(DeflatorTable.label(2025) == "2025/26")
        #expect(DeflatorTable.label(1999) == "1999/00")
    }

    @Test func aPastedTableIsReadByFinancialYearAndEveryBadLineIsRefused() throws {
        let rows = try DeflatorTable.parse(rows: "# HM Treasury\n2019/20 80\n2024-25,96\n\n2026 100.5\n")
        #expect(rows == [2019: 80, 2024: 96, 2026: d("100.5")])
        #expect(throws: DeflatorTable.Problem.indexOutOfRange(line: 2)) {
            try DeflatorTable.parse(rows: "2019/20 80\n2020/21 eighty")
        }
        #expect(throws: DeflatorTable.Problem.yearOutOfRange(line: 1)) { try DeflatorTable.parse(rows: "1800 50") }
        #expect(throws: DeflatorTable.Problem.repeated(line: 2)) {
            try DeflatorTable.parse(rows: "2019 80\n2019/20 81")
        }
        #expect(throws: DeflatorTable.Problem.unreadable(line: 1)) { try DeflatorTable.parse(rows: "2019/21 80") }
        #expect(throws: DeflatorTable.Problem.indexOutOfRange(line: 1)) { try DeflatorTable.parse(rows: "2019 0") }
        #expect(throws: DeflatorTable.Problem.size) { try DeflatorTable.parse(rows: "\n# nothing\n") }
    }

    @Test func theShippedTableNamesItsSourceAndIndexesByFinancialYear() {
        let shipped = DeflatorTable.load(
            shipped:
                "# source: HM Treasury, https://www.gov.uk/x\n# published: June 2026\nfinancial_year,index\n2019,81\n2024,100\n"
        )
        #expect(shipped.source == "HM Treasury, https://www.gov.uk/x")
        #expect(shipped.published == "June 2026")
        #expect(shipped.indexes == [2019: 81, 2024: 100])
        #expect(shipped.latestYear == 2024)
    }

    func reading(_ person: Person.ID, _ day: String, _ answer: Int, second: Int = 0) -> Wellby.Reading {
        Wellby.Reading(
            personID: person, takenOn: day, recordedAt: Date(timeIntervalSince1970: Double(second)), id: UUID(),
            hundredths: answer * 100)
    }

    @Test func theWellbeingChangeCountsEachChangeOnceAndFallsAgainstTheTotal() {
        let (rising, falling, single, earlier) = (
            Person.ID(UUID()), Person.ID(UUID()), Person.ID(UUID()), Person.ID(UUID())
        )
        let readings = [
            // First and latest inside the period: 5 → 8, three points.
            reading(rising, "2026-07-02", 5), reading(rising, "2026-08-01", 6), reading(rising, "2026-09-01", 8),
            // A reading before the period is the baseline: 7 → 4 inside it, three points lost (the 3 of an older
            // reading is not the baseline).
            reading(falling, "2025-01-01", 3), reading(falling, "2026-06-01", 7), reading(falling, "2026-07-20", 4),
            // One reading only, and a latest reading before the period: neither counts.
            reading(single, "2026-07-10", 9), reading(earlier, "2026-01-01", 2), reading(earlier, "2026-05-01", 9),
            // After the period's end: not read.
            reading(rising, "2026-10-02", 10),
        ]
        let change = Wellby.change(readings, from: "2026-07-01", to: "2026-09-30")
        #expect(change == Wellby.Change(people: 2, gained: 3, lost: 3))
        #expect(change.net == 0)
        // The quarters of a year add up to the year: July to September, then October to December.
        let next = Wellby.change(readings, from: "2026-10-01", to: "2026-12-31")
        #expect(next == Wellby.Change(people: 1, gained: 2, lost: 0))
        let both = Wellby.change(readings, from: "2026-07-01", to: "2026-12-31")
        #expect(both.net == change.net + next.net)
    }

    @Test func theWellbeingLineIsValuedInTheReportsPricesWithItsLowAndHighValuesAsSensitivity() throws {
        let period = try Period.quarter(2, ofYearStarting: 2026)
        let built = ProxyLibrary.periodModel(
            counts: [.eviction: 2], library: ProxyLibrary.starter, ownProxies: 0,
            wellbeing: Wellby.Change(people: 3, gained: d("2.5"), lost: d("0.5")), wellbeingName: "Wellbeing",
            period: period, investment: 10_000, source: .typedIn, deflators: table, priceYear: 2026)
        // £13,000 in 2019/20 prices is £16,250 in 2026/27 prices; two WELLBYs net.
        let line = try #require(built.model.outcomes.first { $0.isWellbeing })
        #expect(line.quantity == 2)
        #expect(line.proxyValue == 16_250)
        #expect(built.basis.wellbyValue == 16_250)
        // The starter eviction value (£7,000 in 2019 prices) is brought to 2026/27 too.
        #expect(built.model.outcomes.first { !$0.isWellbeing }?.proxyValue == 8_750)
        #expect(built.basis.avoidedCrises == 2 && built.basis.outcomes == 0)
        let result = try SROI.calculate(built.model)
        let low = try #require(result.sensitivity.first { $0.assumption == "proxyValue" && $0.change == "low" })
        let high = try #require(result.sensitivity.first { $0.assumption == "proxyValue" && $0.change == "high" })
        #expect(low.value == 12_500 && high.value == 20_000)
        #expect(low.ratio < result.ratio && result.ratio < high.ratio)

        // Left out: no line, and the basis says so.
        let without = ProxyLibrary.periodModel(
            counts: [.eviction: 2], library: ProxyLibrary.starter, ownProxies: 0, wellbeing: nil,
            wellbeingName: "Wellbeing", period: period, investment: 10_000, source: .typedIn, deflators: table,
            priceYear: 2026)
        #expect(!without.model.outcomes.contains { $0.isWellbeing })
        #expect(!without.basis.includesWellbeing)
        #expect(SROI.presentValue(without.model) < SROI.presentValue(built.model))
    }

    @Test func onlyTheWellbeingLineMayFall() {
        var model = SROI.Model(
            investment: 100,
            outcomes: [
                SROI.Outcome(name: "Wellbeing", quantity: -2, proxyValue: 13_000, wellbeing: true),
                SROI.Outcome(name: "GP", quantity: 10, proxyValue: 45),
            ])
        #expect(model.problems().isEmpty)
        model.outcomes[1].quantity = -1
        #expect(model.problems() == [.outcome(index: 1, name: "GP", .quantityNegative)])
    }

    @Test func theInvestmentForAPeriodIsTheYearlyAmountForItsDays() throws {
        let quarter = try Period.quarter(2, ofYearStarting: 2026)
        #expect(quarter.days == 92)
        // £365,000 a year for 92 days.
        #expect(InvestmentSource.councilSetting(annualPence: 36_500_000, days: 92).investment(for: quarter) == 92_000)
        let programme = Programme(
            id: .init(UUID()), councilID: .init(UUID()), name: "P", funder: "F", purpose: "", cohort: "",
            startsOn: "2026-07-01", endsOn: "2026-07-10", extendedTo: nil, budgetPence: 1_000_000,
            extraCoordinators: 0)
        let july = try Period.month(7, 2026)
        #expect(
            InvestmentSource.programme(programme, period: july)
                == .programmeBudget(budgetPence: 1_000_000, days: 10, totalDays: 10))
        #expect(
            InvestmentSource.programme(programme, period: try Period.dates(from: "2026-07-06", to: "2026-08-01"))
                .investment(for: july) == 5_000)
    }
}
