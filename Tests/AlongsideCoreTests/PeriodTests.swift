import Foundation
import Testing

@testable import AlongsideCore

@Suite("Periods: quarters, financial years, months and any dates")
struct PeriodTests {
    @Test func aQuarterIsThreeMonthsOfTheFinancialYearStartingInApril() throws {
        let q2 = try Period.parse("fy2026-q2")
        #expect(q2.from == "2026-07-01" && q2.to == "2026-09-30")
        #expect(q2.key == "fy2026-q2")
        #expect(q2.label == "Q2 2026/27 (July 2026 to September 2026)")
        let q4 = try Period.quarter(4, ofYearStarting: 2025)
        #expect(q4.from == "2026-01-01" && q4.to == "2026-03-31")
        #expect(q4.previous == (try Period.quarter(3, ofYearStarting: 2025)))
        #expect((try Period.quarter(1, ofYearStarting: 2026)).previous == q4)
    }

    @Test func aYearsFourQuartersCoverItDayForDay() throws {
        let year = try Period.parse("fy2024")
        #expect(year.from == "2024-04-01" && year.to == "2025-03-31")
        #expect(year.label == "2024/25 (April 2024 to March 2025)")
        let quarters = year.quarters
        #expect(quarters.count == 4)
        #expect(quarters.first?.from == year.from && quarters.last?.to == year.to)
        #expect(quarters.map(\.days).reduce(0, +) == year.days)
        #expect(year.days == 365)
        #expect((try Period.financialYear(2023)).days == 366)  // it holds 29 February 2024
    }

    @Test func aMonthAndAnyDatesHaveTheirOwnPreviousPeriod() throws {
        let february = try Period.parse("2028-02")
        #expect(february.to == "2028-02-29")
        #expect(february.previous.key == "2028-01")
        #expect((try Period.parse("2026-01")).previous.key == "2025-12")
        let dates = try Period.dates(from: "2026-01-05", to: "2026-02-10")
        #expect(dates.days == 37)
        #expect(dates.previous.to == "2026-01-04" && dates.previous.days == 37)
        #expect(dates.query == "period=dates&from=2026-01-05&to=2026-02-10")
        #expect(
            try Period.chosen(key: "dates", from: "2026-01-05", to: "2026-02-10", fallback: february) == dates)
        #expect(try Period.chosen(key: nil, from: nil, to: nil, fallback: february) == february)
    }

    @Test func anythingElseIsRefusedWithAReason() {
        #expect(throws: PeriodProblem.unknown) { try Period.parse("fy2026-q5") }
        #expect(throws: PeriodProblem.unknown) { try Period.parse("last-12-months") }
        #expect(throws: PeriodProblem.unknown) { try Period.parse(String(repeating: "9", count: 40)) }
        #expect(throws: PeriodProblem.yearOutOfRange) { try Period.parse("fy1999") }
        #expect(throws: PeriodProblem.unknown) { try Period.parse("2026-13") }
        #expect(throws: PeriodProblem.endsBeforeItStarts) { try Period.dates(from: "2026-02-01", to: "2026-01-31") }
        #expect(throws: PeriodProblem.fromNotADay) { try Period.dates(from: "2026-02-30", to: "2026-03-01") }
        #expect(throws: PeriodProblem.tooLong) { try Period.dates(from: "2001-01-01", to: "2026-01-01") }
        #expect(throws: PeriodProblem.toNotADay) {
            try Period.chosen(key: nil, from: "2026-01-01", to: nil, fallback: .quarter(containing: "2026-01-01"))
        }
    }

    @Test func thePickerOffersTheQuartersYearsAndMonthsBeforeToday() throws {
        let options = Period.options(today: "2027-03-31")
        #expect(options.first?.key == "fy2026-q4")
        #expect(options.filter { $0.kind == .quarter }.count == 8)
        #expect(options.filter { $0.kind == .financialYear }.map(\.key) == ["fy2026", "fy2025", "fy2024"])
        #expect(options.filter { $0.kind == .month }.first?.key == "2027-03")
        #expect(options.filter { $0.kind == .month }.count == 12)
        #expect(Period.quarter(containing: "2026-04-01").key == "fy2026-q1")
        #expect(Period.financialYear(containing: "2026-03-31").key == "fy2025")
    }

    @Test func aYearlyInvestmentIsSharedByTheDaysSoFar() throws {
        let year = try Period.financialYear(2026)
        #expect(year.share(ofAnnual: 365_000) == 365_000)
        #expect(year.share(ofAnnual: 365_000, today: "2026-04-10") == 10_000)
        #expect(year.share(ofAnnual: 365_000, today: "2026-03-10") == 0)
        #expect(year.share(ofAnnual: 365_000, today: "2028-01-01") == 365_000)
        #expect(year.label(today: "2026-06-01") == "2026/27 (April 2026 to March 2027) (so far)")
    }

    @Test func aPersonsOwnChangeIsMeaningfulAgainstTheMeasuresPublishedThreshold() {
        #expect(IndividualChange.direction(of: 300, on: .swemwbs) == 1)
        #expect(IndividualChange.direction(of: 299, on: .swemwbs) == 0)
        #expect(IndividualChange.direction(of: -300, on: .swemwbs) == -1)
        // UCLA-3 counts loneliness: a lower score is better, and any point counts.
        #expect(IndividualChange.direction(of: -100, on: .ucla3) == 1)
        #expect(IndividualChange.direction(of: 100, on: .ucla3) == -1)
        #expect(IndividualChange.direction(of: 50, on: .ons4) == 0)
    }

    @Test func theFirstPeriodsOfTheRangeHaveAPeriodBeforeThem() throws {
        #expect((try Period.parse("fy2000")).previous.from == "1999-04-01")
        #expect((try Period.parse("2000-01")).previous.key == "1999-12")
        #expect((try Period.parse("fy2000-q1")).previous.to == "2000-03-31")
    }

    @Test func aNumberIsReadWhollyOrNotAtAll() {
        #expect(Money.pounds("50k") == nil)
        #expect(Money.pounds("1,000") == 1_000)
        #expect(Money.pounds("£1,234.50") == Decimal(string: "1234.50"))
        #expect(Money.pounds("1,00") == nil)
        #expect(Money.number("1,000") == nil)
        #expect(Money.number("1000abc") == nil)
        #expect(Money.number("0x10") == nil)
        #expect(Money.number("1e308") == nil)
        #expect(Money.number("NaN") == nil)
        #expect(Money.number("3,5") == nil)
        #expect(Money.number("100.5.2") == nil)
        #expect(Money.number("-2.5") == Decimal(string: "-2.5"))
        #expect(Money.number(".5") == Decimal(string: "0.5"))
        #expect(Money.number("١٢") == nil)
    }
}
