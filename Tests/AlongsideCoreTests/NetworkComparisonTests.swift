import AlongsideCore
import Foundation
import Testing

@Suite("Publishing a council's figures to the Network")
struct NetworkComparisonTests {
    func council(_ name: String, supported: Int, coordinators: Int = 4) -> CouncilFigures {
        var figures = CouncilFigures(councilID: .init(UUID()), councilName: name)
        figures.coordinators = coordinators
        figures.wards = 6
        figures.wardsCovered = 5
        figures.supportedByLevel = [.one: supported / 2, .two: supported - supported / 2]
        return figures
    }

    func summary(_ comparison: NetworkComparison, _ label: String) -> [String] {
        comparison.summary.first { $0.label == label }?.figures.map(\.text) ?? []
    }

    @Test func smallCountsAreSuppressedAndOthersRoundedButStaffAndWardsAreExact() {
        var big = council("Big", supported: 123, coordinators: 3)
        big.connections = 7
        big.contributions = 0
        let comparison = NetworkComparison.publish([big])
        #expect(summary(comparison, "People supported") == ["125"])
        #expect(summary(comparison, "Connections made") == ["*"])
        #expect(summary(comparison, "Contributions") == ["0"])
        #expect(summary(comparison, "Coordinators named for a ward") == ["3"])
        #expect(summary(comparison, "Wards with a named coordinator") == ["5"])
    }

    @Test func peoplePerCoordinatorIsWorkedOutFromTheRoundedCountSoItCannotUndoTheRounding() {
        let comparison = NetworkComparison.publish([council("A", supported: 37, coordinators: 3)])
        // 37 rounds to 35; 35 / 3 = 11.7 (37 / 3 would have been 12.3 and given the true count away).
        #expect(summary(comparison, "People supported per coordinator") == ["11.7"])
        let few = NetworkComparison.publish([council("B", supported: 9, coordinators: 1)])
        #expect(summary(few, "People supported per coordinator") == ["*"])
    }

    @Test func wellbeingAndSROIOnFewerThanTenPeopleAreSuppressed() {
        var many = council("Many", supported: 100)
        many.wellbeingPaired = 10
        many.wellbeingMeanChange = Decimal(string: "3.456")!
        many.socialValue = 36_800
        many.investment = 10_000
        many.peopleWithValuedOutcomes = 12
        var few = council("Few", supported: 100)
        few.wellbeingPaired = 9
        few.wellbeingMeanChange = 5
        few.socialValue = 50_000
        few.investment = 10_000
        few.peopleWithValuedOutcomes = 9
        var silent = council("Silent", supported: 100)
        silent.socialValue = 1_000
        silent.peopleWithValuedOutcomes = 40
        let comparison = NetworkComparison.publish([many, few, silent])
        #expect(
            summary(comparison, "Mean wellbeing change (SWEMWBS)") == ["+3.46", "*", "not given"])
        #expect(
            summary(comparison, "Social return on investment") == ["£3.68", "*", "not given"])
        let suppressed = comparison.summary.flatMap(\.figures).filter(\.suppressed)
        #expect(suppressed.allSatisfy { $0.value == nil && $0.text == "*" })
    }

    @Test func aSuppressedCellInATableWithTotalsIsProtectedByASecondOne() {
        var a = council("A", supported: 100)
        a.introductionsBySource = [.selfIntroduced: 40, .gpOrHealth: 3, .housing: 20]
        var b = council("B", supported: 100)
        b.introductionsBySource = [.selfIntroduced: 30, .gpOrHealth: 25, .housing: 15]
        let table = NetworkComparison.publish([a, b]).tables.first { $0.id == "by-source" }!
        let gp = table.lines.first { $0.label == IntroductionSource.gpOrHealth.label }!
        let housing = table.lines.first { $0.label == IntroductionSource.housing.label }!
        // A's 3 GP introductions are hidden; A's total is shown, so A's smallest other cell (20) is hidden
        // too, and the GP row total is shown, so B's GP cell is hidden as well.
        #expect(gp.figures.map(\.text) == ["*", "*"])
        #expect(housing.figures[0].text == "*")
        #expect(table.totals?.figures.map(\.text) == ["65", "70"])
        // No column of the table has exactly one hidden cell while its total is shown.
        for column in 0..<2 {
            let hidden = table.lines.filter { $0.figures[column].suppressed }.count
            #expect(hidden != 1)
        }
    }

    @Test func peopleByLabelHasNoTotalsBecauseAPersonMayHaveSeveral() {
        var a = council("A", supported: 50)
        a.supportedByLabel = [.olderPerson: 30, .carer: 4]
        let table = NetworkComparison.publish([a]).tables.first { $0.id == "by-label" }!
        #expect(table.totals == nil)
        #expect(table.lines.first { $0.label == "Older person" }?.figures.map(\.text) == ["30"])
        #expect(table.lines.first { $0.label == "Carer" }?.figures.map(\.text) == ["*"])
    }
}

@Suite("The practice library keeps personal details out")
struct PracticeItemTests {
    @Test(arguments: [
        ("Ring me on 07700 900123 any time", "a phone number (07700 900123)"),
        ("Call +44 7700 900123.", "a phone number (+44 7700 900123)"),
        ("She lives at KV1 2AB near the park", "a postcode (KV1 2AB)"),
        ("Write to jo.bloggs@example.org for the pack", "an email address (jo.bloggs@example.org)"),
    ])
    func contactDetailsAreFound(text: String, described: String) {
        #expect(PersonalDetails.first(in: text)?.description == described)
    }

    @Test func ordinaryWordsAndNumbersAreNotMistakenForDetails() {
        #expect(PersonalDetails.first(in: "In 2025 we met 120 people at 3 lunch clubs, on the 2nd of June.") == nil)
        #expect(PersonalDetails.first(in: "Ward E05000123 had 14 groups start.") == nil)
    }

    @Test func anItemWithAPhoneNumberOrNoThemeIsRefusedSayingWhatToFix() {
        let problems = PracticeItem.problems(
            kind: .idea, title: "Street lunches", body: "Neighbours meet monthly; ask Jo on 07700 900123 to join.",
            themes: [], eventOn: nil, eventPlace: nil)
        #expect(problems.map(\.field) == ["themes", "body"])
        guard case .personalDetails(_, let found) = problems[1] else {
            Issue.record("\(problems[1]) does not name the details")
            return
        }
        #expect(found.contains("07700 900123"))
    }

    @Test func anEventNeedsItsDayAndPlace() {
        let problems = PracticeItem.problems(
            kind: .event, title: "Network gathering", body: "A day of sharing what works, hosted by us.",
            themes: [.evidence], eventOn: nil, eventPlace: " ")
        #expect(problems.map(\.field) == ["eventOn", "eventPlace"])
        let fine = PracticeItem.problems(
            kind: .event, title: "Network gathering", body: "A day of sharing what works, hosted by us.",
            themes: [.evidence], eventOn: "2027-03-04", eventPlace: "Online")
        #expect(fine.isEmpty)
    }
}

@Suite("Money typed in forms")
struct MoneyTests {
    @Test func poundsAreReadWithOrWithoutThePoundSignAndCommas() {
        #expect(Money.pounds("£250,000") == 250_000)
        #expect(Money.pounds(" 1,234.50 ") == Decimal(string: "1234.50"))
        #expect(Money.pounds("lots") == nil)
        #expect(Money.pounds("") == nil)
    }

    @Test func aYearlyInvestmentIsInPenceAndNonsenseIsRefused() throws {
        #expect(try Council.annualInvestmentPence(typed: "£250,000") == 25_000_000)
        #expect(try Council.annualInvestmentPence(typed: "  ") == nil)
        #expect(throws: CouncilProblem.investmentUnusable) { try Council.annualInvestmentPence(typed: "0") }
        #expect(throws: CouncilProblem.investmentUnusable) { try Council.annualInvestmentPence(typed: "lots") }
    }
}
