import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// The SROI report's money (issue 26): it starts from the council's investment for the period and says
/// where that came from, values wellbeing change in WELLBYs, brings every value to one price year, and
/// programme reports count only what happened while each member belonged. Every test runs on SQLite, and
/// on PostgreSQL when ALONGSIDE_TEST_DATABASE_URL is set.
@Suite("SROI money: investment, WELLBYs and price years")
struct SROIMoneyWebTests {
    /// A table with known indexes: £1 of 2019/20 is £1.25 of 2026/27.
    let table = DeflatorTable(indexes: [2019: 80, 2026: 100], source: "Test table", published: "June 2026")

    func auditCount(_ app: Application, _ council: Council) async throws -> Int {
        try await app.db.sql.raw(
            "SELECT COUNT(*) AS n FROM audit_entries WHERE council_id = \(bind: council.id.uuid)"
        ).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    func useTable(_ app: Application, _ council: Council, _ leader: StaffMember, _ clock: TestClock) async throws {
        try await SROIStore(app.db, councilID: council.id).saveDeflators(
            table, expectedVersion: 0, at: clock.now,
            audit: AuditEntry(
                at: clock.now, staffID: leader.id, personID: nil, action: .update, detail: .init(written: "table")))
    }

    /// Records an ONS4 reading whose first answer (life satisfaction) is `answer`.
    func ons4(
        _ app: Application, _ council: Council, _ person: Person, _ day: String, _ answer: Int, _ clock: TestClock
    )
        async throws
    {
        try await PeopleStore(app.db, councilID: council.id).addMeasure(
            to: person.id, kind: .ons4, takenOn: day, answers: [answer, 5, 5, 5], declined: false, by: nil,
            at: clock.now)
    }

    @Test func theWellbeingLineIsTheNetWELLBYsOfPeopleSupportedInThePeriodAtTheGuidancesValue() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, _, leader, _) = try await factory.coveredCouncil()
            try await useTable(app, council, leader, clock)
            // Introduced on 14 July 2026, so supported in July to September 2026.
            let rising = try await factory.introduce(council, name: "Ada Rising")
            let falling = try await factory.introduce(council, name: "Bea Falling")
            try await ons4(app, council, rising, "15/7/2026", 5, clock)
            try await ons4(app, council, rising, "24/7/2026", 8, clock)
            try await ons4(app, council, falling, "15/7/2026", 7, clock)
            try await ons4(app, council, falling, "24/7/2026", 6, clock)
            let store = SROIStore(app.db, councilID: council.id)
            let quarter = try Period.parse("fy2026-q2")

            let built = try await store.periodModel(period: quarter, investment: 10_000)
            #expect(built.basis.wellbeing == Wellby.Change(people: 2, gained: 3, lost: 1))
            #expect(built.basis.priceYear == 2026)
            let line = try #require(built.model.outcomes.first { $0.isWellbeing })
            // 2 WELLBYs at £13,000 in 2019/20 prices = £16,250 each in 2026/27 prices.
            #expect(line.quantity == 2 && line.proxyValue == 16_250)
            // 2 × 16,250 × 0.75 × 0.7, discounted once at 3.5%: £16,485.51 of social value.
            #expect(SROI.round(built.socialValue, 2) == Decimal(string: "16485.51"))

            let left = try await store.periodModel(period: quarter, investment: 10_000, includeWellbeing: false)
            #expect(left.model.outcomes.isEmpty && !left.basis.includesWellbeing)
            // The next quarter supports no one (no introduction or conversation in it): nothing to count.
            let next = try await store.periodModel(period: try Period.parse("fy2026-q3"), investment: 10_000)
            #expect(next.basis.wellbeing.people == 0)

            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)
            let page = try await browser.get("/sroi?period=fy2026-q2&investment=10000").body.string
            #expect(page.contains("2 people: 3 points of life satisfaction gained and 1 lost, 2 WELLBYs in all."))
            #expect(page.contains("one WELLBY is worth £16,250.00 (2026/27 prices)"))
            #expect(page.contains("Wellbeing guidance for appraisal: supplementary Green Book guidance (July 2021)"))
            #expect(page.contains("a WELLBY at the guidance&#39;s low value: £12,500.00 each"))
            #expect(page.contains("All values in 2026/27 prices"))
        }
    }

    @Test func aProxyInTwentyNineteenPricesIsBroughtToTheReportsYear() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            try await useTable(app, council, leader, clock)
            let person = try await factory.introduce(council, name: "Cal Moved")
            let store = SROIStore(app.db, councilID: council.id)
            var eviction = try #require(try await store.library().first { $0.kind == .eviction })
            eviction.value = 1_000
            eviction.priceYear = 2019
            try await store.save(eviction, at: clock.now)
            try await PeopleStore(app.db, councilID: council.id).addOutcome(
                to: person.id, kind: .eviction, happenedOn: "2026-07-20", otherwise: "Notice to quit",
                confidence: .high, by: coordinator.id, at: clock.now)
            let built = try await store.periodModel(period: try Period.parse("fy2026-q2"), investment: 1_000)
            let line = try #require(built.model.outcomes.first { !$0.isWellbeing })
            #expect(line.proxyValue == 1_250)
            #expect(built.basis.conversions.first?.factor == Decimal(string: "1.25"))
            // Chosen in 2019/20 prices instead, it is used as it is.
            let older = try await store.periodModel(
                period: try Period.parse("fy2026-q2"), investment: 1_000, priceYear: 2019)
            #expect(older.model.outcomes.first?.proxyValue == 1_000)

            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)
            let page = try await browser.get("/sroi?period=fy2026-q2&investment=1000").body.string
            #expect(page.contains("Eviction avoided: £1,000.00 in 2019/20 prices × 1.25 = £1,250.00"))
            #expect(page.contains("All values in 2026/27 prices"))
            // A year the table lacks is refused, not guessed.
            #expect(
                try await browser.get("/sroi?period=fy2026-q2&priceYear=2023&built=1").status == .unprocessableEntity)
        }
    }

    @Test func theInvestmentIsTheCouncilsSettingForThePeriodOrTypedInAndSaysWhich() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Dee Counted")
            for day in ["2026-06-20", "2026-07-20"] {
                for _ in 0..<10 {
                    try await PeopleStore(app.db, councilID: council.id).addOutcome(
                        to: person.id, kind: .gpAppointment, happenedOn: day, otherwise: "GP", confidence: .high,
                        by: coordinator.id, at: clock.now)
                }
            }
            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)

            // None set and none typed: said so, Settings linked, no ratio.
            let none = try await browser.get("/sroi?period=fy2026-q2").body.string
            #expect(none.contains("None: the council has no yearly investment setting and none was typed in."))
            #expect(none.contains("href=\"/settings\""))
            #expect(none.contains("There is no ratio without an investment"))
            let store = SROIStore(app.db, councilID: council.id)
            #expect(try await store.periodModel(period: try Period.parse("fy2026-q2")).basis.investmentSource == .none)

            // The setting: £365,000 a year, for the 92 days of July to September 2026.
            try await CouncilStore(app.db).setNetworkSharing(false, annualInvestmentPence: 36_500_000, for: council.id)
            let setting = try await store.periodModel(period: try Period.parse("fy2026-q2"))
            #expect(setting.model.investment == 92_000)
            #expect(setting.basis.investmentSource == .councilSetting(annualPence: 36_500_000, days: 92))
            // While the quarter is under way, the days so far (25 July: 25 days), as the figures count them.
            let soFar = try await store.periodModel(period: try Period.parse("fy2026-q2"), today: "2026-07-25")
            #expect(soFar.model.investment == 25_000)
            let page = try await browser.get("/sroi?period=fy2026-q1").body.string
            #expect(
                page.contains(
                    "£91,000.00: the council&#39;s yearly investment of £365,000.00 for the 91 days of Q1 2026/27"))
            #expect(!page.contains(">typed in<"))
            // The old from and to still choose the days.
            let dates = try await browser.get("/sroi?from=1/6/2026&to=30/6/2026").body.string
            #expect(dates.contains("for the 30 days of"))

            // Typed in: marked so on the page, the saved report, its CSV and JSON.
            let typed = try await browser.get("/sroi?period=fy2026-q2&investment=1,000").body.string
            #expect(typed.contains("£1,000.00, typed in for this report"))
            #expect(typed.contains(">typed in<"))
            #expect(typed.contains("Wellbeing change is included, but no one supported in the period"))
            // The box unticked: wellbeing left out, and the report says so.
            let without = try await browser.get("/sroi?period=fy2026-q2&investment=1000&built=1").body.string
            #expect(without.contains("Wellbeing change is left out of this report."))
            let before = try await auditCount(app, council)
            let saved = try await browser.post(
                "/sroi?period=fy2026-q2",
                form: [
                    "scope": "council", "investment": "1000", "built": "1", "wellbeing": "yes", "action": "save",
                    "title": "Q2 typed", "discountRate": "3.5", "discountFirstYear": "yes",
                ])
            #expect(saved.status == .seeOther)
            #expect(try await auditCount(app, council) == before + 1)
            let path = try #require(saved.location)
            let report = try await browser.get(path).body.string
            #expect(report.contains("£1,000.00, typed in for this report"))
            #expect(report.contains("Q2 2026/27"))
            let csv = try await browser.get(path + "/csv").body.string
            #expect(csv.contains("Report,investment source,typed in"))
            #expect(csv.contains("Report,price year,"))
            struct Export: Decodable {
                let investmentSource: String
                let investmentTypedIn: Bool
            }
            let json = try JSONDecoder().decode(
                Export.self, from: Data(try await browser.get(path + "/json").body.readableBytesView))
            #expect(json.investmentSource == "typed-in" && json.investmentTypedIn)
            let kept = try #require(try await store.reports().first?.basis)
            #expect(kept.investmentSource == .typedIn && kept.includesWellbeing)
        }
    }

    @Test func badNumbersAreRefusedWithWhatToFixAndChangeNothing() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, _, leader, _) = try await factory.coveredCouncil()
            let store = SROIStore(app.db, councilID: council.id)
            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)
            let before = try await auditCount(app, council)
            let library = try await store.library()

            let proxy = try await browser.post(
                "/sroi/proxies/avoided-eviction",
                form: [
                    "value": "7000", "unit": "eviction", "source": "Housing team", "priceYear": "1800",
                    "deadweight": "25", "displacement": "0", "attribution": "30", "durationYears": "1", "dropOff": "50",
                ])
            #expect(proxy.status == .unprocessableEntity)
            #expect(proxy.body.string.contains("enter the price year as a year from 1990 to 2027"))
            let deflators = try await browser.post(
                "/sroi/proxies/deflators",
                form: ["rows": "2019/20 80\n2020/21 eighty", "source": "HM Treasury", "published": "", "version": "0"])
            #expect(deflators.status == .unprocessableEntity)
            #expect(deflators.body.string.contains("Line 2: the index must be a number from 0.001 to 10000"))
            let negative = try await browser.get("/sroi?period=fy2026-q2&investment=-5")
            #expect(negative.status == .unprocessableEntity)
            #expect(negative.body.string.contains("Enter the investment in pounds, more than 0"))
            let huge = try await browser.post(
                "/sroi?period=fy2026-q2", form: ["investment": "1e400", "action": "save", "title": "x"])
            #expect(huge.status == .unprocessableEntity)

            #expect(try await store.library() == library)
            #expect(try await store.deflators().own == false)
            #expect(try await store.reports().isEmpty)
            #expect(try await auditCount(app, council) == before)
        }
    }

    @Test func aCouncilsDeflatorTableIsSavedWithItsAuditEntryAndTwoSavesAtOnceGetOne() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, _, leader, _) = try await factory.coveredCouncil()
            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)
            let page = try await browser.get("/sroi/proxies").body.string
            #expect(page.contains("In use: the table Alongside ships"))
            let before = try await auditCount(app, council)
            let form = [
                "rows": "2019/20 80\n2026/27 100", "source": "HM Treasury, June 2026", "published": "30 June 2026",
                "version": "0",
            ]
            #expect(try await browser.post("/sroi/proxies/deflators", form: form).status == .seeOther)
            #expect(try await auditCount(app, council) == before + 1)
            let (saved, version, own) = try await SROIStore(app.db, councilID: council.id).deflators()
            #expect(own && version == 1 && saved.indexes == [2019: 80, 2026: 100])
            let stale = try await browser.post("/sroi/proxies/deflators", form: form.merging(["rows": "2019 1"]) { $1 })
            #expect(stale.status == .conflict)
            #expect(try await SROIStore(app.db, councilID: council.id).deflators().table.indexes[2019] == 80)
            #expect(try await browser.get("/sroi/proxies").body.string.contains("In use: your council&#39;s table"))
        }
    }

    @Test func aProgrammeReportCountsOnlyWhatHappenedWhileEachMemberBelongedAndSaysSoInWords() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let programmes = ProgrammeStore(app.db, councilID: council.id)
            let programme = Programme(
                id: .init(UUID()), councilID: council.id, name: "Care Leavers Connected", funder: "DfE", purpose: "",
                cohort: "", startsOn: "2026-01-01", endsOn: "2026-12-31", extendedTo: nil, budgetPence: 100_000,
                extraCoordinators: 0)
            try await programmes.save(programme)
            let member = try await factory.introduce(council, name: "Eli Member")
            let outsider = try await factory.introduce(council, name: "Fay Outsider")
            try await programmes.join(member.id, to: programme.id, on: "2026-03-01")
            try await programmes.leave(member.id, from: programme.id, on: "2026-06-01")
            let people = PeopleStore(app.db, councilID: council.id)
            for (person, kind, day) in [
                (member, RecordedOutcome.Kind.aAndE, "2026-02-01"), (member, .eviction, "2026-04-01"),
                (member, .gpAppointment, "2026-05-15"), (member, .policeCallOut, "2026-07-01"),
                (outsider, .carePackage, "2026-04-01"),
            ] {
                try await people.addOutcome(
                    to: person.id, kind: kind, happenedOn: day, otherwise: "Would have happened", confidence: .high,
                    by: coordinator.id, at: clock.now)
            }
            let store = SROIStore(app.db, councilID: council.id)
            let whole = try Period.dates(from: "2026-01-01", to: "2026-12-31")
            let built = try await store.periodModel(period: whole, programmeID: programme.id)
            #expect(
                Set(built.model.outcomes.map(\.name)) == [
                    RecordedOutcome.Kind.eviction.label, RecordedOutcome.Kind.gpAppointment.label,
                ])
            #expect(built.basis.avoidedCrises == 2 && built.basis.members == 1)
            #expect(built.basis.investmentSource == .programmeBudget(budgetPence: 100_000, days: 365, totalDays: 365))
            #expect(built.model.investment == 1_000)
            // A period inside the run takes its share of the budget, and only its outcomes.
            let april = try await store.periodModel(period: try Period.parse("2026-04"), programmeID: programme.id)
            #expect(april.model.outcomes.map(\.name) == [RecordedOutcome.Kind.eviction.label])
            #expect(april.model.investment == SROI.round(Decimal(1_000) * 30 / 365, 2))

            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)
            let page = try await browser.get("/programmes/\(programme.id)").body.string
            #expect(page.contains("of the programme&#39;s budget for"))
            #expect(page.contains("(members: 1; outcomes: 0; crises avoided: 2)"))
            #expect(page.contains("£1,000.00: the programme&#39;s whole budget"))
            #expect(page.contains("period-picker"))
            // Another council's programme is not found.
            let other = try await factory.coveredCouncil("otherton")
            let stranger = Browser(app)
            try await stranger.signIn(other.leader.email, password: testPassword)
            #expect(try await stranger.get("/programmes/\(programme.id)").status == .notFound)
            await #expect(throws: AlongsideError.notFound(.programme)) {
                try await SROIStore(app.db, councilID: other.council.id).periodModel(
                    period: whole, programmeID: programme.id)
            }
        }
    }

    @Test func theAPIGivesThePeriodModelTheSROIPageShows() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Gil API")
            try await PeopleStore(app.db, councilID: council.id).addOutcome(
                to: person.id, kind: .eviction, happenedOn: "2026-07-20", otherwise: "Notice", confidence: .high,
                by: coordinator.id, at: clock.now)
            try await CouncilStore(app.db).setNetworkSharing(false, annualInvestmentPence: 36_500_000, for: council.id)
            let token = try await app.testing().sendRequest(
                .POST, "/api/v1/tokens", headers: ["Content-Type": "application/json"],
                body: ByteBuffer(string: #"{"email": "\#(leader.email)", "password": "\#(testPassword)"}"#))
            struct Token: Decodable { let token: String }
            let bearer = try JSONDecoder().decode(Token.self, from: Data(token.body.readableBytesView)).token
            let answer = try await app.testing().sendRequest(
                .GET, "/api/v1/sroi/period?period=fy2026-q1", headers: ["Authorization": "Bearer \(bearer)"])
            #expect(answer.status == .ok)
            struct Answer: Decodable {
                let investmentSource: String
                let model: SROI.Model
            }
            let decoded = try JSONDecoder().decode(Answer.self, from: Data(answer.body.readableBytesView))
            #expect(decoded.investmentSource == "council-setting")
            #expect(decoded.model.investment == 91_000)
            let bad = try await app.testing().sendRequest(
                .GET, "/api/v1/sroi/period?period=fy2026-q2&investment=-1",
                headers: ["Authorization": "Bearer \(bearer)"])
            #expect(bad.status == .unprocessableEntity)
        }
    }
}
