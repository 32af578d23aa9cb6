import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// A coordinator's day on a phone.
@Suite("On a phone")
struct PhoneTests {
    /// On a phone, a person's number (and a volunteer's) is one tap to call; an email opens the mail app.
    @Test func phoneNumbersAreOneTapToCall() async throws {
        try await withAlongside { app, clock in
            let (council, _, _, _, browser, _, record) = try await Factory(app: app).signedInOnARecord(
                phone: "+44 7700 900123", email: "margaret@example.org")
            #expect(record.contains("<a href=\"tel:+447700900123\">+44 7700 900123</a>"))
            #expect(record.contains("<a href=\"mailto:margaret@example.org\">margaret@example.org</a>"))
            let dev = Volunteer(
                id: .init(UUID()), name: "Dev", phone: "07700 900456", postcode: "DE1 1AA", helpsWith: [.shopping],
                availableDays: [], checks: [])
            try await GoodNeighbourStore(app.db, councilID: council.id).save(dev, at: clock.now)
            let volunteer = try await browser.get("/good-neighbours/volunteers/\(dev.id)").body.string
            #expect(volunteer.contains("<a href=\"tel:07700900456\">07700 900456</a>"))
        }
    }

    /// The top of a record, before its sections, says what a coordinator needs first: last contact, the next
    /// step due (overdue marked), the number to call, and their good life in a line.
    @Test func theRecordOpensWithItsSummary() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let store = PeopleStore(app.db, councilID: council.id)
            _ = try await store.addStep(
                to: person.id, what: "Call the lunch club", who: "", dueOn: "1/7/2026", at: clock.now)
            try await store.addConversation(
                to: person.id, by: coordinator.id, happenedOn: "2026-07-20", minutes: nil, place: .home,
                whoWasThere: "",
                notes: "", at: clock.now)
            try await store.saveVision(
                GoodLifeVision(
                    vision: "To grow vegetables again\nand see her grandchildren", strengths: "", giftsAndInterests: "",
                    whatMatters: ""), for: person.id, by: coordinator.id, at: clock.now)
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let record = try await browser.get("/people/\(person.id)").body.string
            let top = String(record[..<(try #require(record.range(of: "class=\"on-this-page\"")).lowerBound)])
            #expect(top.contains("Last contact</dt><dd>20 July 2026"))
            #expect(top.contains("Next step due</dt><dd>1 July 2026") && top.contains("overdue"))
            #expect(top.contains("<a href=\"tel:07700900123\">07700 900123</a>"))
            #expect(top.contains("To grow vegetables again") && !top.contains("grandchildren"))
        }
    }
}
