import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

@Suite("SROI reports from the records")
struct SROIReportTests {
    @Test func aTeamLeaderBuildsChangesSavesAndExportsAReport() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let maggie = try await factory.introduce(council, name: "Margaret Hale")
            let store = PeopleStore(app.db, councilID: council.id)
            for _ in 0..<10 {
                try await store.addOutcome(
                    to: maggie.id, kind: .gpAppointment, happenedOn: "2026-06-01", otherwise: "Would have seen the GP",
                    confidence: .high, by: coordinator.id, at: clock.now)
            }
            // Outside the period, and a life outcome with no licensed value: neither counts.
            try await store.addOutcome(
                to: maggie.id, kind: .gpAppointment, happenedOn: "2024-01-01", otherwise: "Old", confidence: .high,
                by: coordinator.id, at: clock.now)
            try await store.addOutcome(
                to: maggie.id, kind: .joinedGroup, happenedOn: "2026-06-01", otherwise: "", confidence: .high,
                by: coordinator.id, at: clock.now)

            // A deflator table with the same index for 2013/14 and 2025/26, so the GP value stays £45.
            try await SROIStore(app.db, councilID: council.id).saveDeflators(
                DeflatorTable(indexes: [2013: 100, 2025: 100], source: "Flat", published: ""), expectedVersion: 0,
                at: clock.now,
                audit: AuditEntry(
                    at: clock.now, staffID: leader.id, personID: nil, action: .update, detail: .init(written: "table")))
            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)
            // 10 × £45 × 0.75 × 1 × 0.7 = £236.25 in year 1, discounted once at 3.5%: £228.26.
            let built = try await browser.get("/sroi?from=1/1/2026&to=31/12/2026&scope=council&investment=100")
            #expect(built.status == .ok)
            let page = built.body.string
            #expect(page.contains("GP appointment avoided: 10 recorded"))
            #expect(page.contains("£236.25"))
            #expect(page.contains("£2.28 of social value for every £1 invested"))
            // The headline comes before the inputs.
            let headline = try #require(page.range(of: "headline-title"))
            let inputs = try #require(page.range(of: "id=\"inputs\""))
            #expect(headline.lowerBound < inputs.lowerBound)
            #expect(page.contains("All values in 2025/26 prices"))
            #expect(!page.contains("Joined a group"))

            let changed = try await browser.post(
                "/sroi",
                form: [
                    "from": "1/1/2026", "to": "31/12/2026", "scope": "council", "investment": "100",
                    "action": "recalculate",
                    "o0_proxyValue": "45", "o0_deadweight": "50", "o0_displacement": "0", "o0_attribution": "30",
                    "o0_durationYears": "1", "o0_dropOff": "50", "discountRate": "3.5", "discountFirstYear": "yes",
                ])
            #expect(changed.status == .ok)
            // Deadweight 50%: 10 × 45 × 0.5 × 0.7 = 157.50 → 152.17 discounted.
            #expect(changed.body.string.contains("£1.52 of social value for every £1 invested"))

            // A recalculation with boxes that are not numbers is refused on the page itself: every problem at
            // once, beside its outcome, and every box as typed.
            let refused = try await browser.post(
                "/sroi",
                form: [
                    "from": "1/1/2026", "to": "31/12/2026", "scope": "council", "investment": "100",
                    "action": "recalculate", "o0_proxyValue": "45 quid", "o0_deadweight": "50", "o0_displacement": "0",
                    "o0_attribution": "30", "o0_durationYears": "99", "o0_dropOff": "50", "discountRate": "3.5",
                ])
            #expect(refused.status == .unprocessableEntity)
            let refusedPage = refused.body.string
            #expect(
                refusedPage.contains("href=\"#o0_proxyValue\"") && refusedPage.contains("href=\"#o0_durationYears\""))
            #expect(refusedPage.contains("Enter the years as a whole number from 1 to 50"))
            #expect(
                refusedPage.contains(
                    "name=\"o0_proxyValue\" type=\"text\" inputmode=\"decimal\" class=\"input-short input-error\" value=\"45 quid\""
                ))
            #expect(
                refusedPage.contains("value=\"99\"") && refusedPage.contains("name=\"discountRate\"")
                    && refusedPage.contains("value=\"3.5\""))
            // Percentages out of 0–100 and negative values are named beside their own boxes, all at once, in the
            // page's own units; a save without a title and an investment that rounds to nothing stay on the page.
            let ranges = try await browser.post(
                "/sroi",
                form: [
                    "from": "1/1/2026", "to": "31/12/2026", "scope": "council", "investment": "100",
                    "action": "recalculate", "o0_proxyValue": "-5", "o0_deadweight": "150", "o0_dropOff": "101",
                    "discountRate": "-50",
                ])
            #expect(ranges.status == .unprocessableEntity)
            let rangesPage = ranges.body.string
            for box in ["o0_proxyValue", "o0_deadweight", "o0_dropOff", "discountRate"] {
                #expect(rangesPage.contains("href=\"#\(box)\""), "\(box) should be named")
            }
            #expect(rangesPage.contains("Enter a percentage from 0 to 100"))
            #expect(!rangesPage.contains("must be between 0 and 1"))
            #expect(rangesPage.contains("value=\"150\" aria-invalid=\"true\""))
            let untitled = try await browser.post(
                "/sroi",
                form: [
                    "from": "1/1/2026", "to": "31/12/2026", "scope": "council", "investment": "100", "action": "save",
                    "title": "  ", "o0_deadweight": "40",
                ])
            #expect(untitled.status == .unprocessableEntity)
            #expect(untitled.body.string.contains("href=\"#title\""))
            #expect(
                untitled.body.string.contains("name=\"o0_deadweight\"") && untitled.body.string.contains("value=\"40\"")
            )
            let tiny = try await browser.post(
                "/sroi",
                form: [
                    "from": "1/1/2026", "to": "31/12/2026", "scope": "council", "investment": "0.001",
                    "action": "recalculate",
                ])
            #expect(tiny.status == .unprocessableEntity)
            #expect(tiny.body.string.contains("href=\"#investment\"") && tiny.body.string.contains("id=\"inputs\""))

            let saved = try await browser.post(
                "/sroi",
                form: [
                    "from": "1/1/2026", "to": "31/12/2026", "scope": "council", "investment": "100", "action": "save",
                    "title": "GP visits 2026", "o0_deadweight": "50", "discountRate": "3.5", "discountFirstYear": "yes",
                ])
            #expect(saved.status == .seeOther)
            let reportPath = try #require(saved.location)
            let report = try await browser.get(reportPath).body.string
            #expect(report.contains("<h1>GP visits 2026</h1>"))
            #expect(report.contains("The whole council, 1 January 2026 to 31 December 2026"))
            #expect(report.contains("deadweight 60% (now 50%)"))
            let csv = try await browser.get(reportPath + "/csv").body.string
            #expect(csv.contains("Outcome: GP appointment avoided,deadweight,0.5"))
            #expect(csv.contains("Result,ratio,1.5217"))
            #expect(csv.contains("All outcomes: discount rate 0%"))
            #expect(!csv.contains("discountRate"))
            struct Export: Decodable {
                struct Result: Decodable { let ratio: Decimal }
                let result: Result
            }
            let json = try await browser.get(reportPath + "/json")
            #expect(
                try JSONDecoder().decode(Export.self, from: Data(json.body.readableBytesView)).result.ratio
                    == Decimal(string: "1.5217"))

            let coordinatorBrowser = Browser(app)
            try await coordinatorBrowser.signIn(coordinator.email, password: testPassword)
            #expect(try await coordinatorBrowser.get(reportPath).status == .forbidden)
        }
    }

    @Test func aCouncilsOwnProxyReplacesTheStarterValue() async throws {
        try await withAlongside { app, clock in
            let council = try await Factory(app: app).council()
            let store = SROIStore(app.db, councilID: council.id)
            let starter = try await store.library()
            #expect(starter.first { $0.kind == .gpAppointment }?.value == 45)
            #expect(starter.first { $0.kind == .joinedGroup }?.value == 0)
            var own = try #require(starter.first { $0.kind == .joinedGroup })
            own.value = 1_000
            own.source = "HACT Social Value Bank (licensed by the council)"
            try await store.save(own, at: clock.now)
            let library = try await store.library()
            #expect(library.first { $0.kind == .joinedGroup }?.value == 1_000)
            #expect(library.count == starter.count)
            var bad = own
            bad.deadweight = 2
            await #expect(throws: SROIProblem.self) { try await store.save(bad, at: clock.now) }

            let leader = try await Factory(app: app).staff(council, .teamLeader)
            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)
            let page = try await browser.get("/sroi/proxies").body.string
            #expect(page.contains("HACT Social Value Bank (licensed by the council)"))
            let refused = try await browser.post(
                "/sroi/proxies/avoided-eviction",
                form: [
                    "value": "7000", "unit": "eviction", "source": "", "priceYear": "2024", "deadweight": "25",
                    "displacement": "0", "attribution": "30", "durationYears": "1", "dropOff": "50",
                ])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("say where the value comes from"))
            let saved = try await browser.post(
                "/sroi/proxies/avoided-eviction",
                form: [
                    "value": "6500", "unit": "eviction", "source": "Council housing team, 2024", "priceYear": "2024",
                    "deadweight": "20", "displacement": "0", "attribution": "30", "durationYears": "1", "dropOff": "50",
                ])
            #expect(saved.status == .seeOther)
            let updated = try await store.library()
            let evictionProxy = try #require(updated.first(where: { $0.kind == RecordedOutcome.Kind.eviction }))
            #expect(evictionProxy.value == 6500)
            #expect(evictionProxy.deadweight == Decimal(string: "0.2"))
        }
    }
}
