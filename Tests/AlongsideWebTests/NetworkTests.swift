import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideDemo
@testable import AlongsideWeb

@Suite("The Network: comparisons, sharing and the practice library")
struct NetworkTests {
    @Test func theNetworkAnalystComparesTheThreeDemoCouncilsWithSmallCountsSuppressed() async throws {
        try await withAlongside { app, _ in
            _ = try await DemoCouncil.load(on: app)
            let browser = Browser(app)
            try await browser.signIn("analyst@demo.example", password: DemoCouncil.password)
            let page = try await browser.get("/network")
            #expect(page.status == .ok)
            let html = page.body.string
            for name in ["Kestrel Vale Council (demo)", "Harbourne Council (demo)", "Glanmor County Council (demo)"] {
                #expect(html.contains("<th scope=\"col\">\(name)</th>"))
            }
            #expect(html.contains("title=\"suppressed: too few people to show\">*</abbr>"))
            #expect(html.contains("<svg"))
            // Nothing on it names or links to a person.
            #expect(!html.contains("/people/"))

            let csv = try await browser.get("/network.csv?period=fy2026")
            #expect(csv.headers.contentType?.subType == "csv")
            let lines = csv.body.string.split(separator: "\r\n").map(String.init)
            #expect(lines[0].hasPrefix("section,measure,Glanmor County Council (demo),Harbourne Council (demo)"))
            #expect(lines.contains { $0.contains("suppressed") })
            // Every count about people is 0, suppressed or a multiple of 5.
            let introductions = try #require(lines.first { $0.hasPrefix("Summary,Introductions,") })
            for value in introductions.split(separator: ",").dropFirst(2).filter({ !$0.isEmpty }) {
                #expect(value == "suppressed" || (Int(value) ?? 1) % 5 == 0, "\(value)")
            }
            let bad = try await browser.get("/network?period=1999")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Choose one of the periods offered, or enter the first and last day."))
        }
    }

    @Test func onlyCouncilsThatOptInAreCompared() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (sharing, _, _, _) = try await factory.coveredCouncil("sharing")
            let quiet = try await factory.council("quiet", name: "Quiet Council")
            let admin = try await factory.staff(sharing, .councilAdmin)
            let analyst = try await factory.staff(quiet, .networkAnalyst)

            let adminBrowser = Browser(app)
            try await adminBrowser.signIn(admin.email, password: testPassword)
            let refused = try await adminBrowser.post(
                "/settings/network", form: ["shareWithNetwork": "yes", "annualInvestment": "lots"])
            #expect(refused.status == .unprocessableEntity)
            #expect(try await CouncilStore(app.db).find(sharing.id)?.sharesWithNetwork == false)
            let saved = try await adminBrowser.post(
                "/settings/network", form: ["shareWithNetwork": "yes", "annualInvestment": "£250,000"])
            #expect(saved.status == .seeOther)
            let stored = try #require(try await CouncilStore(app.db).find(sharing.id))
            #expect(stored.sharesWithNetwork)
            #expect(stored.annualInvestmentPence == 25_000_000)

            let browser = Browser(app)
            try await browser.signIn(analyst.email, password: testPassword)
            let html = try await browser.get("/network").body.string
            #expect(html.contains("Sharing Council"))
            #expect(!html.contains("<th scope=\"col\">Quiet Council</th>"))
            #expect(html.contains("1 council on this deployment does not share"))
        }
    }

    @Test func theNetworkAnalystSeesAggregatesOnlyNeverAPerson() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, _, _, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let analyst = try await factory.staff(council, .networkAnalyst)
            let coordinator = try await factory.staff(council, .coordinator)
            let browser = Browser(app)
            try await browser.signIn(analyst.email, password: testPassword)
            #expect(try await browser.get("/people/\(person.id)").status == .forbidden)
            #expect(try await browser.get("/caseload").status == .forbidden)
            #expect(try await browser.get("/dashboard").status == .forbidden)
            #expect(try await browser.get("/network").status == .ok)
            let other = Browser(app)
            try await other.signIn(coordinator.email, password: testPassword)
            #expect(try await other.get("/network").status == .forbidden)
            #expect(try await other.get("/network/practice").status == .ok)
        }
    }

    @Test func aStoryApprovedInOneCouncilReachesTheOthersWithoutAnyPersonalDetail() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, _, leader, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale", email: "margaret@example.org")
            let stories = StoryStore(app.db, councilID: council.id)
            try await stories.write(
                for: person, title: "Singing again",
                body: "After her husband died she stopped going out. Now she sings at the Tuesday choir.",
                consent: true, by: leader.id, at: clock.now)
            let story = try #require(try await stories.stories(status: .awaitingApproval).first)

            let lead = Browser(app)
            try await lead.signIn(leader.email, password: testPassword)
            // Not yet approved: it cannot be shared.
            let early = try await lead.post("/stories/\(story.id)/share", form: ["themes[]": "loneliness"])
            #expect(early.status == .conflict)
            try await stories.approve(story.id, by: leader.id, at: clock.now)
            #expect(try await lead.get("/stories").body.string.contains("Share with the Network"))
            let noTheme = try await lead.post("/stories/\(story.id)/share", form: [:])
            #expect(noTheme.status == .unprocessableEntity)
            let shared = try await lead.post("/stories/\(story.id)/share", form: ["themes[]": "loneliness"])
            #expect(shared.status == .seeOther)
            let twice = try await lead.post("/stories/\(story.id)/share", form: ["themes[]": "loneliness"])
            #expect(twice.status == .conflict)

            let elsewhere = try await factory.council("elsewhere", name: "Elsewhere Council")
            let reader = try await factory.staff(elsewhere, .coordinator)
            let browser = Browser(app)
            try await browser.signIn(reader.email, password: testPassword)
            let library = try await browser.get("/network/practice?theme=loneliness").body.string
            #expect(library.contains("Singing again"))
            #expect(library.contains("Testshire Council"))
            let item = try #require(try await PracticeStore(app.db).items().first)
            let page = try await browser.get("/network/practice/\(item.item.id)").body.string
            #expect(page.contains("Tuesday choir"))
            for detail in ["Margaret", "Hale", "07700 900123", "margaret@example.org", "DE1 1AA", "\(person.id)"] {
                #expect(!page.contains(detail), "\(detail)")
            }
            // Another council cannot take it out; its own council can.
            #expect(
                try await browser.post("/network/practice/\(item.item.id)/withdraw", form: [:]).status == .forbidden)
            let otherLeader = try await factory.staff(elsewhere, .teamLeader)
            let otherLead = Browser(app)
            try await otherLead.signIn(otherLeader.email, password: testPassword)
            #expect(
                try await otherLead.post("/network/practice/\(item.item.id)/withdraw", form: [:]).status == .notFound)
            #expect(try await PracticeStore(app.db).items().count == 1)
            let own = try await lead.post("/network/practice/\(item.item.id)/withdraw", form: [:])
            #expect(own.status == .seeOther)
            #expect(try await PracticeStore(app.db).items().isEmpty)
        }
    }

    @Test func withdrawingConsentOrErasingTheRecordTakesTheStoryOutOfTheLibrary() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, _, leader, _) = try await factory.coveredCouncil()
            let people = PeopleStore(app.db, councilID: council.id)
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let consent = try await people.recordConsent(
                person.id, kind: .tellStory, partner: nil, givenOn: "2026-11-01", by: leader.id, at: clock.now)
            let stories = StoryStore(app.db, councilID: council.id)
            try await stories.write(
                for: person, title: "Singing again", body: "She sings at the Tuesday choir now, every week.",
                consent: true, by: leader.id, at: clock.now)
            let story = try #require(try await stories.stories(status: .awaitingApproval).first)
            try await stories.approve(story.id, by: leader.id, at: clock.now)
            let practice = PracticeStore(app.db)
            try await practice.publish(
                story: story.id, councilID: council.id, themes: [.loneliness], by: leader.id, at: clock.now)
            try await practice.publish(
                councilID: council.id, kind: .idea, title: "Street lunches",
                body: "Neighbours meet monthly in a front garden; it works.", themes: [.loneliness], eventOn: nil,
                eventPlace: nil, by: leader.id, at: clock.now)
            #expect(try await practice.items().count == 2)
            try await people.withdrawConsent(consent.id, of: person.id, on: "2026-11-20")
            #expect(try await practice.items().map(\.item.title) == ["Street lunches"])
        }
    }

    @Test func anIdeaWithContactDetailsIsRefusedSayingWhatToFixAndNothingIsShared() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (_, coordinator, leader, _) = try await factory.coveredCouncil()
            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)
            #expect(try await browser.get("/network/practice/new").status == .ok)
            let refused = try await browser.post(
                "/network/practice",
                form: [
                    "kind": "idea", "title": "Street lunches",
                    "body": "Neighbours meet monthly; ring Jo on 07700 900456 to start one.", "themes[]": "loneliness",
                ])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("a phone number (07700 900456)"))
            #expect(refused.body.string.contains("Street lunches"))
            #expect(try await PracticeStore(app.db).items().isEmpty)
            let event = try await browser.post(
                "/network/practice",
                form: [
                    "kind": "event", "title": "Network gathering", "body": "A day of sharing what works in our area.",
                    "themes[]": "evidence", "eventOn": "3/4/2027", "eventPlace": "Civic Hall",
                ])
            #expect(event.status == .seeOther)
            let item = try #require(try await PracticeStore(app.db).items().first?.item)
            #expect(item.eventOn == "2027-04-03")
            let coordinatorBrowser = Browser(app)
            try await coordinatorBrowser.signIn(coordinator.email, password: testPassword)
            #expect(try await coordinatorBrowser.get("/network/practice/new").status == .forbidden)
        }
    }

    @Test func aNetworkAdminAddsACouncilWithItsFirstAdminInOneStep() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let host = try await factory.council()
            let networkAdmin = try await factory.staff(host, .networkAdmin)
            let browser = Browser(app)
            try await browser.signIn(networkAdmin.email, password: testPassword)
            // The navigation marks the page's own item only, not "Network" as well.
            let page = try await browser.get("/network/councils").body.string
            #expect(page.contains("<a href=\"/network/councils\" aria-current=\"page\">Councils</a>"))
            #expect(page.contains("<a href=\"/network\">Network</a>"))
            let weak = try await browser.post(
                "/network/councils",
                form: [
                    "councilName": "Derby City Council", "slug": "derby", "adminName": "Dee Admin",
                    "adminEmail": "dee@derby.example", "adminPassword": "short",
                ])
            #expect(weak.status == .unprocessableEntity)
            #expect(try await CouncilStore(app.db).find(slug: "derby") == nil)
            let taken = try await browser.post(
                "/network/councils",
                form: [
                    "councilName": "Derby City Council", "slug": "derby", "adminName": "Dee Admin",
                    "adminEmail": networkAdmin.email, "adminPassword": "a long enough passphrase here",
                ])
            #expect(taken.status == .unprocessableEntity)
            #expect(try await CouncilStore(app.db).find(slug: "derby") == nil)
            let added = try await browser.post(
                "/network/councils",
                form: [
                    "councilName": "Derby City Council", "slug": "derby", "adminName": "Dee Admin",
                    "adminEmail": "dee@derby.example", "adminPassword": "a long enough passphrase here",
                ])
            #expect(added.status == .seeOther)
            let derby = try #require(try await CouncilStore(app.db).find(slug: "derby"))
            let admins = try await StaffStore(app.db).list(councilID: derby.id)
            #expect(admins.map(\.role) == [.councilAdmin])
            let theirs = Browser(app)
            try await theirs.signIn("dee@derby.example", password: "a long enough passphrase here")
            #expect(try await theirs.get("/wards").status == .ok)
            let leader = try await factory.staff(host, .teamLeader)
            let other = Browser(app)
            try await other.signIn(leader.email, password: testPassword)
            #expect(try await other.get("/network/councils").status == .forbidden)
        }
    }
}
