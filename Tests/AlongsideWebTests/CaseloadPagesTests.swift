import AlongsideCore
import AlongsideStore
import Fluent
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// A long caseload comes in pages of `CaseloadController.pageSize`, its filters kept from page to page, and
/// its counts are of everyone, not of the page.
@Suite("Caseload pages")
struct CaseloadPagesTests {
    @Test func peopleNeverContactedComeFirstByLongestSinceContactAndInNotSeenLately() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            let never = try await factory.introduce(council, name: "Ada Never")  // introduced 14 July
            let long = try await factory.introduce(council, name: "Bea Longago", phone: "07700 900201")
            let lately = try await factory.introduce(council, name: "Cal Lately", phone: "07700 900202")
            let store = PeopleStore(app.db, councilID: council.id)
            for (person, day) in [(long, "2026-01-05"), (lately, "2026-07-20")] {
                try await store.addConversation(
                    to: person.id, by: coordinator.id, happenedOn: day, minutes: nil, place: .home, whoWasThere: "",
                    notes: "", at: clock.now)
            }
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let page = try await browser.get("/caseload?sort=last-contact").body.string
            let order = ["Ada Never", "Bea Longago", "Cal Lately"].compactMap { page.range(of: $0)?.lowerBound }
            #expect(order.count == 3 && order == order.sorted())

            clock.advance(60 * 86_400)
            let notSeen = try await store.notSeen(since: clock.now.addingTimeInterval(-28 * 86_400), limit: 2)
            #expect(notSeen.map(\.id) == [never.id, long.id])
        }
    }

    @Test func aLongCaseloadComesInPagesThatKeepTheFilters() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            let size = CaseloadController.pageSize
            for number in 1...(size + 5) {
                try await factory.introduce(council, name: "Resident \(String(format: "%03d", number))")
            }
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)

            let whole = try await browser.get("/caseload").body.string
            #expect(whole.contains("\(size + 5) people"))
            // The page's table (above it, the few longest waiting for a first contact).
            let first = String(whole[try #require(whole.range(of: "<table")).lowerBound...])
            #expect(rows(in: first) == size)
            #expect(first.contains("Resident 001") && first.contains("Resident \(String(format: "%03d", size))"))
            #expect(!first.contains("Resident \(String(format: "%03d", size + 1))"))
            #expect(first.contains("Page 1 of 2"))
            #expect(first.contains("<a href=\"/caseload?page=2\" rel=\"next\">Next page</a>"))
            #expect(!first.contains("rel=\"prev\""))

            let second = try await browser.get("/caseload?sort=name&page=2").body.string
            #expect(second.contains("\(size + 5) people"))
            #expect(rows(in: second) == 5)
            #expect(second.contains("Resident \(String(format: "%03d", size + 5))"))
            #expect(!second.contains("Resident 001"))
            #expect(second.contains("Page 2 of 2"))
            #expect(second.contains("<a href=\"/caseload?sort=name\" rel=\"prev\">Previous page</a>"))
            #expect(!second.contains("rel=\"next\""))

            // Past the end: the last page. Not a page number: says what to fix.
            #expect(rows(in: try await browser.get("/caseload?page=9").body.string) == 5)
            for wrong in ["0", "-1", "two"] {
                let response = try await browser.get("/caseload?page=\(wrong)")
                #expect(response.status == .unprocessableEntity)
                #expect(response.body.string.contains("The page must be a whole number, 1 or more."))
            }
        }
    }

    @Test func aShortCaseloadIsOnePageWithoutLinks() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            try await factory.introduce(council, name: "Resident One")
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let page = try await browser.get("/caseload").body.string
            #expect(rows(in: page) == 1)
            #expect(!page.contains("class=\"pager\""))
        }
    }

    /// The people listed: one `<th scope="row">` each.
    private func rows(in page: String) -> Int { page.components(separatedBy: "<th scope=\"row\">").count - 1 }

    @Test func theCaseloadIsFilteredSortedAndCutToPagesInSQLTheSameOnEveryDatabase() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            let store = PeopleStore(app.db, councilID: council.id)
            var people: [String: Person] = [:]
            // Accents, case and spaces: PostgreSQL's collation would order these otherwise.
            for (index, name) in ["zoe Adams", "Émile Brun", "anna Cole", "Ann Smith", "Bea Dale"].enumerated() {
                people[name] = try await factory.introduce(council, name: name, phone: "07700 90030\(index)")
            }
            let ann = try #require(people["Ann Smith"])
            let bea = try #require(people["Bea Dale"])
            let emile = try #require(people["Émile Brun"])
            _ = try await store.addStep(to: ann.id, what: "Call", who: "", dueOn: "1/10/2026", at: clock.now)
            _ = try await store.addStep(to: bea.id, what: "Visit", who: "", dueOn: "1/9/2026", at: clock.now)
            try await store.addConversation(
                to: emile.id, by: coordinator.id, happenedOn: "2026-07-20", minutes: nil, place: .home, whoWasThere: "",
                notes: "", at: clock.now)
            let before = clock.now.addingTimeInterval(60 * 86_400)
            func names(_ sort: PeopleStore.CaseloadSort, onlyNotSeen: Bool = false, page: Int = 1, per: Int = 10)
                async throws -> [String]
            {
                try await store.caseloadPage(
                    of: coordinator.id,
                    .init(stage: nil, onlyNotSeen: onlyNotSeen, notSeenBefore: before, sort: sort), page: page, per: per
                ).people.map(\.fullName)
            }
            #expect(try await names(.name) == ["Ann Smith", "anna Cole", "Bea Dale", "Émile Brun", "zoe Adams"])
            #expect(try await names(.nextStep) == ["Bea Dale", "Ann Smith", "anna Cole", "Émile Brun", "zoe Adams"])
            // Never contacted first (by when they were introduced, then name), then the longest since contact.
            #expect(try await names(.lastContact).last == "Émile Brun")
            #expect(try await names(.name, page: 2, per: 2) == ["Bea Dale", "Émile Brun"])
            let past = try await store.caseloadPage(
                of: coordinator.id, .init(stage: nil, onlyNotSeen: false, notSeenBefore: before, sort: .name),
                page: 99, per: 2)
            #expect(past.page == 3 && past.pages == 3 && past.people.map(\.fullName) == ["zoe Adams"])
            #expect(past.total == 5 && past.notSeenTotal == 5)
            // Not seen since the day before Émile's conversation: everyone else, counted in SQL too.
            let notSeen = try await store.caseloadPage(
                of: coordinator.id,
                .init(
                    stage: nil, onlyNotSeen: true, notSeenBefore: ISODay.date("2026-07-19")!, sort: .name),
                page: 1, per: 10)
            #expect(notSeen.total == 4 && notSeen.notSeenTotal == 4)
            #expect(!notSeen.people.contains { $0.id == emile.id })
            let ended = try await store.caseloadPage(
                of: coordinator.id, .init(stage: .ended, onlyNotSeen: false, notSeenBefore: before, sort: .name),
                page: 1, per: 10)
            #expect(ended.total == 0 && ended.pages == 1)
        }
    }
}
