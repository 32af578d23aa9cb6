import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

@Suite("Community directory pages")
struct DirectoryPageTests {
    @Test func anyoneCanSearchThePublicDirectoryByWordsPostcodeCategoryAndDay() async throws {
        try await withAlongside { app, _ in
            let council = try await Factory(app: app).directoryCouncil()
            let visitor = Browser(app)
            #expect(try await visitor.get("/directory").headers.first(name: .location) == "/directory/kestrel")
            let store = DirectoryStore(app.db, councilID: council.id)
            let lunch = try #require(try await store.terms().first { $0.code == "lunch-clubs" })
            let page = try await visitor.get(
                "/directory/kestrel?q=lunch&postcode=kv1+2bg&category=\(lunch.id)&day=TU")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Abbey Fields Lunch Club"))
            #expect(html.contains("Every Tuesday, 12:00 to 14:00"))
            #expect(html.contains("nearest KV1 2BG first"))
            #expect(!html.contains("Friday Lunch Club"))
            let abbey = try #require(html.range(of: "Abbey Fields Lunch Club"))
            let ashcombe = try #require(html.range(of: "Ashcombe Lunch Club"))
            #expect(abbey.lowerBound < ashcombe.lowerBound)

            let bad = try await visitor.get("/directory/kestrel?postcode=zzz")
            #expect(bad.body.string.contains("Enter a postcode like KV1 1AA"))
            let unknown = try await visitor.get("/directory/kestrel?postcode=ZZ9+9ZZ")
            #expect(unknown.body.string.contains("We do not know the postcode ZZ9 9ZZ"))

            let id = try #require(try await store.find(DirectorySearch()).first?.resourceID)
            let show = try await visitor.get("/directory/kestrel/resources/\(id)")
            #expect(show.status == .ok)
            #expect(show.body.string.contains("Run by"))
            var closed = try #require(try await store.resource(id))
            closed.status = .defunct
            try await store.save(closed, by: DirectoryEditor(staffID: nil, name: "Test"), at: Date())
            #expect(try await visitor.get("/directory/kestrel/resources/\(id)").status == .notFound)
            #expect(try await visitor.get("/community/resources").status == .seeOther)
        }
    }

    @Test func staffAddAndChangeResourcesKeepingEveryVersion() async throws {
        try await withAlongside { app, clock in
            let (council, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            #expect(try await browser.get("/community/resources/new").status == .ok)
            let terms = try await DirectoryStore(app.db, councilID: council.id).terms()
            let walking = try #require(terms.first { $0.code == "walking" })
            var form = [
                "name": "Northfield Health Walk", "newOrganisation": "Northfield Walkers",
                "description": "An easy hour's walk.", "categories[]": walking.id.description,
                "frequency": "WEEKLY", "days[]": "WE", "opensAt": "10:00", "closesAt": "11:00",
                "address": "Park Gates", "town": "Derby", "postcode": "de11aa", "fees": "Free", "status": "active",
            ]
            let bad = try await browser.post(
                "/community/resources", form: form.merging(["postcode": "nowhere", "opensAt": "25:00"]) { $1 })
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Enter times on a 24-hour clock"))
            #expect(bad.body.string.contains("Enter the postcode of where it meets"))
            let created = try await browser.post("/community/resources", form: form)
            #expect(created.status == .seeOther)
            let path = try #require(
                created.headers.first(name: .location)?.split(separator: "?").first.map(String.init))
            clock.advance(3_600)
            form["closesAt"] = "11:30"
            form["newOrganisation"] = ""
            let store = DirectoryStore(app.db, councilID: council.id)
            form["organisation"] = try #require(try await store.organisations().first?.id.description)
            #expect(try await browser.post(path, form: form).status == .seeOther)
            let page = try await browser.get(path).body.string
            #expect(page.contains("when it meets"))
            #expect(page.contains("Amara Okafor"))
            #expect(page.contains("Every Wednesday, 10:00 to 11:30"))
            let saved = try #require(try await store.find(DirectorySearch()).first)
            let resource = try #require(try await store.resource(saved.resourceID))
            #expect(resource.sites.first?.location.wardCode == "E05000001")
            #expect(try await store.versions(of: resource.id).count == 2)

            clock.advance(Double(CommunityDirectory.reviewDays + 1) * 86_400)
            try await browser.signIn(coordinator.email, password: testPassword)
            let review = try await browser.get("/community/resources/review").body.string
            #expect(review.contains("Northfield Health Walk"))
            #expect(try await browser.post(path + "/checked", form: [:]).status == .seeOther)
            #expect(
                !(try await browser.get("/community/resources/review").body.string.contains("Northfield Health Walk")))
        }
    }

    @Test func aCoordinatorConnectsAPersonAndAsksThreeMonthsOnWhetherItLasted() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let council = try await factory.directoryCouncil()
            let coordinator = try await factory.staff(council, .coordinator, name: "Amara Okafor")
            let wards = try await WardStore(app.db, councilID: council.id)
            let abbey = try await wards.create(code: "E05900001", name: "Abbey Fields")
            try await wards.assign(abbey.id, to: coordinator.id, by: nil, at: clock.now)
            let person = try await factory.introduce(council, name: "Margaret Hale", postcode: "KV1 2BG")
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let record = try await browser.get("/people/\(person.id)").body.string
            #expect(record.contains("/community/resources?for=\(person.id)&amp;postcode=KV1%202BG"))
            let found = try await browser.get("/community/resources?for=\(person.id)&postcode=KV1+2BG&q=lunch&day=TU")
            let html = found.body.string
            #expect(html.contains("Connect Margaret Hale to Abbey Fields Lunch Club"))
            let store = DirectoryStore(app.db, councilID: council.id)
            var search = DirectorySearch()
            search.text = DirectoryQuery("Abbey Fields Lunch Club")
            let club = try #require(
                try await store.resources(try await store.find(search).map(\.resourceID)).first {
                    $0.name == "Abbey Fields Lunch Club"
                }
            ).id
            let connected = try await browser.post(
                "/people/\(person.id)/connections", form: ["resourceID": club.description])
            #expect(connected.status == .seeOther)
            var page = try await browser.get("/people/\(person.id)").body.string
            #expect(page.contains("Ask at three months"))
            #expect(page.contains("class=\"map-label\">Abbey Fields Lu…"))

            clock.advance(91 * 86_400)
            try await browser.signIn(coordinator.email, password: testPassword)
            page = try await browser.get("/people/\(person.id)").body.string
            #expect(page.contains("Still going three months on?"))
            let connection = try #require(
                try await PeopleStore(app.db, councilID: council.id).connections(of: person.id).first)
            #expect(
                try await browser.post(
                    "/people/\(person.id)/connections/\(connection.id)/lasting", form: ["lasting": "yes"]
                ).status == .seeOther)
            page = try await browser.get("/people/\(person.id)").body.string
            #expect(page.contains("Still going at three months"))

            let given = try await browser.post(
                "/people/\(person.id)/contributions",
                form: ["contributionKind": "volunteering", "contributionWhat": "Serves teas at the lunch club"])
            #expect(given.status == .seeOther)
            let empty = try await browser.post("/people/\(person.id)/contributions", form: ["contributionWhat": " "])
            #expect(empty.status == .unprocessableEntity)
            #expect(try await browser.get("/people/\(person.id)").body.string.contains("Serves teas at the lunch club"))

            let leader = try await factory.staff(council, .teamLeader)
            let lead = Browser(app)
            try await lead.signIn(leader.email, password: testPassword)
            let csv = try await lead.get("/dashboard.csv?period=fy2026").body.string
            #expect(csv.contains("\"Connections made, by kind\",Community resource,1"))
            #expect(csv.contains("three months on,Still going,1"))
            #expect(csv.contains("Contributions people make,Volunteering,1"))
        }
    }
}

@Suite("Community work")
struct CommunityWorkTests {
    @Test func coordinatorsLogWorkWithTheCommunityByWard() async throws {
        try await withAlongside { app, _ in
            let (council, coordinator, _, northfield) = try await Factory(app: app).coveredCouncil()
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let form = try await browser.get("/community/work").body.string
            #expect(form.contains("<option value=\"\(northfield.id)\" selected>Northfield</option>"))
            let bad = try await browser.post(
                "/community/work", form: ["ward": northfield.id.description, "kind": "met-a-group", "notes": ""])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Say what happened"))
            let saved = try await browser.post(
                "/community/work",
                form: [
                    "ward": northfield.id.description, "kind": "helped-a-group-start", "happenedOn": "1/7/2026",
                    "minutes": "90", "notes": "Met three parents who want a toddler group at the library",
                ])
            #expect(saved.status == .seeOther)
            let list = try await browser.get("/community/work?ward=\(northfield.id)").body.string
            #expect(list.contains("Helped a new group start"))
            #expect(list.contains("toddler group"))
            let entries = try await CommunityWorkStore(app.db, councilID: council.id).entries()
            #expect(entries.first?.staffName == "Amara Okafor")
            let auditor = try await Factory(app: app).staff(council, .auditor)
            let outsider = Browser(app)
            try await outsider.signIn(auditor.email, password: testPassword)
            #expect(try await outsider.get("/community/work").status == .forbidden)
        }
    }
}
