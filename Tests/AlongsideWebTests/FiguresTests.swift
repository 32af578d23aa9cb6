import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// The defined figures (issue 26), reconciled on seeded data: quarters add up to their year, a council's
/// figure is its Network row, wards add up to the council, a past period sees the world as it was, and
/// every page and the API give the same number for the same council and period.
@Suite("Figures: one definition each, any period, reconciled")
struct FiguresTests {
    /// A London moment: noon on `day`.
    static func at(_ day: String) -> Date { (ISODay.date(day) ?? Date()).addingTimeInterval(12 * 3_600) }

    /// Seeds a year of work in FY 2025/26 for a council with two wards (Northfield covered, Southmead
    /// not), and some in another council that must never be counted.
    struct Seeded {
        let council: Council
        let coordinator: StaffMember
        let leader: StaffMember
        let people: [Person]
    }

    static func seed(_ app: Application) async throws -> Seeded {
        let factory = Factory(app: app)
        let (council, coordinator, leader, _) = try await factory.coveredCouncil()
        let store = PeopleStore(app.db, councilID: council.id)
        var people: [Person] = []
        // Introductions spread over the year, in both wards.
        let days = [
            "2025-04-10", "2025-05-20", "2025-07-01", "2025-09-30", "2025-10-01", "2025-12-24", "2026-01-05",
            "2026-03-31",
        ]
        for (index, day) in days.enumerated() {
            var draft = IntroductionDraft()
            draft.fullName = "Person \(index)"
            draft.postcode = index % 2 == 0 ? "DE1 1AA" : "DE2 2BB"
            draft.phone = "07700 90000\(index)"
            draft.level = index % 3 == 0 ? .one : .two
            people.append(
                try await store.introduce(try draft.validated(today: Date()).get(), recordedBy: nil, at: at(day)).person
            )
        }
        // Conversations: person 0 again in Q3, person 1 in Q4; a struck-out one counts nobody.
        _ = try await store.addConversation(
            to: people[0].id, by: coordinator.id, happenedOn: "2025-11-02", minutes: 30, place: .home, whoWasThere: "",
            notes: "", at: at("2025-11-02"))
        _ = try await store.addConversation(
            to: people[1].id, by: coordinator.id, happenedOn: "2026-02-14", minutes: 30, place: .home, whoWasThere: "",
            notes: "", at: at("2026-02-14"))
        // Connections, one lasting; contributions; outcomes and crises avoided across the quarters.
        for (index, day) in ["2025-04-15", "2025-08-01", "2025-11-11", "2026-03-01"].enumerated() {
            let connection = try await store.connect(
                people[index].id, kind: .group, resourceID: nil, name: "Knit and Natter", startedOn: day, note: "",
                by: coordinator.id, at: at(day))
            if index % 2 == 0 { try await store.recordLasting(connection.id, of: people[index].id, lasting: true) }
            try await store.addContribution(
                people[index].id, kind: .volunteering, what: "Helps at the café", startedOn: day, by: coordinator.id,
                at: at(day))
            try await store.addOutcome(
                to: people[index].id, kind: .hospitalAdmission, happenedOn: day, otherwise: "An admission after a fall",
                confidence: .high,
                by: coordinator.id, at: at(day))
            try await store.addOutcome(
                to: people[index].id, kind: .intoWorkOrLearning, happenedOn: day, otherwise: "", confidence: .high,
                by: coordinator.id, at: at(day))
        }
        // Wellbeing: person 0 paired within the year; person 5 has readings but no contact in Q4.
        for (person, day, answers) in [
            (0, "2025-04-12", [2, 2, 2, 2, 2, 2, 2]), (0, "2025-11-02", [4, 4, 4, 4, 4, 4, 4]),
            (5, "2025-12-24", [3, 3, 3, 3, 3, 3, 3]), (5, "2026-01-10", [3, 3, 3, 3, 3, 3, 3]),
        ] {
            try await store.addMeasure(
                to: people[person].id, kind: .swemwbs, takenOn: day, answers: answers, declined: false,
                by: coordinator.id, at: at(day))
        }
        // Another council's work, on the same days: never counted here.
        let other = try await factory.council("elsewhere", name: "Elsewhere Council")
        var draft = IntroductionDraft()
        draft.fullName = "Not Ours"
        draft.phone = "07700 900999"
        _ = try await PeopleStore(app.db, councilID: other.id).introduce(
            try draft.validated(today: Date()).get(), recordedBy: nil, at: at("2025-05-20"))
        return Seeded(council: council, coordinator: coordinator, leader: leader, people: people)
    }

    @Test func theFourQuartersOfAYearAddUpToTheYearForEveryAdditiveFigure() async throws {
        try await withAlongside { app, clock in
            let seeded = try await Self.seed(app)
            let store = FiguresStore(app.db)
            let year = try Period.financialYear(2025)
            let whole = try await store.figures(council: seeded.council.id, period: year, now: clock.now)
            var added: [Figure: Int] = [:]
            for quarter in year.quarters {
                let figures = try await store.figures(council: seeded.council.id, period: quarter, now: clock.now)
                for figure in Figure.allCases where figure.isCount { added[figure, default: 0] += figures[figure] }
            }
            for figure in Figure.allCases where figure.isAdditive {
                #expect(whole[figure] == added[figure], "\(figure.rawValue)")
            }
            #expect(whole[.introductions] == 8)
            #expect(whole[.connections] == 4)
            #expect(whole[.connectionsLasting] == 2)
            #expect(whole[.contributions] == 4)
            #expect(whole[.avoidedCrises] == 4)
            #expect(whole[.outcomes] == 4)
            // People are counted once a period: the year has 8, the quarters 2 + 2 + 3 + 3 (person 0 in Q1
            // and Q3, person 1 in Q1 and Q4).
            #expect(whole[.peopleSupported] == 8)
            #expect(added[.peopleSupported] == 10)
            #expect(whole[.levelOneContacts] + whole[.walkedAlongside] == whole[.peopleSupported])
            #expect(whole[.levelOneContacts] == 3)
        }
    }

    @Test func aCouncilsFigureIsItsRowInTheNetworkComparisonBeforeDisclosureControl() async throws {
        try await withAlongside { app, clock in
            let seeded = try await Self.seed(app)
            try await CouncilStore(app.db).setNetworkSharing(
                true, annualInvestmentPence: 36_500_000, for: seeded.council.id)
            for period in [try Period.financialYear(2025), try Period.quarter(3, ofYearStarting: 2025)] {
                let own = try await FiguresStore(app.db).figures(
                    council: seeded.council.id, period: period, now: clock.now)
                let rows = try await NetworkStore(app.db).figures(period: period, now: clock.now)
                #expect(rows.count == 1)
                let row = try #require(rows.first)
                #expect(row.introductions == own[.introductions])
                #expect(row.supported == own[.peopleSupported])
                #expect(row.supportedByLevel[.one] == own[.levelOneContacts])
                #expect(row.connections == own[.connections])
                #expect(row.contributions == own[.contributions])
                #expect(row.avoided == own[.avoidedCrises])
                #expect(row.wellbeingPaired == own[.pairedReadings])
                #expect(row.wellbeingMeanChange == own.wellbeingChange)
                #expect(row.coordinators == own[.coordinators])
                #expect(row.wardsCovered == own[.wardsCovered])
                #expect(row.socialValue == own.socialValue)
                // £365,000 a year is £1,000 a day.
                #expect(row.investment == Decimal(period.days) * 1_000)
                #expect(own.investment == row.investment)
            }
        }
    }

    @Test func wardFiguresAddUpToTheCouncilsWithEachPersonInTheWardTheyWereInOnTheLastDay() async throws {
        try await withAlongside { app, clock in
            let seeded = try await Self.seed(app)
            let store = PeopleStore(app.db, councilID: seeded.council.id)
            // Person 0 moves from Northfield to Southmead after the year ends.
            var moved = try await store.find(seeded.people[0].id)
            moved.postcode = "DE2 2BB"
            _ = try await store.updateDetails(moved, by: seeded.coordinator.id, at: Self.at("2026-05-01"))
            let year = try Period.financialYear(2025)
            let figures = try await FiguresStore(app.db).figures(
                councils: [seeded.council.id], period: year, byWard: true, now: clock.now)
            let council = try #require(figures[.init(councilID: seeded.council.id)])
            let wards = figures.filter { $0.key.councilID == seeded.council.id && $0.key.ward != nil }
            for figure in Figure.allCases where figure.isCount && figure != .coordinators {
                #expect(wards.values.reduce(0) { $0 + $1[figure] } == council[figure], "\(figure.rawValue)")
            }
            let wardList = try await WardStore(app.db, councilID: seeded.council.id).all()
            let northfield = try #require(wardList.first { $0.name == "Northfield" })
            let southmead = try #require(wardList.first { $0.name == "Southmead" })
            // In the year, person 0 was still in Northfield (with 0, 2, 4 and 6).
            #expect(figures[.init(councilID: seeded.council.id, ward: .ward(northfield.id))]?[.peopleSupported] == 4)
            #expect(figures[.init(councilID: seeded.council.id, ward: .ward(southmead.id))]?[.peopleSupported] == 4)
            // Northfield's coordinator was named on 28 May 2026 (the factory's day): no ward was covered then.
            #expect(council[.wardsCovered] == 0)
            let q1 = try await FiguresStore(app.db).figures(
                councils: [seeded.council.id], period: Period.quarter(1, ofYearStarting: 2026), byWard: true,
                now: clock.now)
            #expect(q1[.init(councilID: seeded.council.id, ward: .ward(northfield.id))]?[.wardsCovered] == 1)
            #expect(q1[.init(councilID: seeded.council.id, ward: .ward(northfield.id))]?[.coordinators] == 1)
            #expect(q1[.init(councilID: seeded.council.id, ward: .ward(southmead.id))]?[.wardsCovered] ?? 0 == 0)
        }
    }

    @Test func aPastPeriodIsCountedAsTheWorldWasThenNotAsItIsNow() async throws {
        try await withAlongside { app, clock in
            let seeded = try await Self.seed(app)
            let people = PeopleStore(app.db, councilID: seeded.council.id)
            let year = try Period.financialYear(2025)
            let before = try await FiguresStore(app.db).figures(
                council: seeded.council.id, period: year, now: clock.now)
            let spring = try Period.quarter(1, ofYearStarting: 2026)
            let coveredThen = try await FiguresStore(app.db).figures(
                council: seeded.council.id, period: spring, now: clock.now)
            #expect(coveredThen[.wardsCovered] == 1)
            #expect(coveredThen[.coordinators] == 1)
            // Later: person 0 (Level 1) is walked alongside, and Northfield loses its coordinator on 20 July.
            _ = try await people.setLevel(
                seeded.people[0].id, to: .two, expectedVersion: nil, by: seeded.leader.id, at: Self.at("2026-06-01"))
            let northfield = try #require(
                try await WardStore(app.db, councilID: seeded.council.id).all().first { $0.name == "Northfield" })
            try await WardStore(app.db, councilID: seeded.council.id).assign(
                northfield.id, to: nil, by: seeded.leader.id, at: Self.at("2026-07-20"))
            let after = try await FiguresStore(app.db).figures(council: seeded.council.id, period: year, now: clock.now)
            #expect(after[.levelOneContacts] == before[.levelOneContacts])
            #expect(after[.walkedAlongside] == before[.walkedAlongside])
            #expect(after[.levelOneContacts] == 3)
            let springAfter = try await FiguresStore(app.db).figures(
                council: seeded.council.id, period: spring, now: clock.now)
            #expect(springAfter[.wardsCovered] == 1)
            #expect(springAfter[.coordinators] == 1)
            // Today's quarter sees today's world.
            let now = try await FiguresStore(app.db).figures(
                council: seeded.council.id, period: Period.quarter(containing: ISODay.string(clock.now)), now: clock.now
            )
            #expect(now[.wardsCovered] == 0)
            #expect(now[.coordinators] == 0)
        }
    }

    @Test func pairedReadingsCountOnlyPeopleSupportedInThePeriodAndSayWhenAPairSpansPeriods() async throws {
        try await withAlongside { app, clock in
            let seeded = try await Self.seed(app)
            let store = FiguresStore(app.db)
            // Q3: person 0 is supported (a conversation on 2 November) and paired (April to November); person 5
            // is supported (introduced 24 December) but has one reading by 31 December.
            let q3 = try await store.figures(
                council: seeded.council.id, period: Period.quarter(3, ofYearStarting: 2025), now: clock.now)
            #expect(q3[.pairedReadings] == 1)
            #expect(q3.pairsSpanningPeriods == 1)
            // 7 × 2 = raw 14 (metric 15.32) to 7 × 4 = raw 28 (metric 25.03).
            #expect(q3.wellbeingChange == Decimal(string: "9.71"))
            // Q4: person 5 has two readings by March but no contact in Q4, so is not counted; person 0 neither.
            let q4 = try await store.figures(
                council: seeded.council.id, period: Period.quarter(4, ofYearStarting: 2025), now: clock.now)
            #expect(q4[.pairedReadings] == 0)
            #expect(q4.wellbeingChange == nil)
            let changes = try await store.individualChanges(
                council: seeded.council.id, period: Period.quarter(3, ofYearStarting: 2025))
            #expect(changes[.swemwbs] == IndividualChange(improved: 1, same: 0, worsened: 0))
        }
    }

    struct Body: Decodable {
        struct Value: Decodable {
            let name: String
            let definition: String
            let value: Decimal?
            let previous: Decimal?
            let additive: Bool
        }
        struct PeriodBody: Decodable {
            let from: String
            let to: String
            let label: String
        }
        let council: String
        let period: PeriodBody
        let previousPeriod: PeriodBody
        let figures: [String: Value]
    }

    @Test func theAPIDashboardCSVQuarterlyReportAndNetworkGiveOneFigureForOnePeriod() async throws {
        try await withAlongside { app, _ in
            let seeded = try await Self.seed(app)
            try await CouncilStore(app.db).setNetworkSharing(true, annualInvestmentPence: nil, for: seeded.council.id)
            let headers = try await AttackFindingsTests.token(app, seeded.leader)
            let response = try await app.testing().sendRequest(
                .GET, "/api/v1/figures?from=2025-10-01&to=2025-12-31", headers: headers)
            #expect(response.status == .ok)
            let body = try response.content.decode(Body.self)
            #expect(body.council == "testshire")
            #expect(body.period.from == "2025-10-01")
            #expect(body.previousPeriod.from == "2025-07-01" && body.previousPeriod.to == "2025-09-30")
            #expect(Set(body.figures.keys) == Set(Figure.allCases.map(\.rawValue)))
            let supported = try #require(body.figures["people-supported"])
            #expect(supported.value == 3)
            #expect(supported.previous == 2)
            #expect(
                supported.definition == "People with a conversation or an introduction in the period, counted once.")
            #expect(body.figures["introductions"]?.additive == true)
            #expect(body.figures["sroi"]?.value == nil)
            // A named period is the same period.
            let named = try await app.testing().sendRequest(.GET, "/api/v1/figures?period=fy2025-q3", headers: headers)
            #expect(try named.content.decode(Body.self).figures["people-supported"]?.value == 3)

            let browser = Browser(app)
            try await browser.signIn(seeded.leader.email, password: testPassword)
            let dashboard = try await browser.get("/dashboard?period=fy2025-q3").body.string
            #expect(dashboard.contains("Q3 2025/26 (October 2025 to December 2025)"))
            #expect(
                dashboard.contains(
                    "<tr id=\"figure-people-supported\"><th scope=\"row\">People supported<span class=\"figure-definition\">People with a conversation or an introduction in the period, counted once.</span></th><td data-label=\"Q3 2025/26 (October 2025 to December 2025)\"><strong>3</strong></td>"
                ))
            // Any dates: each month's bar is cut to the period's days, so the bars add up to its introductions.
            let days = try await browser.get("/dashboard.csv?period=dates&from=30/9/2025&to=1/10/2025").body.string
            #expect(days.contains("\r\nintroductions,Introductions,2025-09-30,2025-10-01,2,"))
            #expect(days.contains("\r\nIntroductions by month,Sep 2025,1\r\nIntroductions by month,Oct 2025,1\r\n"))
            // Another council's ward, or nonsense, is not read as the whole council on the SROI page.
            #expect(try await browser.get("/sroi?period=fy2025-q3&scope=ward:\(UUID())").status == .unprocessableEntity)
            #expect(try await browser.get("/sroi?period=fy2025-q3&scope=zzz").status == .unprocessableEntity)
            #expect(try await browser.get("/dashboard?period[]=fy2020").status == .unprocessableEntity)
            let csv = try await browser.get("/dashboard.csv?period=fy2025-q3").body.string
            #expect(csv.contains("\r\npeople-supported,People supported,2025-10-01,2025-12-31,3,2,"))
            let quarterly = try await browser.get("/dashboard/quarterly?period=fy2025-q3")
            #expect(quarterly.status == .ok)
            #expect(
                quarterly.body.string.contains(
                    "<tr id=\"figure-people-supported\"><th scope=\"row\">People supported</th><td data-label=\"Q3 2025/26 (October 2025 to December 2025)\"><strong>3</strong></td>"
                ))
            // The SROI report for the period names the same figure, and its value is the figures' social value.
            let sroiPage = try await browser.get("/sroi?period=fy2025-q3").body.string
            #expect(
                sroiPage.contains(
                    "<div id=\"figure-people-supported\"><dt>People supported</dt><dd><strong>3</strong>"))
            #expect(sroiPage.contains("<div id=\"previous-period\"><dt>Q2 2025/26 (July 2025 to September 2025)</dt>"))
            try await CouncilStore(app.db).setNetworkSharing(
                true, annualInvestmentPence: 36_500_000, for: seeded.council.id)
            struct SROIAnswer: Decodable {
                let socialValue: Decimal
                let investmentSource: String
            }
            let sroi = try await app.testing().sendRequest(
                .GET, "/api/v1/sroi/period?period=fy2025-q3", headers: headers
            ).content.decode(SROIAnswer.self)
            let again = try await app.testing().sendRequest(
                .GET, "/api/v1/figures?period=fy2025-q3", headers: headers
            ).content.decode(Body.self)
            #expect(sroi.investmentSource == "council-setting")
            #expect(sroi.socialValue > 0)
            #expect(again.figures["social-value"]?.value == sroi.socialValue)
            // £365,000 a year for the 92 days of October to December is £92,000.
            #expect(again.figures["sroi"]?.value == SROI.round(sroi.socialValue / 92_000, 2))
            // The Network page keeps the period, and names the figure the same way.
            let network = try await browser.get("/network?period=fy2025-q3").body.string
            #expect(network.contains("People with a conversation or an introduction in the period, counted once."))
            #expect(network.contains("<option value=\"fy2025-q3\" selected>"))
        }
    }

    @Test func aBadPeriodIsRefusedWithWhatToFixAndOnlyTeamLeadersReadFigures() async throws {
        try await withAlongside { app, _ in
            let seeded = try await Self.seed(app)
            let leader = try await AttackFindingsTests.token(app, seeded.leader)
            for (query, message) in [
                ("from=2025-12-31&to=2025-10-01", "The last day must be on or after the first day."),
                ("from=2025-02-30&to=2025-10-01", "Enter the first day as day/month/year, like 1/4/2026."),
                ("from=2025-01-01", "Enter the last day as day/month/year, like 30/6/2026."),
                ("from=1900-01-01&to=1900-02-01", "Choose a period between the years 2000 and 2100."),
                ("from=2000-01-01&to=2099-01-01", "Choose a period of at most ten years."),
                ("period=fy2025-q9", "Choose one of the periods offered, or enter the first and last day."),
                ("period=fy2025-q1%0d%0a", "Choose one of the periods offered, or enter the first and last day."),
                ("period=fy99999", "Choose one of the periods offered, or enter the first and last day."),
                ("period=2026-00", "Choose one of the periods offered, or enter the first and last day."),
                (
                    "period=9999999999999999999999",
                    "Choose one of the periods offered, or enter the first and last day."
                ),
            ] {
                let response = try await app.testing().sendRequest(.GET, "/api/v1/figures?\(query)", headers: leader)
                #expect(response.status == .unprocessableEntity, "\(query)")
                struct Refusal: Decodable { let reason: String }
                let reason = try? response.content.decode(Refusal.self).reason
                #expect(reason == message, "\(query): \(response.body.string)")
            }
            let coordinator = try await AttackFindingsTests.token(app, seeded.coordinator)
            let refused = try await app.testing().sendRequest(.GET, "/api/v1/figures", headers: coordinator)
            #expect(refused.status == .forbidden)
            let browser = Browser(app)
            try await browser.signIn(seeded.coordinator.email, password: testPassword)
            #expect(try await browser.get("/dashboard/quarterly").status == .forbidden)
        }
    }
}
