import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// Every entry on a record can be corrected with the earlier version kept, or struck out with a reason;
/// struck-out entries leave the record and every count.
@Suite("Correcting entries")
struct EntryCorrectionTests {
    @Test func aStepIsCorrectedAndAnotherStruckOutWithTheNextStepFollowing() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            let other = try await factory.staff(council, .coordinator, name: "Ffion Evans")
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let store = PeopleStore(app.db, councilID: council.id)
            let first = try await store.addStep(
                to: person.id, what: "Visit the allotmnet", who: "", dueOn: "1/9/2026", at: clock.now)
            let second = try await store.addStep(
                to: person.id, what: "Meant for someone else", who: "", dueOn: "1/8/2026", at: clock.now)
            #expect(try await store.find(person.id).nextStepDue == "2026-08-01")
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let path = "/people/\(person.id)"
            let page = try await browser.get(path).body.string
            #expect(page.lowercased().contains("action=\"\(path)/entries/step/\(first.id)\"".lowercased()))
            let corrected = try await browser.post(
                "\(path)/entries/step/\(first.id)",
                form: [
                    "what": "Visit the allotment society", "who": "Margaret and Amara", "dueOn": "2/9/2026",
                    "version": "0",
                ])
            #expect(corrected.status == .seeOther)
            let bad = try await browser.post(
                "\(path)/entries/step/\(first.id)", form: ["what": "", "dueOn": "31/11/2026", "version": "1"])
            #expect(bad.status == .unprocessableEntity)
            let body = bad.body.string
            #expect(body.contains("Enter What.") && body.contains("November has only 30 days"))
            let struck = try await browser.post(
                "\(path)/entries/step/\(second.id)/strike", form: ["reason": "Wrong person", "version": "0"])
            #expect(struck.status == .seeOther)
            let steps = try await store.steps(of: person.id)
            #expect(steps.map(\.what) == ["Visit the allotment society"])
            #expect(steps.first?.who == "Margaret and Amara")
            #expect(try await store.find(person.id).nextStepDue == "2026-09-02")
            let after = try await browser.get(path).body.string
            #expect(after.contains("What: from “Visit the allotmnet” to “Visit the allotment society”"))
            #expect(after.contains("Struck out: A next step"))
            #expect(after.contains("What: “Meant for someone else”"))
            // Another coordinator, not this person's, may not correct a step.
            let stranger = Browser(app)
            try await stranger.signIn(other.email, password: testPassword)
            _ = try await stranger.post(path + "/open", form: ["reason": "Covering"])
            #expect(
                try await stranger.post("\(path)/entries/step/\(first.id)", form: ["what": "No"]).status == .forbidden)
            #expect(try await browser.post("\(path)/entries/nothing/\(first.id)", form: [:]).status == .notFound)
        }
    }

    @Test func aStruckOutReadingAndOutcomeLeaveTheWellbeingFiguresAndTheDashboard() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let store = PeopleStore(app.db, councilID: council.id)
            for (day, score) in [("2026-01-01", 2), ("2026-06-01", 4)] {
                try await store.addMeasure(
                    to: person.id, kind: .swemwbs, takenOn: day, answers: Array(repeating: score, count: 7),
                    declined: false, by: coordinator.id, at: clock.now)
            }
            try await store.addOutcome(
                to: person.id, kind: .aAndE, happenedOn: "2026-05-01", otherwise: "A fall", confidence: .high,
                by: coordinator.id, at: clock.now)
            let wellbeing = WellbeingStore(app.db)
            #expect(try await wellbeing.cohorts(.swemwbs, councils: [council.id]).values.first?.paired == 1)
            #expect(try await DashboardStore(app.db, councilID: council.id).outcomesByKind().map(\.1) == [1])

            let reading = try #require(try await store.measures(of: person.id).first { $0.takenOn == "2026-06-01" })
            let outcome = try #require(try await store.outcomes(of: person.id).first)
            let lead = Browser(app)
            try await lead.signIn(leader.email, password: testPassword)
            let path = "/people/\(person.id)"
            // An avoided event keeps what would have happened otherwise.
            let emptied = try await lead.post(
                "\(path)/entries/outcome/\(outcome.id)", form: ["otherwise": "", "version": "0"])
            #expect(emptied.status == .unprocessableEntity)
            #expect(
                try await lead.post(
                    "\(path)/entries/measure/\(reading.id)/strike",
                    form: ["reason": "Taken for her sister by mistake", "version": "0"]
                ).status == .seeOther)
            #expect(
                try await lead.post(
                    "\(path)/entries/outcome/\(outcome.id)/strike", form: ["reason": "Recorded twice", "version": "0"]
                ).status == .seeOther)
            #expect(try await store.measures(of: person.id).count == 1)
            #expect(try await wellbeing.cohorts(.swemwbs, councils: [council.id]).values.first?.paired ?? 0 == 0)
            #expect(try await DashboardStore(app.db, councilID: council.id).outcomesByKind().isEmpty)
            let audit = try await AuditStore(app.db, councilID: council.id).entries(about: person.id)
            #expect(audit.contains { $0.words == "Struck out: A wellbeing reading" })
        }
    }

    @Test func theirCoordinatorCorrectsSomeoneInTheirLifeAndTwoSavesAtOnceGetOneSave() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let store = PeopleStore(app.db, councilID: council.id)
            let jo = try await store.addPersonInLife(
                to: person.id, name: "Jo", kind: .friend, closeness: .further, note: "", at: clock.now)
            let path = "/people/\(person.id)/entries/person-in-life/\(jo.id)"
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            #expect(
                try await browser.post(
                    path, form: ["name": "Jo (daughter)", "kind": "family", "closeness": "1", "version": "0"]
                )
                .status == .seeOther)
            let lead = Browser(app)
            try await lead.signIn(leader.email, password: testPassword)
            let stale = try await lead.post(path, form: ["closeness": "2", "version": "0"])
            #expect(stale.status == .conflict)
            #expect(stale.body.string.contains("Someone else changed this after you opened it"))
            let now = try #require(try await store.peopleInLife(of: person.id).first)
            #expect(now.name == "Jo (daughter)" && now.kind == .family && now.closeness == .close)
            #expect(
                try await browser.post(path, form: ["closeness": "9", "version": "1"]).status == .unprocessableEntity)
        }
    }

    @Test func theAPIListsEntriesWithTheirVersionsAndCorrectsThemWithIfMatch() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let step = try await PeopleStore(app.db, councilID: council.id).addStep(
                to: person.id, what: "Call the lunch club", who: "", dueOn: "", at: clock.now)
            let headers = try await PeopleAPITests().token(app, coordinator)
            let listed = try await app.testing().sendRequest(
                .GET, "/api/v1/people/\(person.id)/entries/step", headers: headers)
            #expect(listed.status == .ok)
            #expect(listed.body.string.contains("\"version\":0"))
            var matching = headers
            matching.replaceOrAdd(name: .ifMatch, value: "\"0\"")
            let path = "/api/v1/people/\(person.id)/entries/step/\(step.id)"
            let corrected = try await app.testing().sendRequest(.PATCH, path, headers: matching) {
                try $0.content.encode(["what": "Call the Tuesday lunch club"], as: .json)
            }
            #expect(corrected.status == .ok)
            #expect(corrected.body.string.contains("\"version\":1"))
            let stale = try await app.testing().sendRequest(.PATCH, path, headers: matching) {
                try $0.content.encode(["what": "Something else"], as: .json)
            }
            #expect(stale.status == .conflict)
            let unknown = try await app.testing().sendRequest(.PATCH, path, headers: headers) {
                try $0.content.encode(["colour": "blue"], as: .json)
            }
            #expect(unknown.status == .unprocessableEntity)
            let struck = try await app.testing().sendRequest(.POST, path + "/strike", headers: headers) {
                try $0.content.encode(["reason": "Done another way"], as: .json)
            }
            #expect(struck.status == .noContent)
            #expect(try await PeopleStore(app.db, councilID: council.id).steps(of: person.id).isEmpty)
        }
    }

    @Test func aReadingsAnswersAreCorrectedOnThePageAndTheAPIAndEveryFigureFollows() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let store = PeopleStore(app.db, councilID: council.id)
            for (day, score) in [("2026-01-01", 2), ("2026-06-01", 4)] {
                try await store.addMeasure(
                    to: person.id, kind: .swemwbs, takenOn: day, answers: Array(repeating: score, count: 7),
                    declined: false, by: coordinator.id, at: clock.now)
            }
            try await store.addMeasure(
                to: person.id, kind: .ucla3, takenOn: "2026-06-01", answers: [], declined: true, by: coordinator.id,
                at: clock.now)
            let readings = try await store.measures(of: person.id)
            let latest = try #require(readings.first { $0.kind == .swemwbs && $0.takenOn == "2026-06-01" })
            let declined = try #require(readings.first { $0.declined })
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let path = "/people/\(person.id)"
            let page = try await browser.get(path).body.string
            #expect(page.contains("value=\"4, 4, 4, 4, 4, 4, 4\""))
            #expect(page.contains("7 answers in question order"))
            // Too few, out of range, or not numbers: told what to fix, nothing changed.
            for wrong in ["5, 5, 5", "6, 5, 5, 5, 5, 5, 5", "5, 5, 5, 5, 5, 5, x"] {
                let refused = try await browser.post(
                    "\(path)/entries/measure/\(latest.id)", form: ["answers": wrong, "version": "0"])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains("Enter the 7 answers in question order"))
            }
            let corrected = try await browser.post(
                "\(path)/entries/measure/\(latest.id)",
                form: ["answers": "5 5 5 5 5 5 5", "reason": "Typed from the wrong sheet", "version": "0"])
            #expect(corrected.status == .seeOther)
            #expect(
                try await store.measures(of: person.id).first { $0.id == latest.id }?.answers == [5, 5, 5, 5, 5, 5, 5])
            let cohort = try #require(
                try await WellbeingStore(app.db).cohorts(.swemwbs, councils: [council.id]).values.first)
            #expect(cohort.meanLatest == (try SWEMWBS.score([5, 5, 5, 5, 5, 5, 5]).metric))
            let after = try await browser.get(path).body.string
            #expect(after.contains("Answers: from “4,4,4,4,4,4,4” to “5,5,5,5,5,5,5”"))
            // A declined reading has no answers to correct.
            let none = try await browser.post(
                "\(path)/entries/measure/\(declined.id)", form: ["answers": "1, 1, 1", "version": "0"])
            #expect(none.status == .unprocessableEntity)
            #expect(none.body.string.contains("This reading was declined"))
            // The API corrects answers too, with the version it read.
            var headers = try await PeopleAPITests().token(app, coordinator)
            headers.replaceOrAdd(name: .ifMatch, value: "\"1\"")
            let api = try await app.testing().sendRequest(
                .PATCH, "/api/v1/people/\(person.id)/entries/measure/\(latest.id)", headers: headers
            ) { try $0.content.encode(["answers": "3,3,3,3,3,3,3", "reason": "Checked the sheet"], as: .json) }
            #expect(api.status == .ok)
            #expect(
                try await store.measures(of: person.id).first { $0.id == latest.id }?.answers == [3, 3, 3, 3, 3, 3, 3])
        }
    }

    @Test func wellbeingFiguresAtCouncilWardAndCoordinatorLevelCountTheSamePeople() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            let store = PeopleStore(app.db, councilID: council.id)
            func readings(_ person: Person, _ first: Int, _ latest: Int) async throws {
                for (day, score) in [("2026-01-01", first), ("2026-06-01", latest)] {
                    try await store.addMeasure(
                        to: person.id, kind: .swemwbs, takenOn: day, answers: Array(repeating: score, count: 7),
                        declined: false, by: coordinator.id, at: clock.now)
                }
            }
            let north = try await factory.introduce(council, name: "Margaret Hale")
            let south = try await factory.introduce(council, name: "Amara Bello", postcode: "DE2 2BB")
            let nowhere = try await factory.introduce(council, name: "Tom Reed", postcode: "ZZ9 9ZZ")
            let mergedAway = try await factory.introduce(council, name: "Margret Hale")
            for (person, first, latest) in [(north, 2, 4), (south, 3, 3), (nowhere, 1, 5), (mergedAway, 1, 1)] {
                try await readings(person, first, latest)
            }
            // A record merged away before merges moved everything, its readings left behind.
            try await (app.db as! any SQLDatabase).raw(
                "UPDATE people SET merged_into_id = \(bind: north.id.uuid) WHERE id = \(bind: mergedAway.id.uuid)"
            ).run()
            let cohorts = try await WellbeingStore(app.db).cohorts(
                [.swemwbs], councils: [council.id], groupings: [.council, .ward, .coordinator])
            func total(_ grouping: WellbeingStore.Grouping) -> (Int, Decimal) {
                let groups = cohorts[grouping]?[.swemwbs]?.values.map { $0 } ?? []
                return (
                    groups.reduce(0) { $0 + $1.paired },
                    groups.reduce(Decimal(0)) { $0 + ($1.meanLatest ?? 0) * Decimal($1.paired) }
                )
            }
            #expect(total(.council).0 == 3)
            #expect(total(.ward).0 == 3 && total(.coordinator).0 == 3)
            // Means are to two places: the council's, times its people, is within rounding of its groups' together.
            #expect(abs(total(.council).1 - total(.ward).1) < Decimal(string: "0.02")!)
            #expect(abs(total(.council).1 - total(.coordinator).1) < Decimal(string: "0.02")!)
        }
    }
}
