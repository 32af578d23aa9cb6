import AlongsideCore
import AlongsideStore
import Fluent
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

@Suite("A person's record")
struct PersonRecordTests {
    @Test func aCoordinatorRecordsAConversationAVisionStepsAndThePeopleInTheirLife() async throws {
        try await withAlongside { app, _ in
            let (council, _, _, person, browser, path, _) = try await Factory(app: app).signedInOnARecord()

            let conversation = try await browser.post(
                path + "/conversations",
                form: [
                    "happenedOn": "10/7/2026", "minutes": "45", "place": "home", "notes": "Talked about her garden.",
                ])
            #expect(conversation.status == .seeOther)
            try await browser.post(
                path + "/vision",
                form: ["vision": "To sing again and have people round for tea.", "strengths": "Gardening"])
            try await browser.post(
                path + "/steps", form: ["what": "Visit the Tuesday choir", "who": "Maggie", "dueOn": "1/8/2026"])
            try await browser.post(
                path + "/steps", form: ["what": "Ask about the allotment", "who": "Maggie", "dueOn": ""])
            for (name, kind, closeness) in [
                ("Susan", "family", "1"), ("Pat next door", "neighbour", "2"), ("St Anne's choir", "group", "3"),
            ] {
                let added = try await browser.post(
                    path + "/people", form: ["name": name, "kind": kind, "closeness": closeness])
                #expect(added.status == .seeOther)
            }

            let page = try await browser.get(path).body.string
            #expect(page.contains("Talked about her garden."))
            #expect(page.contains("To sing again and have people round for tea."))
            #expect(page.contains("Visit the Tuesday choir"))
            #expect(page.contains("by 1 August 2026"))
            #expect(page.contains("<svg"))
            #expect(page.contains("Relationship map for Margaret Hale"))
            for name in ["Susan", "Pat next door", "St Anne&#39;s choir"] {
                #expect(page.contains(">\(name)</text>"), "\(name) on the map")
            }
            #expect(page.contains("<caption>People in Margaret Hale&#39;s life</caption>"))

            let stored = try await PeopleStore(app.db, councilID: council.id).find(person.id)
            #expect(stored.nextStepDue == "2026-08-01")
            #expect(stored.lastContactAt != nil)
            let caseload = try await browser.get("/caseload").body.string
            #expect(caseload.contains("1 August 2026"))
            #expect(caseload.contains("10 July 2026"))
        }
    }

    @Test func badEntriesAreExplainedBesideTheirFormAndNothingIsLost() async throws {
        try await withAlongside { app, _ in
            let (council, _, _, person, browser, _, _) = try await Factory(app: app).signedInOnARecord()
            let response = try await browser.post(
                "/people/\(person.id)/conversations",
                form: ["happenedOn": "31/2/2026", "notes": "Long notes I must not lose"])
            #expect(response.status == .unprocessableEntity)
            let page = response.body.string
            #expect(page.contains("February has only 28 days: the day must be from 1 to 28."))
            #expect(page.contains("Long notes I must not lose</textarea>"))
            #expect(page.contains("<details class=\"form-details\" open>"))
            #expect(try await PeopleStore(app.db, councilID: council.id).conversations(of: person.id).isEmpty)
        }
    }

    @Test func eachStageChangeIsRecordedEndingNeedsAReasonAndPeopleCanComeBack() async throws {
        try await withAlongside { app, clock in
            let (council, coordinator, _, person, browser, path, _) = try await Factory(app: app).signedInOnARecord()
            for stage in ["getting-to-know", "walking-alongside", "staying-connected"] {
                clock.advance(60)
                let moved = try await browser.post(path + "/stage", form: ["stage": stage])
                #expect(moved.status == .seeOther, "\(stage)")
            }
            let noReason = try await browser.post(path + "/stage", form: ["stage": "ended", "reason": ""])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("Say why the relationship is ending."))
            clock.advance(60)
            let ended = try await browser.post(path + "/stage", form: ["stage": "ended", "reason": "goals-reached"])
            #expect(ended.status == .seeOther)
            let store = PeopleStore(app.db, councilID: council.id)
            #expect(try await store.find(person.id).stage == .ended)
            #expect(try await store.caseload(of: coordinator.id).isEmpty)
            clock.advance(60)
            let back = try await browser.post(path + "/stage", form: ["stage": "introduced"])
            #expect(back.status == .seeOther)
            let history = try await store.history(of: person.id).map(\.summary)
            #expect(history.first == "Came back: Introduced")
            #expect(history.contains("Ended: their goals were reached"))
            #expect(history.contains("Getting to know"))
            #expect(try await store.caseload(of: coordinator.id).count == 1)
        }
    }

    @Test func detailsCanBeCorrectedWithClearErrors() async throws {
        try await withAlongside { app, _ in
            let (council, coordinator, _, person, browser, _, page) = try await Factory(app: app).signedInOnARecord()
            #expect(page.contains("value=\"Margaret Hale\""))
            let bad = try await browser.post(
                "/people/\(person.id)/details",
                form: ["fullName": "Margaret Hale", "phone": "07700 900123", "email": "not-an-email"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Enter an email address like name@example.com."))
            let good = try await browser.post(
                "/people/\(person.id)/details",
                form: [
                    "fullName": "Margaret Hale", "preferredName": "Maggie", "phone": "07700 900123",
                    "dateOfBirth": "3/4/1950",
                    "household": "Lives alone with her dog", "categories[]": "older-person", "postcode": "DE1 1AA",
                ])
            #expect(good.status == .seeOther)
            let stored = try await PeopleStore(app.db, councilID: council.id).find(person.id)
            #expect(stored.preferredName == "Maggie")
            #expect(stored.dateOfBirth == "1950-04-03")
            #expect(stored.household == "Lives alone with her dog")
            #expect(stored.categories == [.olderPerson])
            #expect(stored.coordinatorID == coordinator.id)
        }
    }

    @Test func aHandoverKeepsPastCoordinators() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let ben = try await factory.staff(council, .coordinator, name: "Ben Hughes")
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)
            try await browser.get("/people/\(person.id)")
            try await browser.post("/people/\(person.id)/coordinator", form: ["coordinator": ben.id.description])
            let page = try await browser.get("/people/\(person.id)").body.string
            #expect(page.contains("Coordinator: <strong>Ben Hughes</strong>"))
            #expect(page.contains("Also walked alongside by: Amara Okafor"))
            #expect(page.contains("Handed over from Amara Okafor to Ben Hughes"))
            #expect(try await PeopleStore(app.db, councilID: council.id).caseload(of: coordinator.id).isEmpty)
            let coordinatorBrowser = Browser(app)
            try await coordinatorBrowser.signIn(coordinator.email, password: testPassword)
            let refused = try await coordinatorBrowser.post(
                "/people/\(person.id)/coordinator", form: ["coordinator": coordinator.id.description])
            #expect(refused.status == .forbidden)
        }
    }

    @Test func aRecordWarnsOfSomeoneWithTheSameNameAndPostcodeButNotOfANameAlone() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(
                council, name: "Sam Lee", postcode: "DE1 1AA", phone: "07700 900001")
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            // The same name elsewhere, with nothing else in common: not worth a warning on the record.
            _ = try await factory.introduce(council, name: "Sam Lee", postcode: "DE1 1AB", phone: "07700 900002")
            let alone = try await browser.get("/people/\(person.id)").body.string
            #expect(!alone.contains("This may be someone we already know"))
            // The same name at the same postcode is.
            _ = try await factory.introduce(council, name: "Sam Lee", postcode: "DE1 1AA", phone: "07700 900003")
            let page = try await browser.get("/people/\(person.id)").body.string
            #expect(page.contains("This may be someone we already know"))
            #expect(page.contains("Same name and postcode"))
        }
    }

    @Test func aSecondIntroductionIsCaughtAsALikelyDuplicateAndMergedWithHistoryFromBoth() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            let first = try await factory.introduce(
                council, name: "Margaret Hale", dateOfBirth: "3/4/1950", phone: "07700 900123")
            let store = PeopleStore(app.db, councilID: council.id)
            try await store.addConversation(
                to: first.id, by: coordinator.id, happenedOn: "2026-07-01", minutes: 30, place: .home, whoWasThere: "",
                notes: "First visit", at: Date(timeIntervalSince1970: 1_784_000_000))
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            try await browser.get("/people/new")
            let second = try await browser.post(
                "/people",
                form: [
                    "source": "housing", "introducerName": "Housing officer", "fullName": "Maggie Hale",
                    "phone": "+44 7700 900123", "postcode": "DE1 1AA",
                ])
            let path = try #require(second.location).components(separatedBy: "?")[0]
            let page = try await browser.get(path).body.string
            #expect(page.contains("This may be someone we already know"))
            #expect(page.contains("Margaret Hale"))
            #expect(page.contains("Same phone number"))

            let secondID = try #require(Person.ID(String(path.split(separator: "/").last!)))
            let merged = try await browser.post(path + "/merge", form: ["duplicate": first.id.description])
            #expect(merged.status == .seeOther)
            let kept = try await store.find(secondID)
            #expect(kept.id == secondID)
            await #expect(throws: AlongsideError.notFound(.person)) { try await store.find(first.id) }
            #expect(try await store.conversations(of: secondID).map(\.notes) == ["First visit"])
            #expect(try await store.introductions(of: secondID).count == 2)
            #expect(kept.dateOfBirth == "1950-04-03")
            let after = try await browser.get(path).body.string
            #expect(!after.contains("This may be someone we already know"))
            #expect(after.contains("Merged with a duplicate record for Margaret Hale"))
        }
    }
}
