import AlongsideCore
import AlongsideStore
import Fluent
import Vapor
import VaporTesting

@testable import AlongsideWeb

let testPassword = "correct horse battery staple"

/// Builds councils, staff and wards straight through the stores.
struct Factory {
    let app: Application

    @discardableResult
    func council(_ slug: String = "testshire", name: String = "Testshire Council") async throws -> Council {
        try await CouncilStore(app.db).create(slug: slug, name: name)
    }

    @discardableResult
    func staff(
        _ council: Council, _ role: Role, email: String? = nil, name: String? = nil, password: String = testPassword
    ) async throws -> StaffMember {
        let hash = try await app.password.async.hash(password)
        let email = email ?? "\(role.rawValue).\(UUID().uuidString.prefix(6).lowercased())@\(council.slug).example"
        return try await StaffStore(app.db).create(
            councilID: council.id, email: email, name: name ?? "Test \(role.title)", role: role, passwordHash: hash)
    }

    @discardableResult
    func ward(_ council: Council, code: String, name: String, coordinator: StaffMember? = nil) async throws -> Ward {
        let store = WardStore(app.db, councilID: council.id)
        let ward = try await store.create(code: code, name: name)
        if let coordinator {
            try await store.assign(ward.id, to: coordinator.id, by: nil, at: Date(timeIntervalSince1970: 1_780_000_000))
        }
        return ward
    }
}

extension Factory {
    /// A council with two wards: Northfield (E05000001, covered by the returned coordinator) and Southmead
    /// (E05000002, uncovered), and postcodes DE1 1AA → Northfield, DE2 2BB → Southmead.
    func coveredCouncil(_ slug: String = "testshire") async throws -> (
        council: Council, coordinator: StaffMember, leader: StaffMember, northfield: Ward
    ) {
        let council = try await self.council(slug, name: "\(slug.capitalized) Council")
        let coordinator = try await staff(council, .coordinator, name: "Amara Okafor")
        let leader = try await staff(council, .teamLeader, name: "Priya Shah")
        let northfield = try await ward(council, code: "E05000001", name: "Northfield", coordinator: coordinator)
        try await ward(council, code: "E05000002", name: "Southmead")
        try await PostcodeStore(app.db).load(
            try PostcodeDirectory.parse("pcds,osward\nDE1 1AA,E05000001\nDE2 2BB,E05000002\n"))
        return (council, coordinator, leader, northfield)
    }

    /// A coordinator at work on someone's record, the set-up most tests of the record share: the covered council
    /// (`coveredCouncil`), Margaret Hale introduced on it in Northfield (with `phone` and `email`), and a browser
    /// signed in as Northfield's coordinator that has opened her record at `path` and read it as `opened`.
    func signedInOnARecord(phone: String = "07700 900123", email: String = "") async throws -> (
        council: Council, coordinator: StaffMember, leader: StaffMember, person: Person, browser: Browser,
        path: String, opened: String
    ) {
        let (council, coordinator, leader, _) = try await coveredCouncil()
        let person = try await introduce(council, name: "Margaret Hale", phone: phone, email: email)
        let browser = Browser(app)
        try await browser.signIn(coordinator.email, password: testPassword)
        let path = "/people/\(person.id)"
        let opened = try await browser.get(path).body.string
        return (council, coordinator, leader, person, browser, path, opened)
    }

    /// Introduces someone straight through the store.
    @discardableResult
    func introduce(
        _ council: Council, name: String, postcode: String = "DE1 1AA", dateOfBirth: String = "",
        phone: String = "07700 900123",
        email: String = ""
    ) async throws -> Person {
        var draft = IntroductionDraft()
        draft.fullName = name
        draft.postcode = postcode
        draft.dateOfBirth = dateOfBirth
        draft.phone = phone
        draft.email = email
        return try await PeopleStore(app.db, councilID: council.id)
            .introduce(
                try draft.validated(today: Date()).get(), recordedBy: nil,
                at: Date(timeIntervalSince1970: 1_784_000_000)
            )
            .person
    }
}
