import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// Every date a coordinator types is three boxes (day, month, year) that keep what was typed and name the
/// part that is wrong, with every problem of the form shown at once: a Good Neighbour's "needed on", consent's
/// "agreed on", a programme's "left on", the community work log and a staff introduction's date of birth.
@Suite("Three-box dates on every form")
struct ThreeBoxDatesTests {
    @Test func aGoodNeighbourRequestsNeededOnIsThreeBoxesKeptWhenWrongAndCorrectedLater() async throws {
        try await withAlongside { app, _ in
            let (council, _, _, person, browser, _, _) = try await Factory(app: app).signedInOnARecord()
            let page = try await browser.get("/people/\(person.id)").body.string
            #expect(page.contains("name=\"helpNeededOn-day\"") && page.contains("name=\"helpNeededOn-year\""))
            let refused = try await browser.post(
                "/people/\(person.id)/help-requests",
                form: [
                    "helpKind": "shopping", "helpDetails": "", "helpNeededOn-day": "31", "helpNeededOn-month": "11",
                    "helpNeededOn-year": "2026",
                ])
            #expect(refused.status == .unprocessableEntity)
            let body = refused.body.string
            // Both problems at once, the date's naming the month, each box keeping what was typed.
            #expect(body.contains("November has only 30 days: the day must be from 1 to 30."))
            #expect(body.contains("Say what help is needed"))
            #expect(body.contains("href=\"#helpNeededOn-day\""))
            #expect(body.contains("id=\"helpNeededOn-month\" name=\"helpNeededOn-month\""))
            #expect(body.contains("class=\"input-day input-error\" value=\"31\""))
            let store = GoodNeighbourStore(app.db, councilID: council.id)
            #expect(try await store.requests(for: person.id).isEmpty)

            let saved = try await browser.post(
                "/people/\(person.id)/help-requests",
                form: [
                    "helpKind": "shopping", "helpDetails": "A weekly shop", "helpNeededOn-day": "30",
                    "helpNeededOn-month": "11", "helpNeededOn-year": "2026",
                ])
            #expect(saved.status == .seeOther)
            let request = try #require(try await store.requests(for: person.id).first)
            #expect(request.neededOn == "2026-11-30")

            // The request's own page corrects the day in three boxes too, keeping what was typed when wrong.
            let path = "/good-neighbours/requests/\(request.id)"
            let shown = try await browser.get(path).body.string
            #expect(shown.contains("id=\"helpNeededOn-day\"") && shown.contains("value=\"30\""))
            let wrong = try await browser.post(
                path + "/details",
                form: [
                    "helpDetails": "A weekly shop and a chat", "helpNeededOn-day": "3", "helpNeededOn-month": "",
                    "helpNeededOn-year": "2026",
                ])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("The date must include a month."))
            #expect(wrong.body.string.contains("A weekly shop and a chat</textarea>"))
            #expect(try await store.request(request.id).neededOn == "2026-11-30")
            let corrected = try await browser.post(
                path + "/details",
                form: [
                    "helpDetails": "A weekly shop", "helpNeededOn-day": "3", "helpNeededOn-month": "12",
                    "helpNeededOn-year": "2026",
                ])
            #expect(corrected.status == .seeOther)
            #expect(try await store.request(request.id).neededOn == "2026-12-03")
        }
    }

    @Test func consentsAgreedOnIsThreeBoxesAndEveryProblemShowsAtOnce() async throws {
        try await withAlongside { app, _ in
            let (council, _, _, person, browser, _, _) = try await Factory(app: app).signedInOnARecord()
            let refused = try await browser.post(
                "/people/\(person.id)/consents",
                form: [
                    "consentKind": "share-with-partner", "givenOn-day": "29", "givenOn-month": "2",
                    "givenOn-year": "2025",
                ])
            #expect(refused.status == .unprocessableEntity)
            let body = refused.body.string
            #expect(body.contains("February has only 28 days"))
            #expect(body.contains("Name the partner they agree to share with"))
            #expect(body.contains("class=\"input-day input-error\" value=\"29\""))
            let store = PeopleStore(app.db, councilID: council.id)
            #expect(try await store.consents(of: person.id).isEmpty)
            let saved = try await browser.post(
                "/people/\(person.id)/consents",
                form: [
                    "consentKind": "share-with-partner", "partner": "Riverside GP practice", "givenOn-day": "28",
                    "givenOn-month": "2", "givenOn-year": "2025",
                ])
            #expect(saved.status == .seeOther)
            #expect(try await store.consents(of: person.id).map(\.givenOn) == ["2025-02-28"])
        }
    }

    @Test func aProgrammesLeftOnIsThreeBoxesInThatProgrammesOwnForm() async throws {
        try await withAlongside { app, clock in
            let (council, _, _, person, browser, _, _) = try await Factory(app: app).signedInOnARecord()
            let programmes = ProgrammeStore(app.db, councilID: council.id)
            let programme = Programme(
                id: .init(UUID()), councilID: council.id, name: "Later Life Connected", funder: "Public health",
                purpose: "", cohort: "Older people", startsOn: "2026-01-01", endsOn: "2027-03-31", extendedTo: nil,
                budgetPence: 1_000_000, extraCoordinators: 1)
            try await programmes.save(programme)
            try await programmes.join(person.id, to: programme.id, on: "2026-02-01")
            let field = "leftOn-\(programme.id)"
            let page = try await browser.get("/people/\(person.id)").body.string
            #expect(page.contains("name=\"\(field)-day\""))
            let path = "/people/\(person.id)/programmes/\(programme.id)/leave"
            let refused = try await browser.post(
                path, form: ["\(field)-day": "0", "\(field)-month": "6", "\(field)-year": "2026"])
            #expect(refused.status == .unprocessableEntity)
            // Day 0 is told what the day may be, in that programme's form, which opens again.
            #expect(refused.body.string.contains("The day must be a number from 1 to 30."))
            #expect(refused.body.string.contains("href=\"#\(field)-day\""))
            #expect(try await programmes.memberships(for: person.id).first?.left == nil)
            let saved = try await browser.post(
                path, form: ["\(field)-day": "30", "\(field)-month": "6", "\(field)-year": "2026"])
            #expect(saved.status == .seeOther)
            #expect(try await programmes.memberships(for: person.id).first?.left == "2026-06-30")
            _ = clock
        }
    }

    @Test func theCommunityWorkLogTakesThreeBoxesAndRangeChecksItsMinutes() async throws {
        try await withAlongside { app, _ in
            let (council, _, _, _, browser, _, _) = try await Factory(app: app).signedInOnARecord()
            let ward = try #require(try await WardStore(app.db, councilID: council.id).all().first)
            let refused = try await browser.post(
                "/community/work",
                form: [
                    "ward": ward.id.description, "kind": "met-a-group", "happenedOn-day": "31", "happenedOn-month": "4",
                    "happenedOn-year": "2026", "minutes": "-30", "notes": "Met the knitting group at the library",
                ])
            #expect(refused.status == .unprocessableEntity)
            let body = refused.body.string
            #expect(body.contains("April has only 30 days"))
            #expect(body.contains("Enter the time spent in whole minutes, from 1 to 1,440"))
            #expect(body.contains("Met the knitting group at the library</textarea>"))
            #expect(body.contains("class=\"input-day input-error\" value=\"31\""))
            let store = CommunityWorkStore(app.db, councilID: council.id)
            #expect(try await store.entries().isEmpty)
            let saved = try await browser.post(
                "/community/work",
                form: [
                    "ward": ward.id.description, "kind": "met-a-group", "happenedOn-day": "30", "happenedOn-month": "4",
                    "happenedOn-year": "2026", "minutes": "90", "notes": "Met the knitting group at the library",
                ])
            #expect(saved.status == .seeOther)
            #expect(try await store.entries().map(\.happenedOn) == ["2026-04-30"])
        }
    }

    @Test func aStaffIntroductionsDateOfBirthIsThreeBoxesKeptWhenWrong() async throws {
        try await withAlongside { app, _ in
            let (council, _, _, _, browser, _, _) = try await Factory(app: app).signedInOnARecord()
            let form = try await browser.get("/people/new").body.string
            #expect(form.contains("name=\"dateOfBirth-day\"") && form.contains("inputmode=\"numeric\""))
            let refused = try await browser.post(
                "/people",
                form: [
                    "fullName": "", "source": "gp-or-health", "dateOfBirth-day": "31",
                    "dateOfBirth-month": "4", "dateOfBirth-year": "1958", "level": "2",
                ])
            #expect(refused.status == .unprocessableEntity)
            let body = refused.body.string
            #expect(body.contains("April has only 30 days"))
            #expect(body.contains("Enter the name of the person"))
            #expect(body.contains("class=\"input-year\" value=\"1958\""))
            let saved = try await browser.post(
                "/people",
                form: [
                    "fullName": "Tomasz Nowak", "source": "gp-or-health", "phone": "01632 960123",
                    "dateOfBirth-day": "30",
                    "dateOfBirth-month": "4", "dateOfBirth-year": "1958", "level": "2",
                ])
            #expect(saved.status == .seeOther)
            let found = try await PeopleStore(app.db, councilID: council.id).search("Tomasz Nowak")
            #expect(found.map(\.dateOfBirth) == ["1958-04-30"])
        }
    }

    @Test func formsSentBackToBePutRightDoNotCountAgainstThePublicPagesLimit() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, _, _, _) = try await factory.coveredCouncil()
            let limit = app.alongside.introductionsPerHour
            let browser = Browser(app)
            let path = "/introduce/\(council.slug)"
            _ = try await browser.get(path)
            for _ in 0..<(limit + 2) {
                let refused = try await browser.post(
                    path, form: ["who": "me", "fullName": "", "contactPreference": "phone", "phone": "01632 960000"])
                #expect(refused.status == .unprocessableEntity)
            }
            let sent = try await browser.post(
                path,
                form: [
                    "who": "me", "fullName": "Rhian Davies", "contactPreference": "phone", "phone": "01632 960000",
                    "dateOfBirth-day": "", "dateOfBirth-month": "", "dateOfBirth-year": "",
                ])
            #expect(sent.status == .seeOther)
        }
    }

    // What an attack on these forms found (issue 27), each closed.

    @Test func aProgrammeIsNotLeftInTheFutureNorBeforeJoiningAndTheProblemNamesTheBoxes() async throws {
        try await withAlongside { app, _ in
            let (council, _, _, person, browser, _, _) = try await Factory(app: app).signedInOnARecord()
            let programmes = ProgrammeStore(app.db, councilID: council.id)
            let programme = Programme(
                id: .init(UUID()), councilID: council.id, name: "Later Life Connected", funder: "Public health",
                purpose: "", cohort: "Older people", startsOn: "2026-01-01", endsOn: "2027-03-31", extendedTo: nil,
                budgetPence: 1_000_000, extraCoordinators: 1)
            try await programmes.save(programme)
            try await programmes.join(person.id, to: programme.id, on: "2026-02-01")
            let field = "leftOn-\(programme.id)"
            let path = "/people/\(person.id)/programmes/\(programme.id)/leave"
            let future = try await browser.post(
                path, form: ["\(field)-day": "1", "\(field)-month": "1", "\(field)-year": "2099"])
            #expect(future.status == .unprocessableEntity)
            #expect(future.body.string.contains("The date must be today or in the past."))
            let early = try await browser.post(
                path, form: ["\(field)-day": "1", "\(field)-month": "1", "\(field)-year": "2020"])
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("href=\"#\(field)-day\""))
            #expect(early.body.string.contains("<details class=\"form-details\" open>"))
            #expect(try await programmes.memberships(for: person.id).first?.left == nil)
        }
    }

    @Test func everyProblemOfTheCommunityFormsShowsAtOnceAndLongAnswersAreRefused() async throws {
        try await withAlongside { app, _ in
            let (council, _, _, person, browser, _, _) = try await Factory(app: app).signedInOnARecord()
            let help = try await browser.post(
                "/people/\(person.id)/help-requests",
                form: [
                    "helpKind": "shopping", "helpDetails": String(repeating: "a", count: 1_001),
                    "helpNeededOn-day": "1", "helpNeededOn-month": "13", "helpNeededOn-year": "2026",
                ])
            #expect(help.status == .unprocessableEntity)
            #expect(
                help.body.string.contains("href=\"#helpDetails\"")
                    && help.body.string.contains("href=\"#helpNeededOn-month\""))
            let ward = try #require(try await WardStore(app.db, councilID: council.id).all().first)
            let work = try await browser.post(
                "/community/work",
                form: [
                    "ward": ward.id.description, "kind": "met-a-group", "happenedOn-day": "31",
                    "happenedOn-month": "11",
                    "happenedOn-year": "2025", "notes": "",
                ])
            #expect(work.status == .unprocessableEntity)
            #expect(
                work.body.string.contains("href=\"#notes\"") && work.body.string.contains("November has only 30 days"))
            let partner = try await browser.post(
                "/people/\(person.id)/consents",
                form: ["consentKind": "share-with-partner", "partner": String(repeating: "p", count: 161)])
            #expect(partner.status == .unprocessableEntity)
            #expect(partner.body.string.contains("Name the partner in 160 characters or fewer."))
            #expect(try await PeopleStore(app.db, councilID: council.id).consents(of: person.id).isEmpty)
        }
    }

    @Test func aSingleDateFieldSentBesideEmptyBoxesIsRead() async throws {
        try await withAlongside { app, _ in
            let (council, _, _, _, browser, _, _) = try await Factory(app: app).signedInOnARecord()
            let saved = try await browser.post(
                "/people",
                form: [
                    "fullName": "Idris Price", "source": "gp-or-health", "phone": "01632 960124", "level": "2",
                    "dateOfBirth": "3/4/1980", "dateOfBirth-day": "", "dateOfBirth-month": "", "dateOfBirth-year": "",
                ])
            #expect(saved.status == .seeOther)
            let found = try await PeopleStore(app.db, councilID: council.id).search("Idris Price")
            #expect(found.map(\.dateOfBirth) == ["1980-04-03"])
        }
    }

    @Test func aRefusedPublicFormEchoesNoMoreThanAFieldHoldsAndTheLimitKeepsWhatWasTyped() async throws {
        try await withAlongside { app, _ in
            let (council, _, _, _) = try await Factory(app: app).coveredCouncil()
            let path = "/introduce/\(council.slug)"
            let robot = Browser(app)
            _ = try await robot.get(path)
            let huge = try await robot.post(
                path, form: ["who": "me", "fullName": "", "whatMatters": String(repeating: "x", count: 200_000)])
            #expect(huge.status == .unprocessableEntity)
            #expect(huge.body.readableBytes < 60_000)
            #expect(huge.body.string.contains("href=\"#fullName\""))

            let resident = Browser(app)
            _ = try await resident.get(path)
            for number in 0..<app.alongside.introductionsPerHour {
                let sent = try await resident.post(
                    path, form: ["who": "me", "fullName": "Resident \(number)", "phone": "01632 960000"])
                #expect(sent.status == .seeOther)
            }
            let limited = try await resident.post(
                path,
                form: ["who": "me", "fullName": "Gwen Library", "phone": "01632 960000", "whatMatters": "A choir"])
            #expect(limited.status == .tooManyRequests)
            #expect(limited.body.string.contains("value=\"Gwen Library\"") && limited.body.string.contains("A choir"))
        }
    }

}
