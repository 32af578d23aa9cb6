import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// A person's record on a phone: dates in three boxes that keep what was typed and name the part that is
/// wrong, every problem at once, wellbeing answers as radio buttons, the confirmation beside the section
/// saved, older conversations folded away, and a menu that folds to one row.
@Suite("A person's record on a phone")
struct PhoneRecordTests {
    /// The part of a page from one tag to the next `<section`.
    func section(_ id: String, of page: String) throws -> String {
        let start = try #require(page.range(of: "<section id=\"\(id)\""))
        let rest = page[start.upperBound...]
        let end = rest.range(of: "<section ")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    @Test func aMistypedDateIsKeptBoxByBoxNamesTheDayAndIsCorrected() async throws {
        try await withAlongside { app, _ in
            let (council, _, _, person, browser, _, _) = try await Factory(app: app).signedInOnARecord()
            let store = PeopleStore(app.db, councilID: council.id)
            let path = "/people/\(person.id)/conversations"
            let refused = try await browser.post(
                path,
                form: [
                    "happenedOn-day": "31", "happenedOn-month": "11", "happenedOn-year": "2025", "minutes": "ninety",
                    "notes": "Long notes I must not lose",
                ])
            #expect(refused.status == .unprocessableEntity)
            let page = refused.body.string
            // Both problems at once, the summary first to be focused, each linking to the control to correct.
            #expect(page.contains("November has only 30 days: the day must be from 1 to 30."))
            #expect(page.contains("href=\"#happenedOn-day\""))
            #expect(page.contains("href=\"#minutes\""))
            #expect(page.contains("tabindex=\"-1\" autofocus"))
            // Each box keeps what was typed; the day is the box marked wrong.
            #expect(page.contains("name=\"happenedOn-day\" type=\"text\" inputmode=\"numeric\""))
            #expect(page.contains("class=\"input-day input-error\" value=\"31\" aria-invalid=\"true\""))
            #expect(page.contains("id=\"happenedOn-month\" name=\"happenedOn-month\"") && page.contains("value=\"11\""))
            #expect(page.contains("class=\"input-year\" value=\"2025\""))
            #expect(page.contains("<legend>Date</legend>"))
            #expect(page.contains("Long notes I must not lose</textarea>"))
            #expect(try await store.conversations(of: person.id).isEmpty)

            let saved = try await browser.post(
                path,
                form: [
                    "happenedOn-day": "30", "happenedOn-month": "11", "happenedOn-year": "2025", "minutes": "90",
                    "notes": "Long notes I must not lose",
                ])
            #expect(saved.status == .seeOther)
            #expect(try await store.conversations(of: person.id).map(\.happenedOn) == ["2025-11-30"])
        }
    }

    @Test func eachImpossiblePartIsNamedAndTheOldSingleFieldStillWorks() async throws {
        try await withAlongside { app, _ in
            let (council, _, _, person, browser, _, _) = try await Factory(app: app).signedInOnARecord()
            let store = PeopleStore(app.db, councilID: council.id)
            let path = "/people/\(person.id)/conversations"
            for (day, month, year, message, box) in [
                ("3", "13", "2026", "The month must be a number from 1 to 12.", "month"),
                ("3", "4", "1899", "The year must be 1900 or later.", "year"),
                ("1", "1", "2027", "The date must be today or in the past.", "day"),
                ("", "4", "2026", "The date must include a day.", "day"),
            ] {
                let refused = try await browser.post(
                    path,
                    form: ["happenedOn-day": day, "happenedOn-month": month, "happenedOn-year": year, "notes": "x"])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains(message), "\(day)/\(month)/\(year)")
                #expect(refused.body.string.contains("href=\"#happenedOn-\(box)\""), "\(day)/\(month)/\(year)")
            }
            // API clients and old forms send one field.
            #expect(
                try await browser.post(path, form: ["happenedOn": "10/7/2026", "notes": "Old form"]).status
                    == .seeOther)
            let single = try await browser.post(path, form: ["happenedOn": "31/11/2025", "notes": "x"])
            #expect(single.body.string.contains("November has only 30 days"))
            #expect(try await store.conversations(of: person.id).map(\.happenedOn) == ["2026-07-10"])
        }
    }

    @Test func aSwemwbsReadingWithOneItemMissingKeepsTheSixAndNamesTheMissingOne() async throws {
        try await withAlongside { app, _ in
            let (council, _, _, person, browser, _, _) = try await Factory(app: app).signedInOnARecord()
            let store = PeopleStore(app.db, councilID: council.id)
            let record = try await browser.get("/people/\(person.id)").body.string
            let wellbeing = try section("wellbeing", of: record)
            // Radio buttons, one group for each question with its own legend, not selects.
            #expect(!wellbeing.contains("<select"))
            #expect(wellbeing.contains("<legend>4. I&#39;ve been dealing with problems well</legend>"))
            #expect(wellbeing.contains("id=\"swemwbs-a4\" name=\"a4\" type=\"radio\" value=\"1\""))
            #expect(wellbeing.contains("<label for=\"swemwbs-a4-5\">All of the time</label>"))

            var form = [
                "kind": "swemwbs", "takenOn-day": "20", "takenOn-month": "7", "takenOn-year": "2026", "a1": "3",
                "a2": "4", "a3": "2", "a5": "5", "a6": "1", "a7": "4",
            ]
            let refused = try await browser.post("/people/\(person.id)/measures", form: form)
            #expect(refused.status == .unprocessableEntity)
            let page = try section("wellbeing", of: refused.body.string)
            #expect(
                refused.body.string.contains(
                    "Choose an answer for question 4: “I&#39;ve been dealing with problems well”"))
            #expect(refused.body.string.contains("href=\"#swemwbs-a4\""))
            #expect(page.contains("<details class=\"form-details\" open>"))
            for (item, answer) in [(1, 3), (2, 4), (3, 2), (5, 5), (6, 1), (7, 4)] {
                #expect(
                    page.contains("name=\"a\(item)\" type=\"radio\" value=\"\(answer)\" checked"), "item \(item) kept")
            }
            #expect(!page.contains("name=\"a4\" type=\"radio\" value=\"3\" checked"))
            #expect(try await store.measures(of: person.id).isEmpty)

            form["a4"] = "3"
            #expect(try await browser.post("/people/\(person.id)/measures", form: form).status == .seeOther)
            let readings = try await store.measures(of: person.id)
            #expect(readings.map(\.answers) == [[3, 4, 2, 3, 5, 1, 4]])
            #expect(readings.map(\.takenOn) == ["2026-07-20"])
        }
    }

    @Test func theConfirmationIsShownInTheSectionSaved() async throws {
        try await withAlongside { app, _ in
            let (_, _, _, person, browser, _, _) = try await Factory(app: app).signedInOnARecord()
            let saved = try await browser.post(
                "/people/\(person.id)/steps",
                form: ["what": "Call the lunch club", "dueOn-day": "1", "dueOn-month": "8", "dueOn-year": "2026"])
            #expect(saved.status == .seeOther)
            let location = try #require(saved.location)
            #expect(location == "/people/\(person.id)?saved=step&at=steps#steps")
            let page = try await browser.get(location).body.string
            let steps = try section("steps", of: page)
            #expect(steps.contains("<div class=\"notice notice-inline\" role=\"status\">Step added.</div>"))
            #expect(steps.contains("by 1 August 2026"))
            let top = String(page[..<(try #require(page.range(of: "class=\"on-this-page\"")).lowerBound)])
            #expect(!top.contains("Step added."))
            // A confirmation about the whole record stays at the top.
            let introduced = try await browser.get("/people/\(person.id)?saved=introduced").body.string
            #expect(introduced.contains("<div class=\"notice\" role=\"status\">"))
        }
    }

    @Test func olderConversationsFoldAwayBehindShowAll() async throws {
        try await withAlongside { app, clock in
            let (council, coordinator, _, person, browser, _, _) = try await Factory(app: app).signedInOnARecord()
            let store = PeopleStore(app.db, councilID: council.id)
            for day in 1...5 {
                try await store.addConversation(
                    to: person.id, by: coordinator.id, happenedOn: "2026-07-0\(day)", minutes: nil, place: .home,
                    whoWasThere: "", notes: "Visit on day \(day)", at: clock.now)
            }
            let page = try section("conversations", of: try await browser.get("/people/\(person.id)").body.string)
            let fold = try #require(page.range(of: "<details class=\"older-conversations\">"))
            #expect(page.contains("<summary>Show all 5 conversations</summary>"))
            let open = page[..<fold.lowerBound]
            let folded = page[fold.upperBound...]
            for day in [5, 4, 3] { #expect(open.contains("Visit on day \(day)")) }
            for day in [2, 1] {
                #expect(folded.contains("Visit on day \(day)"))
                #expect(!open.contains("Visit on day \(day)"))
            }
        }
    }

    @Test func theDetailsFormShowsEveryProblemAtOnceAndKeepsWhatWasTyped() async throws {
        try await withAlongside { app, _ in
            let (council, _, _, person, browser, _, _) = try await Factory(app: app).signedInOnARecord()
            let store = PeopleStore(app.db, councilID: council.id)
            let refused = try await browser.post(
                "/people/\(person.id)/details",
                form: [
                    "fullName": "", "email": "not an email", "postcode": "XYZ", "phone": "07700 900123",
                    "dateOfBirth-day": "31", "dateOfBirth-month": "2", "dateOfBirth-year": "1958",
                    "reason": String(repeating: "r", count: 600), "version": "0",
                ])
            #expect(refused.status == .unprocessableEntity)
            let page = refused.body.string
            let summary = try #require(
                page.components(separatedBy: "<h2 id=\"error-summary-title\">").dropFirst().first)
            for target in ["#fullName", "#email", "#postcode", "#dateOfBirth-day", "#details-reason"] {
                #expect(summary.contains("href=\"\(target)\""), "\(target) in the summary")
            }
            #expect(page.contains("February has only 28 days"))
            #expect(page.contains("value=\"not an email\""))
            #expect(page.contains("id=\"dateOfBirth-day\" name=\"dateOfBirth-day\""))
            #expect(try await store.find(person.id).fullName == "Margaret Hale")
            let saved = try await browser.post(
                "/people/\(person.id)/details",
                form: [
                    "fullName": "Margaret Hale", "phone": "07700 900123", "postcode": "DE1 1AA",
                    "dateOfBirth-day": "27", "dateOfBirth-month": "3", "dateOfBirth-year": "1958", "version": "0",
                ])
            #expect(saved.status == .seeOther)
            #expect(try await store.find(person.id).dateOfBirth == "1958-03-27")
            #expect(saved.location == "/people/\(person.id)?saved=details&at=about#about")
        }
    }

    @Test func aCorrectedDateOnAnEntryNamesTheBoxAndKeepsTheOthers() async throws {
        try await withAlongside { app, clock in
            let (council, _, _, person, browser, _, _) = try await Factory(app: app).signedInOnARecord()
            let store = PeopleStore(app.db, councilID: council.id)
            let step = try await store.addStep(
                to: person.id, what: "Visit the allotment", who: "", dueOn: "1/9/2026", at: clock.now)
            let record = try await browser.get("/people/\(person.id)").body.string
            let key = step.id.uuid.uuidString
            #expect(record.contains("id=\"step-dueOn-\(key)-day\" name=\"dueOn-day\""))
            let refused = try await browser.post(
                SitePath.person(.value(person.id), .entry(.value(.step), .value(step.id.uuid))).path,
                form: ["what": "", "dueOn-day": "31", "dueOn-month": "4", "dueOn-year": "2026", "version": "0"])
            #expect(refused.status == .unprocessableEntity)
            let page = refused.body.string
            #expect(page.contains("April has only 30 days"))
            #expect(page.contains("href=\"#step-dueOn-\(key)-day\""))
            #expect(page.contains("Enter What."))
            #expect(page.contains("value=\"31\""))
            #expect(try await store.steps(of: person.id).first?.dueOn == "2026-09-01")
        }
    }

    @Test func theMenuIsOneListThatFoldsAwayAndMarksThePageYouAreOn() async throws {
        try await withAlongside { app, _ in
            let (_, _, _, _, browser, _, _) = try await Factory(app: app).signedInOnARecord()
            let page = try await browser.get("/caseload").body.string
            #expect(page.contains("<details class=\"site-menu\">"))
            #expect(page.contains("<span class=\"site-menu-button\">Menu</span>"))
            #expect(page.components(separatedBy: "<nav class=\"site-nav\"").count == 2)
            #expect(page.contains("<a href=\"/caseload\" aria-current=\"page\">Caseload</a>"))
        }
    }
}
