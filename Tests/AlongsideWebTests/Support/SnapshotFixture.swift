import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import AlongsideDemo
@testable import AlongsideWeb

/// The fixed council every page snapshot is taken of: Testshire, its staff (one of each role, fixed names,
/// emails and password), two wards (Northfield covered by Amara Okafor, Southmead uncovered), a community
/// directory, people at several stages with a record worth showing, a volunteer and a request for help, a
/// programme, a saved SROI report, a story and a practice item. Made through the stores and the real forms
/// with the test's pinned clock and counting ids, so every page comes out the same on every run and on
/// SQLite and PostgreSQL alike.
struct SnapshotFixture: Sendable {
    let council: Council
    let staff: [Viewer: StaffMember]
    /// A coordinator with nobody on their caseload (empty lists).
    let newcomer: StaffMember
    let northfield: Ward
    let southmead: Ward
    /// Margaret Hale: on Amara's caseload, with conversations, a vision, steps, people in her life, a story
    /// and a request for help.
    let margaret: Person
    /// Maggie Hale: the same phone number as Margaret, so a likely duplicate of her.
    let maggie: Person
    /// Tom Baker: introduced in uncovered Southmead, waiting in the team leader's queue.
    let tom: Person
    let resource: CommunityResource.ID
    let volunteer: String
    let helpRequest: String
    let programme: String
    let sroiReport: String
    let practiceItem: String
    /// The first id in each of the Open Referral feed's lists (`services`, `organizations`, …).
    let oruk: [String: String]

    func member(_ viewer: Viewer) -> StaffMember { staff[viewer]! }

    /// A browser signed in as `viewer` (signed out for `.signedOut`).
    func browser(_ app: Application, as viewer: Viewer) async throws -> Browser {
        let browser = Browser(app)
        if viewer != .signedOut {
            let response = try await browser.signIn(member(viewer).email, password: testPassword)
            try #require(response.status == .seeOther, "\(viewer.rawValue) signs in")
        }
        return browser
    }

    static func make(_ app: Application, _ clock: TestClock) async throws -> SnapshotFixture {
        let factory = Factory(app: app)
        let council = try await factory.council("testshire", name: "Testshire Council")
        var staff: [Viewer: StaffMember] = [:]
        let people: [(Viewer, Role, String, String)] = [
            (.coordinator, .coordinator, "Amara Okafor", "amara"),
            (.teamLeader, .teamLeader, "Priya Shah", "priya"),
            (.councilAdmin, .councilAdmin, "Sam Reid", "sam"),
            (.auditor, .auditor, "Alex Moss", "alex"),
            (.networkAnalyst, .networkAnalyst, "Nia Evans", "nia"),
            (.networkAdmin, .networkAdmin, "Rhys Morgan", "rhys"),
        ]
        for (viewer, role, name, email) in people {
            staff[viewer] = try await factory.staff(council, role, email: "\(email)@testshire.example", name: name)
        }
        let newcomer = try await factory.staff(
            council, .coordinator, email: "ben@testshire.example", name: "Ben Carter")
        let amara = staff[.coordinator]!
        let northfield = try await factory.ward(council, code: "E05000001", name: "Northfield", coordinator: amara)
        let southmead = try await factory.ward(council, code: "E05000002", name: "Southmead")
        let postcodes: [PostcodeDirectory.Entry] = [
            .init(postcode: Postcode("DE1 1AA")!, wardCode: "E05000001", latitude: 52.9, longitude: -1.47),
            .init(postcode: Postcode("DE1 2AB")!, wardCode: "E05000001", latitude: 52.901, longitude: -1.471),
            .init(postcode: Postcode("DE2 2BB")!, wardCode: "E05000002", latitude: 52.95, longitude: -1.40),
        ]
        try await PostcodeStore(app.db).load(postcodes)
        var directory = DemoDirectory(
            councilID: council.id,
            wards: [("E05000001", "Northfield", Array(postcodes.prefix(2))), ("E05000002", "Southmead", [])],
            today: clock.now)
        _ = try await directory.load(on: app.db)
        let first = try await app.db.sql.select().column("id").from("directory_resources")
            .where("council_id", .equal, council.id.uuid).orderBy("name").orderBy("id").limit(1).first()
        let resource = CommunityResource.ID(try #require(try first?.decode(column: "id", as: UUID.self)))

        let margaret = try await factory.introduce(
            council, name: "Margaret Hale", dateOfBirth: "1948-03-02", phone: "07700 900123")
        let maggie = try await factory.introduce(council, name: "Maggie Hale", phone: "07700 900123")
        let tom = try await factory.introduce(council, name: "Tom Baker", postcode: "DE2 2BB", phone: "07700 900999")

        // Amara's work on Margaret's record, through the pages.
        let coordinator = Browser(app)
        try #require(try await coordinator.signIn(amara.email, password: testPassword).status == .seeOther)
        let path = SitePath.person(.value(margaret.id)).path
        try await coordinator.get(path)
        let posts: [(String, [String: String])] = [
            (
                "/conversations",
                ["happenedOn": "10/7/2026", "minutes": "45", "place": "home", "notes": "Talked about her garden."]
            ),
            ("/vision", ["vision": "To sing again and have people round for tea.", "strengths": "Gardening"]),
            ("/steps", ["what": "Visit the Tuesday choir", "who": "Maggie", "dueOn": "1/8/2026"]),
            ("/steps", ["what": "Ask about the allotment", "who": "Maggie", "dueOn": ""]),
            (
                "/measures",
                [
                    "kind": "swemwbs", "takenOn": "1/7/2026", "a1": "3", "a2": "3", "a3": "3", "a4": "3", "a5": "3",
                    "a6": "3", "a7": "4",
                ]
            ),
            (
                "/outcomes",
                [
                    "kind": "avoided-eviction", "happenedOn": "1/7/2026", "otherwise": "Notice to quit for arrears",
                    "confidence": "high",
                ]
            ),
            ("/outcomes", ["kind": "joined-group", "happenedOn": "2/7/2026", "confidence": "medium"]),
            ("/people", ["name": "Susan", "kind": "family", "closeness": "1"]),
            ("/people", ["name": "St Anne's choir", "kind": "group", "closeness": "3"]),
            (
                "/stories",
                [
                    "storyTitle": "Singing again", "consent": "yes",
                    "storyBody": "After her husband died she stopped going out. Now she sings at the Tuesday choir.",
                ]
            ),
            (
                "/help-requests",
                [
                    "helpKind": "shopping", "helpNeededOn": "4/8/2026", "helpDetails": "A weekly shop from the Co-op",
                    "helpNeedsClearance": "yes",
                ]
            ),
        ]
        for (part, form) in posts {
            // Each a minute after the last, so lists in time order have no ties to break.
            clock.advance(60)
            let response = try await coordinator.post(path + part, form: form)
            try #require(response.status == .seeOther, "\(part): \(response.body.string.prefix(2_000))")
        }

        // Priya's: a volunteer, a programme, a saved SROI report, a practice item; the story approved.
        let leader = Browser(app)
        let priya = staff[.teamLeader]!
        try #require(try await leader.signIn(priya.email, password: testPassword).status == .seeOther)
        clock.advance(60)
        let volunteer = try await leader.post(
            "/good-neighbours/volunteers",
            form: [
                "volunteerName": "Dev Patel", "volunteerPostcode": "DE1 1AA", "travel": "3", "helpsWith[]": "shopping",
                "days[]": "TU", "phone": "07700 900456",
            ])
        try #require(volunteer.status == .seeOther, "volunteer: \(volunteer.body.string.prefix(2_000))")
        clock.advance(60)
        let programme = try await leader.post(
            "/programmes",
            form: [
                "name": "Care Leavers Connected", "funder": "Department for Education", "startsOn": "1/4/2025",
                "endsOn": "31/3/2027", "extendedTo": "31/3/2028", "budget": "480,000", "extraCoordinators": "4",
                "cohort": "Care-experienced young people",
            ])
        try #require(programme.status == .seeOther, "programme: \(programme.body.string.prefix(2_000))")
        clock.advance(60)
        let report = try await leader.post(
            "/sroi",
            form: [
                "from": "1/1/2026", "to": "31/12/2026", "scope": "council", "investment": "100", "action": "save",
                "title": "Testshire 2026", "discountRate": "3.5", "discountFirstYear": "yes",
            ])
        try #require(
            report.status == .seeOther,
            "SROI report: \(report.body.string.split(separator: "error-summary-title").last?.prefix(1_500) ?? "")")
        clock.advance(60)
        let item = try await leader.post(
            "/network/practice",
            form: [
                "kind": "event", "title": "Network gathering", "body": "A day of sharing what works in our area.",
                "themes[]": "evidence", "eventOn": "3/4/2027", "eventPlace": "Civic Hall",
            ])
        try #require(item.status == .seeOther, "practice item: \(item.body.string.prefix(2_000))")
        clock.advance(60)
        let story = try #require(
            try await StoryStore(app.db, councilID: council.id).stories(status: .awaitingApproval).first)
        try await StoryStore(app.db, councilID: council.id).approve(story.id, by: priya.id, at: clock.now)
        let request = try #require(
            try await coordinator.get("/good-neighbours").body.string.firstMatch(
                of: /\/good-neighbours\/requests\/[0-9A-Fa-f-]+/))

        var oruk: [String: String] = [:]
        for list in ["services", "service_at_locations", "organizations", "taxonomies", "taxonomy_terms"] {
            struct Page: Decodable {
                struct Item: Decodable { let id: String }
                let contents: [Item]
            }
            let page = try await Browser(app).get("/c/testshire/oruk/\(list)")
            oruk[list] = try #require(
                try JSONDecoder().decode(Page.self, from: Data(page.body.string.utf8)).contents.first?.id)
        }

        return SnapshotFixture(
            council: council, staff: staff, newcomer: newcomer, northfield: northfield, southmead: southmead,
            margaret: margaret, maggie: maggie, tom: tom, resource: resource,
            volunteer: try #require(volunteer.location), helpRequest: String(request.output),
            programme: try #require(programme.location), sroiReport: try #require(report.location),
            practiceItem: try #require(item.location), oruk: oruk)
    }
}
