import AlongsideCore
import AlongsideStore
import Fluent
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

@Suite("Programmes")
struct ProgrammeTests {
    @Test func aProgrammeIsSetUpPeopleJoinAndItsReportShowsTheirReach() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Jordan Lee")
            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)
            try await browser.get("/programmes")
            let bad = try await browser.post(
                "/programmes",
                form: [
                    "name": "Care Leavers Connected", "funder": "", "startsOn": "1/4/2025", "endsOn": "1/4/2024",
                    "budget": "x",
                ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Enter who funds it."))
            #expect(bad.body.string.contains("The end date must be after the start date."))
            #expect(bad.body.string.contains("Enter the budget in pounds"))
            let created = try await browser.post(
                "/programmes",
                form: [
                    "name": "Care Leavers Connected", "funder": "Department for Education", "startsOn": "1/4/2025",
                    "endsOn": "31/3/2027", "extendedTo": "31/3/2028", "budget": "480,000", "extraCoordinators": "4",
                    "cohort": "Care-experienced young people",
                ])
            #expect(created.status == .seeOther)
            let programme = try #require(try await ProgrammeStore(app.db, councilID: council.id).all().first)
            #expect(programme.budgetPence == 48_000_000)
            #expect(programme.finalDay == "2028-03-31")

            let coordinatorBrowser = Browser(app)
            try await coordinatorBrowser.signIn(coordinator.email, password: testPassword)
            let record = try await coordinatorBrowser.get("/people/\(person.id)").body.string
            #expect(record.contains("Add to a programme"))
            let joined = try await coordinatorBrowser.post(
                "/people/\(person.id)/programmes", form: ["programme": programme.id.description])
            #expect(joined.status == .seeOther)
            try await coordinatorBrowser.post(
                "/people/\(person.id)/programmes", form: ["programme": programme.id.description])
            #expect(try await ProgrammeStore(app.db, councilID: council.id).members(of: programme.id).count == 1)
            // What happened while they belonged counts; what happened before they joined does not.
            try await PeopleStore(app.db, councilID: council.id).addOutcome(
                to: person.id, kind: .eviction, happenedOn: "2026-07-25", otherwise: "Notice to quit",
                confidence: .high,
                by: coordinator.id, at: clock.now)
            try await PeopleStore(app.db, councilID: council.id).addOutcome(
                to: person.id, kind: .aAndE, happenedOn: "2026-05-01", otherwise: "A fall", confidence: .high,
                by: coordinator.id, at: clock.now)

            let report = try await browser.get(try #require(created.location)).body.string
            #expect(report.contains("1 person has joined; 1 supported now."))
            #expect(report.contains("extended to 31 March 2028"))
            #expect(report.contains("£480,000.00"))
            #expect(report.contains("Eviction avoided"))
            #expect(!report.contains("A&amp;E attendance avoided"))
            #expect(report.contains("of social value for every £1 invested"))
            #expect(report.contains("of the programme&#39;s budget for"))
            #expect(try await coordinatorBrowser.get("/programmes").status == .forbidden)
        }
    }

    @Test func aMemberLeavesOnADayAndTheReportCountsOnlyWhileTheyBelonged() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Jade Taylor")
            let programmes = ProgrammeStore(app.db, councilID: council.id)
            let programme = Programme(
                id: .init(UUID()), councilID: council.id, name: "Care Leavers Connected", funder: "DfE", purpose: "",
                cohort: "", startsOn: "2026-01-01", endsOn: "2027-03-31", extendedTo: nil, budgetPence: 100_000,
                extraCoordinators: 0)
            try await programmes.save(programme)
            try await programmes.join(person.id, to: programme.id, on: "2026-03-01")
            let store = PeopleStore(app.db, councilID: council.id)
            for (kind, day) in [
                (RecordedOutcome.Kind.aAndE, "2026-02-01"), (.eviction, "2026-04-01"), (.gpAppointment, "2026-06-15"),
            ] {
                try await store.addOutcome(
                    to: person.id, kind: kind, happenedOn: day, otherwise: "Would have gone", confidence: .high,
                    by: coordinator.id,
                    at: clock.now)
            }
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let leave = "/people/\(person.id)/programmes/\(programme.id)/leave"
            let early = try await browser.post(leave, form: ["leftOn": "1/2/2026"])
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("They cannot leave before the day they joined."))
            #expect(try await browser.post(leave, form: ["leftOn": "1/6/2026"]).status == .seeOther)
            #expect(try await browser.get("/people/\(person.id)").body.string.contains("left 1 June 2026"))
            #expect(try await browser.post(leave, form: ["leftOn": "2/6/2026"]).status == .conflict)
            let report = try await programmes.report(programme.id)
            #expect(report.outcomes.map(\.kind) == [.eviction])
        }
    }

    @Test func aProgrammeIsEditedAndExtendedAfterItWasSetUpAndTwoEditsAtOnceGetOneSave() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, _, leader, _) = try await factory.coveredCouncil()
            let programmes = ProgrammeStore(app.db, councilID: council.id)
            let programme = Programme(
                id: .init(UUID()), councilID: council.id, name: "Care Leavers Connected", funder: "DfE", purpose: "",
                cohort: "", startsOn: "2025-04-01", endsOn: "2027-03-31", extendedTo: nil, budgetPence: 100_000,
                extraCoordinators: 1)
            try await programmes.save(programme)
            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)
            let path = "/programmes/\(programme.id)"
            let page = try await browser.get(path).body.string
            #expect(page.contains("Edit or extend the programme"))
            #expect(page.contains("value=\"Care Leavers Connected\""))
            let form: [String: String] = [
                "name": "Care Leavers Connected", "funder": "Department for Education", "startsOn": "1/4/2025",
                "endsOn": "31/3/2027", "extendedTo": "31/3/2028", "budget": "1000", "extraCoordinators": "2",
                "version": "0",
            ]
            let bad = try await browser.post(path, form: form.merging(["endsOn": "1/1/2020"]) { $1 })
            #expect(bad.status == .unprocessableEntity)
            #expect(try await browser.post(path, form: form).status == .seeOther)
            let saved = try await programmes.find(programme.id)
            #expect(saved.funder == "Department for Education" && saved.extendedTo == "2028-03-31")
            #expect(saved.extraCoordinators == 2)
            let stale = try await browser.post(path, form: form.merging(["funder": "Someone else"]) { $1 })
            #expect(stale.status == .conflict)
            #expect(stale.body.string.contains("Someone else saved this programme after you opened it"))
            #expect(try await programmes.find(programme.id).funder == "Department for Education")
        }
    }
}
