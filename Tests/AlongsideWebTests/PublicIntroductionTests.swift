import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// The public introduction page speaks to whoever fills it in, and its thank-you page says what happens
/// next for them, without putting anyone's details where someone else could read them.
@Suite("Public introductions")
struct PublicIntroductionTests {
    /// A resident introducing themselves in Northfield (covered by Amara Okafor).
    static let myself = [
        "who": "me", "fullName": "Margaret Hale", "preferredName": "Maggie", "phone": "07700 900123",
        "postcode": "DE1 1AA", "whatMatters": "I would like to meet people", "website": "",
    ]

    /// A neighbour introducing someone in Northfield.
    static let neighbour = [
        "who": "someone-else", "source": "neighbour-or-community", "introducerName": "Dilys Evans",
        "introducerContact": "07700 900999", "personKnows": "yes", "fullName": "Tom Baker", "phone": "07700 900124",
        "postcode": "DE1 1AA", "whatMatters": "He has not been out since the winter", "website": "",
    ]

    @Test func theFormSpeaksToTheResidentAndShowsTheIntroducersPartOnlyForSomeoneElse() async throws {
        try await withAlongside { app, _ in
            _ = try await Factory(app: app).coveredCouncil()
            let visitor = Browser(app)
            let html = try await visitor.get("/c/testshire/introduce").body.string
            // Myself is chosen to start with: the person's wording shows, "their" wording is hidden until
            // "someone else" is chosen (the page's styles follow the radio buttons without JavaScript).
            #expect(html.contains("id=\"who-me\" name=\"who\" type=\"radio\" value=\"me\" checked"))
            #expect(html.contains("<span class=\"for-you\">Your full name</span>"))
            #expect(html.contains("<span class=\"for-them\" hidden>Their full name</span>"))
            #expect(html.contains("<span class=\"for-you\">What you like to be called</span>"))
            #expect(html.contains("<span class=\"for-you\">About you</span>"))
            #expect(html.contains("class=\"introduce-form\""))
            #expect(html.contains("<section class=\"introducer\""))
            #expect(html.contains("About you, the person making the introduction"))
            // The introducer's part comes straight after the question, as a disclosure does.
            let question = try #require(html.range(of: "Who are you introducing?"))
            let introducer = try #require(html.range(of: "id=\"introducerName\""))
            let person = try #require(html.range(of: "id=\"fullName\""))
            #expect(question.lowerBound < introducer.lowerBound && introducer.lowerBound < person.lowerBound)
            let css = try String(contentsOfFile: packageRoot + "/Public/css/alongside.css", encoding: .utf8)
            #expect(css.contains(".introduce-form:has(#who-me:checked) .introducer"))
        }
    }

    /// The staff form shares the person's fields and still speaks of "them", without the switch.
    @Test func theStaffFormKeepsItsOwnWording() async throws {
        try await withAlongside { app, _ in
            let (_, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let html = try await browser.get("/people/new").body.string
            #expect(html.contains("<label for=\"fullName\">Their full name</label>"))
            #expect(!html.contains("for-you"))
        }
    }

    @Test func everyProblemShowsAtOnceInPageOrderWithEverythingTypedKept() async throws {
        try await withAlongside { app, _ in
            let (council, _, _, _) = try await Factory(app: app).coveredCouncil()
            let visitor = Browser(app)
            try await visitor.get("/c/testshire/introduce")
            var form = Self.neighbour
            form["introducerName"] = ""
            form["personKnows"] = nil
            form["postcode"] = "not a postcode"
            form["email"] = "tom@"
            let response = try await visitor.post("/c/testshire/introduce", form: form)
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            // The summary takes the focus and lists the problems in the order the page shows the fields.
            #expect(
                html.contains(
                    "class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\" tabindex=\"-1\" autofocus"
                ))
            let summary = try #require(html.range(of: "error-summary-title")).upperBound
            let order = ["#introducerName", "#personKnows", "#email", "#postcode"].map {
                html.range(of: "href=\"\($0)\"", range: summary..<html.endIndex)?.lowerBound
            }
            #expect(order.allSatisfy { $0 != nil }, "every problem is in the summary")
            #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
            // "Someone else" stays chosen, its wording shows, and everything typed is kept.
            #expect(html.contains("value=\"someone-else\" checked"))
            #expect(html.contains("<span class=\"for-you\" hidden>Your full name</span>"))
            #expect(html.contains("<span class=\"for-them\">Their full name</span>"))
            #expect(html.contains("<option value=\"neighbour-or-community\" selected>"))
            #expect(html.contains("value=\"07700 900999\""))
            #expect(html.contains("value=\"Tom Baker\""))
            #expect(html.contains("value=\"tom@\""))
            #expect(html.contains("He has not been out since the winter</textarea>"))
            #expect(try await PeopleStore(app.db, councilID: council.id).search("Tom Baker").isEmpty)
        }
    }

    @Test func answersThePageNeverOfferedAreProblemsNotGuesses() async throws {
        try await withAlongside { app, _ in
            let (council, _, _, _) = try await Factory(app: app).coveredCouncil()
            let visitor = Browser(app)
            try await visitor.get("/c/testshire/introduce")
            var robot = Self.myself
            robot["who"] = "robot"
            robot["contactPreference"] = "pigeon"
            let refused = try await visitor.post("/c/testshire/introduce", form: robot)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Choose whether you are introducing yourself or someone else."))
            #expect(refused.body.string.contains("href=\"#contactPreference\""))
            var pretending = Self.neighbour
            pretending["source"] = "self"
            let other = try await visitor.post("/c/testshire/introduce", form: pretending)
            #expect(other.status == .unprocessableEntity)
            #expect(other.body.string.contains("Choose how you know the person from the list."))
            #expect(try await PeopleStore(app.db, councilID: council.id).search("Hale").isEmpty)
        }
    }

    @Test func aResidentIsThankedWithTheirCoordinatorAReferenceAndHowToReachTheTeam() async throws {
        try await withAlongside { app, _ in
            let (council, _, teamLeader, _) = try await Factory(app: app).coveredCouncil()
            try await CouncilStore(app.db).setPublicContact(
                Council.PublicContact(
                    phone: "01632 960 000", hours: "Monday to Friday, 9am to 5pm", outOfHoursPhone: "01632 960 999"),
                for: council.id)
            let visitor = Browser(app)
            try await visitor.get("/c/testshire/introduce")
            let sent = try await visitor.post("/c/testshire/introduce", form: Self.myself)
            #expect(sent.status == .seeOther)
            // Nothing about the person in the address the browser is sent to.
            #expect(sent.location == "/introduce/testshire/thank-you")
            let page = try await visitor.get("/introduce/testshire/thank-you").body.string
            #expect(
                page.contains("You have introduced yourself to the Local Area Coordination team at Testshire Council."))
            #expect(page.contains("Amara is the Local Area Coordinator for where you live."))
            #expect(!page.contains("Okafor"))
            #expect(!page.contains("Margaret") && !page.contains("Maggie") && !page.contains("07700 900123"))
            #expect(page.contains("You decide what happens."))
            #expect(page.contains("<a href=\"tel:01632960000\">01632 960 000</a> (Monday to Friday, 9am to 5pm)"))
            #expect(page.contains("If someone is in danger now, call 999."))
            #expect(page.contains("out-of-hours line on <a href=\"tel:01632960999\">01632 960 999</a>"))

            // The reference is the introduction's, eight characters, not the person's id, and the audit says it.
            let people = PeopleStore(app.db, councilID: council.id)
            let person = try #require(try await people.search("Margaret Hale").first)
            let introduction = try #require(try await people.introductions(of: person.id).first)
            let reference = IntroductionReceipt.reference(introduction.id)
            #expect(reference.count == 8)
            #expect(!person.id.description.uppercased().hasPrefix(reference))
            #expect(page.contains("<strong class=\"reference\">\(reference)</strong>"))
            #expect(page.contains("Give your reference, \(reference), so we can find your introduction."))
            let audit = try await AuditStore(app.db, councilID: council.id).entries(about: person.id)
            #expect(audit.contains { $0.words.contains("reference \(reference)") })

            // When she phones with it, the team finds her by it (in any case); another council's team does not.
            #expect(try await people.personIntroduced(reference: reference.lowercased()) == person.id)
            #expect(try await people.personIntroduced(reference: "ZZZZZZZZ") == nil)
            let leader = Browser(app)
            try await leader.signIn(teamLeader.email, password: testPassword)
            let found = try await leader.get("/people/search?q=\(reference.lowercased())").body.string
            #expect(found.contains("href=\"/people/\(person.id)\""))
            #expect(found.contains("1 person found"), "a reference names one introduction, not a list of near names")
            let (other, _, otherLeader, _) = try await Factory(app: app).coveredCouncil("otherton")
            #expect(
                try await PeopleStore(app.db, councilID: other.id).personIntroduced(reference: reference) == nil)
            let outsider = Browser(app)
            try await outsider.signIn(otherLeader.email, password: testPassword)
            let nothing = try await outsider.get("/people/search?q=\(reference)").body.string
            #expect(!nothing.contains("/people/\(person.id)"))

            // Anyone else opening the same address is thanked in general, with nothing of hers.
            let stranger = try await Browser(app).get("/introduce/testshire/thank-you").body.string
            #expect(stranger.contains("What happens next"))
            #expect(!stranger.contains(reference) && !stranger.contains("Amara"))
            #expect(stranger.contains("01632 960 000"))
        }
    }

    @Test func someoneIntroducingANeighbourIsThankedForThem() async throws {
        try await withAlongside { app, _ in
            let (council, _, _, _) = try await Factory(app: app).coveredCouncil()
            let visitor = Browser(app)
            try await visitor.get("/c/testshire/introduce")
            let sent = try await visitor.post("/c/testshire/introduce", form: Self.neighbour)
            #expect(sent.status == .seeOther)
            let page = try await visitor.get(try #require(sent.location)).body.string
            #expect(
                page.contains("Your introduction has reached the Local Area Coordination team at Testshire Council."))
            #expect(page.contains("Amara is the Local Area Coordinator for where they live."))
            #expect(page.contains("get in touch with the person you introduced"))
            #expect(page.contains("The person decides what happens."))
            #expect(!page.contains("You have introduced yourself") && !page.contains("Tom Baker"))
            // No phone number was set: the page offers none, but always says what to do in an emergency.
            #expect(!page.contains("Phone the team on"))
            #expect(page.contains("call 999"))
            let tom = try #require(try await PeopleStore(app.db, councilID: council.id).search("Tom Baker").first)
            let introduction = try #require(
                try await PeopleStore(app.db, councilID: council.id).introductions(of: tom.id).first)
            #expect(introduction.source == .neighbour)
            #expect(introduction.introducerName == "Dilys Evans")
        }
    }

    @Test func aPostcodeInAnotherCouncilIsToldWhereToGoAndPromisedNoVisit() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, _, _, _) = try await factory.coveredCouncil()
            let other = try await factory.council("glanmor", name: "Glanmor County Council")
            try await factory.ward(other, code: "W05000009", name: "Afon")
            try await PostcodeStore(app.db).load(try PostcodeDirectory.parse("pcds,osward\nGM1 1AA,W05000009\n"))
            let visitor = Browser(app)
            try await visitor.get("/c/testshire/introduce")
            var form = Self.myself
            form["postcode"] = "GM1 1AA"
            let sent = try await visitor.post("/c/testshire/introduce", form: form)
            let page = try await visitor.get(try #require(sent.location)).body.string
            #expect(page.contains("The postcode you gave is not in the area of Testshire Council"))
            #expect(page.contains("cannot visit you"))
            #expect(page.contains("The postcode is in the area of Glanmor County Council."))
            #expect(page.contains("<a href=\"/c/glanmor/introduce\">"))
            #expect(!page.contains("usually within a week"))
            #expect(page.contains("we cannot promise a visit"))
            // Kept for the team leader, who sees why it waits.
            let person = try #require(
                try await PeopleStore(app.db, councilID: council.id).search("Margaret Hale").first)
            #expect(person.coordinatorID == nil)

            // A postcode Alongside does not place at all names no council.
            form["postcode"] = "ZZ9 9ZZ"
            form["fullName"] = "Nora Where"
            let unknown = try await visitor.post("/c/testshire/introduce", form: form)
            let unplaced = try await visitor.get(try #require(unknown.location)).body.string
            #expect(!unplaced.contains("Glanmor") && !unplaced.contains("not in the area"))
            #expect(unplaced.contains("The team will find the Local Area Coordinator for where you live"))
        }
    }

    @Test func aChangedAnOldOrAnotherCouncilsReceiptSaysNothing() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            _ = try await factory.coveredCouncil()
            _ = try await factory.coveredCouncil("otherton")
            let visitor = Browser(app)
            try await visitor.get("/c/testshire/introduce")
            _ = try await visitor.post("/c/testshire/introduce", form: Self.myself)
            let cookie = try #require(visitor.cookies[IntroductionReceipt.cookieName])
            #expect(try await visitor.get("/c/testshire/introduce/thank-you").body.string.contains("Amara is"))
            // Another council's thank-you page does not read it.
            #expect(!(try await visitor.get("/c/otherton/introduce/thank-you").body.string.contains("Amara is")))
            // A receipt written by hand (the same facts, signed by no one) is ignored; so is nonsense.
            let parts = cookie.split(separator: ".").map(String.init)
            var forged = try JSONDecoder().decode(
                IntroductionReceipt.self, from: try #require(Data(base64URL: parts[0])))
            forged.coordinator = "Mallory"
            let payload = Array(try JSONEncoder().encode(forged)).base64URLEncoded
            for value in [payload + "." + parts[1], "nonsense", String(repeating: "a.", count: 3_000), "." + parts[1]] {
                visitor.cookies[IntroductionReceipt.cookieName] = value
                let page = try await visitor.get("/c/testshire/introduce/thank-you")
                #expect(page.status == .ok)
                #expect(!page.body.string.contains("Mallory") && !page.body.string.contains("Amara is"))
            }
            // After an hour the receipt is not read, on a shared computer or anywhere.
            visitor.cookies[IntroductionReceipt.cookieName] = cookie
            clock.advance(3_601)
            #expect(!(try await visitor.get("/c/testshire/introduce/thank-you").body.string.contains("Amara is")))
        }
    }
}
