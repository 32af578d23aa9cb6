import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

@Suite("Good Neighbours pages")
struct GoodNeighboursPageTests {
    @Test func aShoppingRequestIsMatchedToAClearedVolunteerInTheWardAndSeenThrough() async throws {
        try await withAlongside { app, clock in
            let (council, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let person = try await Factory(app: app).introduce(council, name: "Margaret Hale")
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)

            let missing = try await browser.post(
                "/good-neighbours/volunteers", form: ["volunteerName": "", "volunteerPostcode": "x", "travel": "2"])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("Choose at least one thing they are glad to help with"))
            var ids: [String: String] = [:]
            for (name, postcode) in [
                ("Dev Cleared", "DE1 1AA"), ("Uma Uncleared", "DE1 1AA"), ("Sam Southmead", "DE2 2BB"),
            ] {
                let added = try await browser.post(
                    "/good-neighbours/volunteers",
                    form: [
                        "volunteerName": name, "volunteerPostcode": postcode, "travel": "3", "helpsWith[]": "shopping",
                        "days[]": "TU", "phone": "07700 900456",
                    ])
                #expect(added.status == .seeOther)
                ids[name] = added.headers.first(name: .location)
            }
            let dev = try #require(ids["Dev Cleared"])
            let badCheck = try await browser.post(
                dev + "/checks", form: ["kind": "enhanced", "issuedOn": "1/1/2026", "expiresOn": "soon"])
            #expect(badCheck.status == .unprocessableEntity)
            #expect(
                try await browser.post(
                    dev + "/checks", form: ["kind": "enhanced", "issuedOn": "1/1/2026", "expiresOn": "1/1/2029"]
                )
                .status == .seeOther)

            // Tuesday 4 August 2026; the test clock is in July 2026.
            let raised = try await browser.post(
                "/people/\(person.id)/help-requests",
                form: [
                    "helpKind": "shopping", "helpNeededOn": "4/8/2026", "helpDetails": "A weekly shop from the Co-op",
                    "helpNeedsClearance": "yes",
                ])
            #expect(raised.status == .seeOther)
            let requestPath = try #require(raised.headers.first(name: .location))
            let page = try await browser.get(requestPath).body.string
            #expect(page.contains("Offer it to Dev Cleared"))
            #expect(page.contains("Lives in Northfield"))
            #expect(page.contains("Free on Tuesdays"))
            #expect(page.contains("Enhanced DBS valid until 1 January 2029"))
            #expect(!page.contains("Offer it to Uma Uncleared"))
            #expect(page.contains("Uma Uncleared: Not cleared"))
            #expect(page.contains("Sam Southmead: Not cleared"))

            let store = GoodNeighbourStore(app.db, councilID: council.id)
            let uma = try #require(try await store.volunteers().first { $0.name == "Uma Uncleared" })
            let refused = try await browser.post(requestPath + "/offer", form: ["volunteerID": uma.id.description])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Uma Uncleared cannot be offered this: Not cleared"))

            let devID = try #require(try await store.volunteers().first { $0.name == "Dev Cleared" }).id
            #expect(
                try await browser.post(requestPath + "/offer", form: ["volunteerID": devID.description]).status
                    == .seeOther)
            let board = try await browser.get("/good-neighbours").body.string
            #expect(board.contains("Offered to a volunteer (Dev Cleared)"))
            #expect(try await browser.post(requestPath + "/accepted", form: [:]).status == .seeOther)
            #expect(
                try await browser.post(requestPath + "/completed", form: ["hours": "lots"]).status
                    == .unprocessableEntity)
            clock.advance(3_600)
            #expect(try await browser.post(requestPath + "/completed", form: ["hours": "1.5"]).status == .seeOther)
            let done = try await store.request(
                try #require(HelpRequest.ID(String(requestPath.split(separator: "/").last!))))
            #expect(done.status == .completed)
            #expect(done.minutes == 90)
            // The time given is worded in the reader's language, the number as recorded.
            #expect(try await browser.get(requestPath).body.string.contains("1.5 hours given"))
            try await CouncilStore(app.db).setLanguages([.english, .welsh], for: council.id)
            #expect(try await browser.get(requestPath + "?lang=cy").body.string.contains("1.5 awr wedi"))
            #expect(!(try await browser.get("/good-neighbours").body.string.contains("Dev Cleared")))
            #expect(try await browser.get(dev).body.string.contains("<dd>1.5</dd>"))
        }
    }

    @Test func checkRemindersComeSixtyThirtyAndSevenDaysBeforeExpiryOnceEach() async throws {
        try await withAlongside { app, clock in
            let (council, _, _, _) = try await Factory(app: app).coveredCouncil()
            let store = GoodNeighbourStore(app.db, councilID: council.id)
            let today = ISODay.string(clock.now)
            let expires = ISODay.string(clock.now.addingTimeInterval(45 * 86_400))
            try await store.save(
                Volunteer(
                    id: .init(UUID()), name: "Dev", postcode: "DE1 1AA", helpsWith: [.lift], availableDays: [],
                    checks: [.init(id: .init(UUID()), kind: .enhanced, issuedOn: "2024-01-01", expiresOn: expires)]),
                at: clock.now)
            #expect(try await store.remindersDue(on: today).map(\.days) == [60])
            let first = try await app.run(["reminders", "--council", council.slug])
            #expect(first.contains("Dev's Enhanced DBS expires on"))
            #expect(first.contains("60-day reminder"))
            let again = try await app.run(["reminders"])
            #expect(again.contains("No reminders due today."))
            clock.advance(16 * 86_400)
            #expect(try await app.run(["reminders"]).contains("30-day reminder"))
        }
    }

    @Test func offeringOneRequestTwiceAtOnceOneWinsAndTheOtherIsTold() async throws {
        try await withAlongside { app, clock in
            let (council, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let person = try await Factory(app: app).introduce(council, name: "Margaret Hale")
            let store = GoodNeighbourStore(app.db, councilID: council.id)
            var volunteers: [Volunteer.ID] = []
            for name in ["Dev", "Uma", "Sam", "Kit"] {
                let volunteer = Volunteer(
                    id: .init(UUID()), name: name, postcode: "DE1 1AA", helpsWith: [.shopping], availableDays: [],
                    checks: [])
                try await store.save(volunteer, at: clock.now)
                volunteers.append(volunteer.id)
            }
            let request = try await store.raise(
                for: person, kind: .shopping, details: "A weekly shop", neededOn: "2026-08-04", needsClearance: false,
                by: coordinator.id, at: clock.now)
            let won = await withTaskGroup(of: Bool.self) { group in
                for volunteer in volunteers {
                    group.addTask {
                        do {
                            try await app.db.change { db in
                                try await GoodNeighbourStore(db, councilID: council.id).record(
                                    .offer(volunteer), on: request.id, at: clock.now)
                            }
                            return true
                        } catch let error as GoodNeighbourProblem {
                            if error.kind == .conflict { return false }
                            Issue.record("unexpected \(error)")
                            return false
                        } catch {
                            Issue.record("unexpected \(error)")
                            return false
                        }
                    }
                }
                return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(won == 1)
            let offered = try await store.request(request.id)
            #expect(offered.status == .offered)
            #expect(offered.volunteerID.map(volunteers.contains) == true)
        }
    }

    @Test func aVolunteerIsEditedRestedBroughtBackMarkedAsLeftAndErased() async throws {
        try await withAlongside { app, clock in
            let (council, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let store = GoodNeighbourStore(app.db, councilID: council.id)
            let dev = Volunteer(
                id: .init(UUID()), name: "Dev", phone: "07700 900456", postcode: "DE1 1AA", helpsWith: [.shopping],
                availableDays: [],
                checks: [.init(id: .init(UUID()), kind: .enhanced, issuedOn: "2026-01-01", expiresOn: "2029-01-01")])
            try await store.save(dev, at: clock.now)
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let path = "/good-neighbours/volunteers/\(dev.id)"
            #expect(try await browser.get(path + "/edit").body.string.contains("value=\"07700 900456\""))
            let bad = try await browser.post(
                path, form: ["volunteerName": "", "volunteerPostcode": "DE1 1AA", "travel": "3"])
            #expect(bad.status == .unprocessableEntity)
            let edited = try await browser.post(
                path,
                form: [
                    "volunteerName": "Dev Patel", "volunteerPostcode": "DE1 1AA", "travel": "5", "helpsWith[]": "lift",
                    "phone": "07700 900457",
                ])
            #expect(edited.status == .seeOther)
            var now = try await store.volunteer(dev.id)
            #expect(now.name == "Dev Patel" && now.helpsWith == [.lift] && now.checks.count == 1)
            #expect(try await browser.post(path + "/status", form: ["status": "resting"]).status == .seeOther)
            #expect(try await store.volunteers(activeOnly: true).isEmpty)
            #expect(try await browser.post(path + "/status", form: ["status": "active"]).status == .seeOther)
            #expect(try await store.volunteers(activeOnly: true).count == 1)
            #expect(try await browser.post(path + "/status", form: ["status": "left"]).status == .seeOther)
            now = try await store.volunteer(dev.id)
            #expect(now.status == .left && now.leftOn == ISODay.string(clock.now))
            #expect(try await browser.post(path + "/status", form: ["status": "gone"]).status == .unprocessableEntity)
            #expect(try await browser.post(path + "/erase", form: [:]).status == .unprocessableEntity)
            #expect(try await browser.post(path + "/erase", form: ["confirm": "yes"]).status == .seeOther)
            now = try await store.volunteer(dev.id)
            #expect(now.erased == true && now.phone.isEmpty && now.checks.isEmpty && now.name.isEmpty)
            #expect(now.shownName == "Erased volunteer")
            #expect(!(try await browser.get(path).body.string.contains("Dev Patel")))
            #expect(try await browser.post(path + "/status", form: ["status": "active"]).status == .conflict)
        }
    }

    @Test func twoPeopleChangingOneVolunteerAtOnceLoseNothing() async throws {
        try await withAlongside { app, clock in
            let (council, coordinator, leader, _) = try await Factory(app: app).coveredCouncil()
            let store = GoodNeighbourStore(app.db, councilID: council.id)
            let dev = Volunteer(
                id: .init(UUID()), name: "Dev", phone: "07700 900456", postcode: "DE1 1AA", helpsWith: [.shopping],
                availableDays: [], checks: [])
            try await store.save(dev, at: clock.now)
            let path = "/good-neighbours/volunteers/\(dev.id)"
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            #expect(try await browser.get(path + "/edit").body.string.contains("name=\"version\" value=\"0\""))
            // While the edit form is open, a check is added: the edit keeps it.
            try await store.addCheck(
                .init(id: .init(UUID()), kind: .enhanced, issuedOn: "2026-01-01", expiresOn: "2029-01-01"), to: dev.id,
                at: clock.now)
            let form = [
                "volunteerName": "Dev Patel", "volunteerPostcode": "DE1 1AA", "travel": "5", "helpsWith[]": "lift",
                "version": "0",
            ]
            let stale = try await browser.post(path, form: form)
            #expect(stale.status == .conflict)
            let body = stale.body.string
            #expect(body.contains("Someone else changed this volunteer after you opened the page"))
            #expect(body.contains("value=\"Dev Patel\"") && body.contains("name=\"version\" value=\"1\""))
            #expect(try await store.volunteer(dev.id).name == "Dev")
            var again = form
            again["version"] = "1"
            #expect(try await browser.post(path, form: again).status == .seeOther)
            let now = try await store.volunteer(dev.id)
            #expect(now.name == "Dev Patel" && now.checks.count == 1)
            // A team leader rests them from a page opened before that edit: told, not applied.
            let lead = Browser(app)
            try await lead.signIn(leader.email, password: testPassword)
            let restStale = try await lead.post(path + "/status", form: ["status": "resting", "version": "1"])
            #expect(restStale.status == .conflict)
            #expect(try await store.volunteer(dev.id).active)
            // Two edits at once from the same version: one is saved, the other told.
            let results = await withTaskGroup(of: Bool.self) { group in
                for name in ["Dev A", "Dev B"] {
                    group.addTask {
                        (try? await store.save(
                            Volunteer(
                                id: dev.id, name: name, postcode: "DE1 1AA", helpsWith: [.lift], availableDays: [],
                                checks: []), expectedVersion: 2, at: clock.now)) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            #expect(try await store.volunteerRead(dev.id).version == 3)
            #expect(try await store.volunteer(dev.id).checks.count == 1)
        }
    }

    @Test func aRequestBeingArrangedIsCorrectedWithTheEarlierWordsKept() async throws {
        try await withAlongside { app, clock in
            let (council, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let person = try await Factory(app: app).introduce(council, name: "Margaret Hale")
            let store = GoodNeighbourStore(app.db, councilID: council.id)
            let request = try await store.raise(
                for: person, kind: .shopping, details: "A weekly shop", neededOn: "2026-08-04", needsClearance: false,
                by: coordinator.id, at: clock.now)
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let path = "/good-neighbours/requests/\(request.id)/details"
            let bad = try await browser.post(path, form: ["helpDetails": "", "helpNeededOn": "5/8/2026"])
            #expect(bad.status == .unprocessableEntity)
            #expect(
                try await browser.post(path, form: ["helpDetails": "A fortnightly shop", "helpNeededOn": "5/8/2026"])
                    .status == .seeOther)
            let now = try await store.request(request.id)
            #expect(now.details == "A fortnightly shop" && now.neededOn == "2026-08-05")
            let corrections = try await PeopleStore(app.db, councilID: council.id).corrections(of: person.id)
            #expect(corrections.first?.changes.first?.from == "A weekly shop")
            try await store.record(.cancel, on: request.id, at: clock.now)
            #expect(
                try await browser.post(path, form: ["helpDetails": "Again", "helpNeededOn": "5/8/2026"]).status
                    == .unprocessableEntity)
        }
    }
}
