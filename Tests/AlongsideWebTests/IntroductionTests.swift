import AlongsideCore
import AlongsideStore
import Fluent
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

@Suite("Introductions")
struct IntroductionTests {
    @Test func aResidentIntroducesThemselvesAndTheirCoordinatorSeesThemAtOnce() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            let visitor = Browser(app)
            let start = try await visitor.get("/introduce")
            #expect(start.location == "/introduce/testshire")
            let form = try await visitor.get("/introduce/testshire")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("There are no forms to qualify"))
            #expect(!form.body.string.lowercased().contains("eligib"))
            let sent = try await visitor.post(
                "/introduce/testshire",
                form: [
                    "who": "me", "fullName": "Margaret Hale", "preferredName": "Maggie", "phone": "07700 900123",
                    "postcode": "de1 1aa", "whatMatters": "I have been lonely since my husband died", "website": "",
                ])
            #expect(sent.status == .seeOther)
            #expect(sent.location == "/introduce/testshire/thank-you")
            #expect(try await visitor.get("/introduce/testshire/thank-you").body.string.contains("What happens next"))

            let store = PeopleStore(app.db, councilID: council.id)
            let caseload = try await store.caseload(of: coordinator.id)
            #expect(caseload.map(\.fullName) == ["Margaret Hale"])
            #expect(try await store.find(try #require(caseload.first).id).postcode == "DE1 1AA")
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let page = try await browser.get("/caseload").body.string
            #expect(page.contains("Margaret Hale (Maggie)"))
            #expect(page.contains("Northfield"))
        }
    }

    @Test func uncoveredAndUnknownPostcodesWaitForTheTeamLeaderWithTheReason() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let uncovered = try await factory.introduce(council, name: "Sam Uncovered", postcode: "DE2 2BB")
            let unknown = try await factory.introduce(council, name: "Una Known", postcode: "ZZ9 9ZZ")
            let none = try await factory.introduce(council, name: "No Postcode", postcode: "")
            #expect(uncovered.coordinatorID == nil)
            // Kept as codes, worded when shown (below, on the team page).
            #expect(uncovered.queueReason == "uncovered-ward")
            #expect(unknown.queueReason == "unknown-postcode")
            #expect(none.queueReason == "no-postcode")

            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)
            let team = try await browser.get("/team").body.string
            #expect(team.contains("Waiting for a coordinator (3)"))
            #expect(team.contains("The ward has no named coordinator."))
            let assigned = try await browser.post(
                "/people/\(uncovered.id)/coordinator",
                form: ["coordinator": coordinator.id.description, "next": "/team"])
            #expect(assigned.location == "/team")
            let caseload = try await PeopleStore(app.db, councilID: council.id).caseload(of: coordinator.id)
            #expect(caseload.map(\.fullName) == ["Sam Uncovered"])
            #expect(try await browser.get("/team").body.string.contains("Waiting for a coordinator (2)"))
        }
    }

    @Test func theHoneypotKeepsNothingAndFloodsAreStopped() async throws {
        try await withAlongside { app, _ in
            let (council, _, _, _) = try await Factory(app: app).coveredCouncil()
            let robot = Browser(app)
            try await robot.get("/introduce/testshire")
            let caught = try await robot.post(
                "/introduce/testshire",
                form: ["fullName": "Spam", "phone": "0123456789", "website": "http://spam.example"])
            #expect(caught.status == .seeOther)
            #expect(try await PeopleStore(app.db, councilID: council.id).search("Spam").isEmpty)
            for index in 0..<10 {
                try await robot.post(
                    "/introduce/testshire", form: ["fullName": "Person \(index)", "phone": "0123456789"])
            }
            let refused = try await robot.post(
                "/introduce/testshire", form: ["fullName": "One Too Many", "phone": "0123456789"])
            #expect(refused.status == .tooManyRequests)
            #expect(refused.body.string.contains("try again in an hour"))
        }
    }

    @Test func mistakesAreExplainedAndWhatWasTypedIsKept() async throws {
        try await withAlongside { app, _ in
            try await Factory(app: app).coveredCouncil()
            let visitor = Browser(app)
            try await visitor.get("/introduce/testshire")
            let response = try await visitor.post(
                "/introduce/testshire",
                form: [
                    "who": "someone-else", "source": "neighbour-or-community", "fullName": "Margaret Hale",
                    "phone": "07700 900123", "postcode": "not a postcode", "whatMatters": "She never goes out",
                ])
            #expect(response.status == .unprocessableEntity)
            let page = response.body.string
            #expect(page.contains("Enter a full postcode"))
            #expect(page.contains("Enter your name."))
            #expect(page.contains("Please check the person knows"))
            #expect(page.contains("value=\"Margaret Hale\""))
            #expect(page.contains("She never goes out</textarea>"))
            #expect(page.contains("<title>Error: Introduce"))
        }
    }

    @Test func staffRecordAnIntroductionAndAQuickLevelOneContact() async throws {
        try await withAlongside { app, _ in
            let (council, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            try await browser.get("/people/new")
            let created = try await browser.post(
                "/people",
                form: [
                    "level": "2", "source": "gp-or-health", "introducerName": "Dr Patel", "fullName": "Tom Baker",
                    "address": "2 Mill Lane", "postcode": "DE2 2BB", "categories[]": "older-person",
                ])
            #expect(created.status == .seeOther)
            let record = try await browser.get(try #require(created.location)).body.string
            #expect(record.contains("Introduction recorded."))
            #expect(record.contains("GP or health (Dr Patel)"))
            #expect(record.contains("Older person"))

            try await browser.get("/people/new?level=1")
            let quick = try await browser.post(
                "/people",
                form: [
                    "level": "1", "fullName": "Library visitor", "ownWords": "Bus passes",
                    "whatMatters": "Gave the community transport number",
                ])
            #expect(quick.status == .seeOther)
            let people = try await PeopleStore(app.db, councilID: council.id).search("Library")
            #expect(people.first?.level == .one)
            let conversations = try await PeopleStore(app.db, councilID: council.id).conversations(
                of: try #require(people.first).id)
            #expect(conversations.first?.shared == "Gave the community transport number")
        }
    }
}
