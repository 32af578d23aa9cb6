import AlongsideCore
import AlongsideStore
import Fluent
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

@Suite("Measures, outcomes and the dashboard")
struct EvidenceTests {
    @Test func aCoordinatorRecordsMeasuresAndADeclineIsKept() async throws {
        try await withAlongside { app, _ in
            let (_, _, _, _, browser, path, _) = try await Factory(app: app).signedInOnARecord()
            let swemwbs = try await browser.post(
                path + "/measures",
                form: [
                    "kind": "swemwbs", "takenOn": "1/7/2026", "a1": "3", "a2": "3", "a3": "3", "a4": "3", "a5": "3",
                    "a6": "3", "a7": "4",
                ])
            #expect(swemwbs.status == .seeOther)
            let incomplete = try await browser.post(
                path + "/measures", form: ["kind": "ucla3", "takenOn": "1/7/2026", "a1": "3", "a2": "", "a3": "2"])
            #expect(incomplete.status == .unprocessableEntity)
            #expect(
                incomplete.body.string.contains("Choose an answer for question 2: “How often do you feel left out?”"))
            let declined = try await browser.post(
                path + "/measures", form: ["kind": "ons4", "takenOn": "1/7/2026", "declined": "yes"])
            #expect(declined.status == .seeOther)
            let page = try await browser.get(path).body.string
            #expect(page.contains("Raw 22, metric score 19.98"))
            #expect(page.contains("Chose not to answer"))
            #expect(page.contains("© NHS Health Scotland"))
        }
    }

    @Test func anAvoidedCrisisNeedsWhatWouldHaveHappenedOtherwise() async throws {
        try await withAlongside { app, _ in
            let (council, _, _, person, browser, path, _) = try await Factory(app: app).signedInOnARecord()
            let missing = try await browser.post(
                path + "/outcomes",
                form: ["kind": "avoided-eviction", "happenedOn": "1/7/2026", "otherwise": "", "confidence": "high"])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("Say what would likely have happened otherwise"))
            let saved = try await browser.post(
                path + "/outcomes",
                form: [
                    "kind": "avoided-eviction", "happenedOn": "1/7/2026", "otherwise": "Notice to quit for arrears",
                    "confidence": "high",
                ])
            #expect(saved.status == .seeOther)
            try await browser.post(
                path + "/outcomes", form: ["kind": "joined-group", "happenedOn": "2/7/2026", "confidence": "medium"])
            let outcomes = try await PeopleStore(app.db, councilID: council.id).outcomes(of: person.id)
            #expect(Set(outcomes.map(\.kind)) == [.eviction, .joinedGroup])
        }
    }

    @Test func theDashboardCountsTheCouncilsOwnRecordsAndExportsThemAsCSV() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let maggie = try await factory.introduce(council, name: "Margaret Hale")
            try await factory.introduce(council, name: "Sam Uncovered", postcode: "DE2 2BB", phone: "01234 567890")
            let other = try await factory.council("elsewhere", name: "Elsewhere Council")
            try await factory.introduce(other, name: "Not Counted", postcode: "", phone: "01234 000000")
            let store = PeopleStore(app.db, councilID: council.id)
            try await store.addMeasure(
                to: maggie.id, kind: .swemwbs, takenOn: "2026-01-01", answers: [2, 2, 2, 2, 2, 2, 2], declined: false,
                by: coordinator.id, at: clock.now)
            try await store.addMeasure(
                to: maggie.id, kind: .swemwbs, takenOn: "2026-06-01", answers: [3, 3, 3, 3, 3, 3, 3], declined: false,
                by: coordinator.id, at: clock.now)
            try await store.addOutcome(
                to: maggie.id, kind: .aAndE, happenedOn: "2026-05-01", otherwise: "=cmd|' /C calc'!A0",
                confidence: .high,
                by: coordinator.id, at: clock.now)

            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)
            let page = try await browser.get("/dashboard?period=fy2026").body.string
            #expect(page.contains("2 people are being supported now"))
            #expect(page.contains("<svg viewBox"))
            #expect(page.contains("A&amp;E attendance avoided"))
            let csv = try await browser.get("/dashboard.csv?period=fy2026")
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            let text = csv.body.string
            #expect(text.hasPrefix("id,figure,from,to,value,previous period,definition\r\n"))
            #expect(text.contains("\r\nintroductions,Introductions,2026-04-01,2027-03-31,2,0,"))
            #expect(
                text.contains("\r\npaired-readings,People with paired wellbeing readings,2026-04-01,2027-03-31,1,0,"))
            #expect(text.contains("\r\nsection,label,value\r\n"))
            #expect(text.contains("Introductions by source,Themselves,2"))
            #expect(text.contains("Crises avoided,A&E attendance avoided,1"))
            #expect(text.contains("Wellbeing: SWEMWBS wellbeing,People paired,1"))
            #expect(text.contains("Wellbeing: SWEMWBS wellbeing,Change,+3.93"))
            #expect(!text.contains("Not Counted"))

            let coordinatorBrowser = Browser(app)
            try await coordinatorBrowser.signIn(coordinator.email, password: testPassword)
            #expect(try await coordinatorBrowser.get("/dashboard").status == .forbidden)
            #expect(try await coordinatorBrowser.get("/dashboard.csv").status == .forbidden)
        }
    }

    @Test func csvFieldsCannotRunAsSpreadsheetFormulas() {
        #expect(CSVField.escape("=SUM(A1)") == "'=SUM(A1)")
        #expect(CSVField.escape("-5") == "-5")
        #expect(CSVField.escape("a, b") == "\"a, b\"")
        #expect(CSVField.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
    }
}

@Suite("Wellbeing change by group")
struct WellbeingBreakdownTests {
    @Test func changeIsShownByWardOnlyWhereEnoughPeopleArePaired() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let store = PeopleStore(app.db, councilID: council.id)
            for (index, name) in ["Ann Able", "Bea Bold", "Cy Cole", "Di Dunn"].enumerated() {
                let person = try await factory.introduce(
                    council, name: name, postcode: index == 3 ? "DE2 2BB" : "DE1 1AA", phone: "0770090000\(index)")
                try await store.addMeasure(
                    to: person.id, kind: .swemwbs, takenOn: "2026-01-01", answers: Array(repeating: 2, count: 7),
                    declined: false, by: coordinator.id, at: clock.now)
                try await store.addMeasure(
                    to: person.id, kind: .swemwbs, takenOn: "2026-06-01", answers: Array(repeating: 3, count: 7),
                    declined: false, by: coordinator.id, at: clock.now)
            }
            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)
            let csv = try await browser.get("/dashboard.csv?period=fy2026").body.string
            // Raw 14 → 15.32 and raw 21 → 19.25: a change of +3.93 for each of the three in Northfield.
            #expect(csv.contains("Wellbeing change by ward: Northfield,SWEMWBS paired,3"))
            #expect(csv.contains("Wellbeing change by ward: Northfield,SWEMWBS mean change,+3.93"))
            #expect(csv.contains("Wellbeing change by ward: Southmead,SWEMWBS mean change,too few to say"))
            #expect(csv.contains("Wellbeing change by coordinator: Amara Okafor,SWEMWBS paired,3"))
            #expect(
                try await browser.get("/dashboard").body.string.contains(
                    "Wellbeing change by ward, coordinator and label"))
        }
    }
}
