import AlongsideCore
import AlongsideStore
import AlongsideWeb
import Fluent
import Vapor

/// The demo council, slug `demo`: Kestrel Vale, a fictional place with 18 wards, 17 Local Area
/// Coordinators (one per ward, and one ward with nobody, so the gap shows), a team leader, a council
/// admin, an auditor and a network analyst. Every run gives the same data. Never loaded in production.
enum DemoCouncil {
    static let slug = "demo"
    static let name = "Kestrel Vale Council (demo)"
    /// Printed when the demo loads and written in README.md. Only ever used for the demo.
    static let password = "walk-alongside-demo"
    static let uncoveredWard = "Millbrook"

    static let wards: [(code: String, name: String)] = [
        "Abbey Fields", "Ashcombe", "Brackenridge", "Castle Mead", "Chapel End", "Eastbrook", "Fernhill", "Greenway",
        "Harbour Side", "Kestrel Green", "Lark Rise", "Millbrook", "Northgate", "Old Town", "Riverside", "St Anne's",
        "Westmoor", "Willow Park",
    ].enumerated().map { index, name in (String(format: "E05%06d", 900_001 + index), name) }

    static let coordinators = [
        "Amara Okafor", "Ben Hughes", "Carys Lloyd", "Daniel Price", "Esther Mensah", "Farah Iqbal", "Gareth Evans",
        "Hannah Moss", "Imran Chaudhry", "Jess Taylor", "Kofi Boateng", "Laura Bennett", "Mohammed Ali",
        "Niamh Walsh", "Owen Roberts", "Rosa Martins", "Sam Whitfield",
    ]

    static let others: [(email: String, name: String, role: Role)] = [
        ("leader@demo.example", "Priya Shah", .teamLeader),
        ("admin@demo.example", "Tom Fletcher", .councilAdmin),
        ("auditor@demo.example", "Grace Adeyemi", .auditor),
        ("analyst@demo.example", "Nia Thomas", .networkAnalyst),
        ("network@demo.example", "Dafydd Rees", .networkAdmin),
    ]

    /// "Siân Pritchard" → "sian.pritchard@demo.example" (or at the demo council's own domain).
    static func email(for name: String, domain: String = "demo.example") -> String {
        let folded = name.folding(options: .diacriticInsensitive, locale: Locale(identifier: "en_GB"))
        return folded.lowercased().split(separator: " ").map { $0.filter(\.isLetter) }.joined(separator: ".") + "@"
            + domain
    }

    struct Summary {
        let alreadyLoaded: Bool
        var address = "http://127.0.0.1:8080"
        var text: String {
            """
            \(alreadyLoaded ? "The demo council was already loaded." : "Loaded the demo council: \(name), slug \(slug).")
            Sign in at \(address)/sign-in with any of these (password for all: \(password)):
              team leader    leader@demo.example
              council admin  admin@demo.example
              coordinator    amara.okafor@demo.example  (and 16 more coordinators)
              auditor        auditor@demo.example
              analyst        analyst@demo.example  (the Network page compares three demo councils)
              network admin  network@demo.example
              other councils leader@harbourne.example, leader@glanmor.example
            About \(DemoPeople.currentCount) people are being walked alongside now, and \(DemoPeople.pastCount) in the past.
            Demo postcodes look like KV1 1AA; the ward \(uncoveredWard) has no named coordinator.
            """
        }
    }

    /// Generates the demo's people (see `DemoPeople`), dated back from today.
    @discardableResult
    static func loadPeople(on app: Application, postcodes: [PostcodeDirectory.Entry]) async throws -> [Person] {
        guard let council = try await app.stores.councils.find(slug: slug) else { return [] }
        let coverage = try await Stores(app.db, council: council.id).wards.coverage()
        let coordinators = try await app.stores.staff.list(councilID: council.id, roles: [.coordinator]).map(\.id)
        let wards = coverage.rows.map { row in
            (
                ward: row.ward, coordinator: row.coordinator?.id,
                postcodes: postcodes.filter { $0.wardCode == row.ward.code }.map(\.postcode.value)
            )
        }
        var generator = DemoPeople(
            councilID: council.id, wards: wards, coordinators: coordinators, today: app.alongside.now())
        let history = generator.generate()
        try await BulkLoad(app.db, councilID: council.id).write(history)
        // A Department for Education funded programme for care-experienced young people: two years,
        // extended by twelve months, four additional coordinators.
        let programmes = try Stores(app.db, council: council.id).programmes
        let programme = Programme(
            id: .init(UUID(uuidString: "6D0C4F2A-1B7E-4C3A-9E1D-3A5B7C9D0E11")!), councilID: council.id,
            name: "Care Leavers Connected", funder: "Department for Education",
            purpose: "Walking alongside young people leaving care as they build a life in their community.",
            cohort: "Care-experienced young people aged 17 to 25", startsOn: "2025-04-01", endsOn: "2027-03-31",
            extendedTo: "2028-03-31", budgetPence: 48_000_000, extraCoordinators: 4)
        try await programmes.save(programme)
        for person in history.people where person.categories.contains(.careExperienced) {
            try await programmes.join(person.id, to: programme.id, on: "2025-04-01")
        }
        return history.people
    }

    /// The community directory: a few hundred resources across the wards (see `DemoDirectory`).
    static func loadDirectory(on app: Application, postcodes: [PostcodeDirectory.Entry]) async throws {
        guard let council = try await app.stores.councils.find(slug: slug) else { return }
        let today = app.alongside.now()
        try await app.db.transaction { db in
            var directory = DemoDirectory(
                councilID: council.id,
                wards: wards.map { ward in (ward.code, ward.name, postcodes.filter { $0.wardCode == ward.code }) },
                today: today)
            _ = try await directory.load(on: db)
        }
    }

    static func load(on app: Application) async throws -> Summary {
        guard app.environment != .production else {
            throw CommandFailure("The demo council is for trying Alongside out and is never loaded in production.")
        }
        if try await app.stores.councils.find(slug: slug) != nil {
            return Summary(alreadyLoaded: true)
        }
        let hash = try await app.password.async.hash(password)
        let postcodesFile = app.directory.resourcesDirectory + "Demo/postcodes.csv"
        guard let data = FileManager.default.contents(atPath: postcodesFile) else {
            throw CommandFailure("The demo postcode table is missing at \(postcodesFile).")
        }
        let postcodes = try PostcodeDirectory.parse(String(decoding: data, as: UTF8.self))
        // A fixed start date so every run gives the same history.
        let start = Date(timeIntervalSince1970: 1_735_689_600)  // 1 January 2025
        let handover = Date(timeIntervalSince1970: 1_756_684_800)  // 1 September 2025

        try await app.db.transaction { db in
            let council = try await Stores(db).councils.create(slug: slug, name: name)
            // Both languages, so anyone trying Alongside can see the Welsh pages.
            try await Stores(db).councils.setLanguages([.english, .welsh], for: council.id)
            let staff = Stores(db).staff
            var people: [StaffMember] = []
            for name in coordinators {
                people.append(
                    try await staff.create(
                        councilID: council.id, email: email(for: name), name: name, role: .coordinator,
                        passwordHash: hash))
            }
            var admin: StaffMember?
            for other in others {
                let member = try await staff.create(
                    councilID: council.id, email: other.email, name: other.name, role: other.role, passwordHash: hash)
                if other.role == .councilAdmin { admin = member }
            }
            let store = try Stores(db, council: council.id).wards
            var next = people.makeIterator()
            var covered: [Ward] = []
            for (code, wardName) in wards {
                let ward = try await store.create(code: code, name: wardName)
                guard wardName != uncoveredWard, let coordinator = next.next() else { continue }
                try await store.assign(ward.id, to: coordinator.id, by: admin?.id, at: start)
                covered.append(ward)
            }
            // Two handovers in September 2025 give the history something to show, and Millbrook lost
            // its coordinator then.
            if covered.count >= 2 {
                let first = covered[0]
                let second = covered[1]
                let a = try await store.history(of: first.id)[0].coordinatorID
                let b = try await store.history(of: second.id)[0].coordinatorID
                try await store.assign(first.id, to: b, by: admin?.id, at: handover)
                try await store.assign(second.id, to: a, by: admin?.id, at: handover)
            }
            if let millbrook = try await store.find(code: wards.first { $0.name == uncoveredWard }?.code ?? "") {
                try await store.assign(millbrook.id, to: people.last?.id, by: admin?.id, at: start)
                try await store.assign(millbrook.id, to: nil, by: admin?.id, at: handover)
            }
            try await Stores(db).postcodes.load(postcodes)
        }
        let people = try await loadPeople(on: app, postcodes: postcodes)
        try await loadDirectory(on: app, postcodes: postcodes)
        guard let council = try await app.stores.councils.find(slug: slug) else {
            return Summary(alreadyLoaded: false)
        }
        let today = app.alongside.now()
        try await app.db.transaction { db in
            var community = DemoCommunity(councilID: council.id, today: today)
            try await community.load(on: db, people: people, postcodes: postcodes)
        }
        try await DemoNetwork.load(on: app, passwordHash: hash)
        // The figures' summaries of everyone loaded (bulk writes mark people; this works them out).
        try await app.db.transaction { db in try await Stores(db).summaries.catchUp() }
        return Summary(alreadyLoaded: false)
    }
}
