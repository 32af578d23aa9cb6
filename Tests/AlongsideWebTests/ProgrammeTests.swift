import AlongsideCore
import AlongsideStore
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
            try await PeopleStore(app.db, councilID: council.id).addOutcome(
                to: person.id, kind: .eviction, happenedOn: "2026-05-01", otherwise: "Notice to quit",
                confidence: .high,
                by: coordinator.id, at: clock.now)

            let report = try await browser.get(try #require(created.location)).body.string
            #expect(report.contains("1 person has joined; 1 supported now."))
            #expect(report.contains("extended to 31 March 2028"))
            #expect(report.contains("£480,000.00"))
            #expect(report.contains("Eviction avoided"))
            #expect(report.contains("Every £1 invested produced"))
            #expect(try await coordinatorBrowser.get("/programmes").status == .forbidden)
        }
    }
}
