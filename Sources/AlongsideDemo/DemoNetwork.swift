import AlongsideCore
import AlongsideStore
import AlongsideWeb
import Fluent
import Foundation
import Vapor

/// Two more fictional councils beside Kestrel Vale, so the Network page has something to compare and
/// the practice library has something to read: Harbourne (mid-sized) and Glanmor (small, so many of its
/// counts are suppressed). Both share their figures; so does Kestrel Vale. Seeded and repeatable; never
/// loaded in production. Sign in as leader@harbourne.example or leader@glanmor.example (demo password).
enum DemoNetwork {
    struct Spec {
        let slug: String
        let name: String
        let domain: String
        let postcodeArea: String
        let wardCodePrefix: String
        let wards: [String]
        let coordinators: [String]
        let people: (current: Int, past: Int)
        let seed: UInt64
        let annualInvestmentPence: Int
    }

    static let councils = [
        Spec(
            slug: "demo-harbourne", name: "Harbourne Council (demo)", domain: "harbourne.example",
            postcodeArea: "HB", wardCodePrefix: "E05",
            wards: [
                "Quayside", "Linden", "Marsh End", "Saltings", "Upper Harbourne", "Cliff View", "St Peter's",
                "Rope Walk",
            ],
            coordinators: [
                "Aled Parry", "Bronwen Hale", "Chinedu Obi", "Deborah Lane", "Emre Yilmaz", "Freya Nolan",
                "George Amankwah",
            ],
            people: (260, 700), seed: 31_122_026, annualInvestmentPence: 42_000_000),
        Spec(
            slug: "demo-glanmor", name: "Glanmor County Council (demo)", domain: "glanmor.example",
            postcodeArea: "GM", wardCodePrefix: "W05", wards: ["Pen-y-bryn", "Afon", "Tregarth", "Maesteg Isaf"],
            coordinators: ["Lowri Jenkins", "Rhys Morgan", "Siân Pritchard"],
            people: (45, 30), seed: 41_122_026, annualInvestmentPence: 9_000_000),
    ]

    static let investmentKestrelVale = 85_000_000

    /// The council's wards with made-up codes and postcodes (area, district per ward, six a ward).
    static func postcodes(_ spec: Spec, index: Int) -> [PostcodeDirectory.Entry] {
        var lines = ["pcds,osward,lat,long"]
        for (ward, _) in spec.wards.enumerated() {
            for street in 0..<6 {
                let letters = ["AA", "AB", "BD", "BE", "DF", "EG"][street]
                lines.append(
                    "\(spec.postcodeArea)\(ward + 1) \(street + 1)\(letters),\(code(spec, ward)),"
                        + String(
                            format: "%.5f,%.5f", 51.5 + Double(index) + Double(ward) * 0.01,
                            -3.2 + Double(street) * 0.002))
            }
        }
        return (try? PostcodeDirectory.parse(lines.joined(separator: "\n") + "\n")) ?? []
    }

    static func code(_ spec: Spec, _ ward: Int) -> String {
        spec.wardCodePrefix + String(format: "%06d", 800_001 + ward + (spec.wardCodePrefix == "W05" ? 100 : 0))
    }

    /// Loads both councils, their people, directories and community life, sets every demo council to share
    /// with the Network, and fills the practice library.
    static func load(on app: Application, passwordHash hash: String) async throws {
        let today = app.alongside.now()
        let store = app.stores.councils
        var told: [Person] = []
        for (index, spec) in councils.enumerated() {
            guard try await store.find(slug: spec.slug) == nil else { continue }
            let postcodes = postcodes(spec, index: index + 1)
            let council = try await app.db.transaction { db in
                let council = try await Stores(db).councils.create(slug: spec.slug, name: spec.name)
                if spec.slug == "demo-glanmor" {
                    try await Stores(db).councils.setLanguages([.english, .welsh], for: council.id)
                }
                let staff = Stores(db).staff
                var coordinators: [StaffMember] = []
                for name in spec.coordinators {
                    coordinators.append(
                        try await staff.create(
                            councilID: council.id, email: DemoCouncil.email(for: name, domain: spec.domain), name: name,
                            role: .coordinator,
                            passwordHash: hash))
                }
                try await staff.create(
                    councilID: council.id, email: "leader@\(spec.domain)", name: "Team leader of \(spec.name)",
                    role: .teamLeader, passwordHash: hash)
                let admin = try await staff.create(
                    councilID: council.id, email: "admin@\(spec.domain)", name: "Council admin of \(spec.name)",
                    role: .councilAdmin, passwordHash: hash)
                let wards = try Stores(db, council: council.id).wards
                var next = coordinators.makeIterator()
                for (number, name) in spec.wards.enumerated() {
                    let ward = try await wards.create(code: code(spec, number), name: name)
                    // Every coordinator has a ward; the last ward shares the first coordinator.
                    let coordinator = next.next() ?? coordinators[0]
                    try await wards.assign(
                        ward.id, to: coordinator.id, by: admin.id, at: Date(timeIntervalSince1970: 1_735_689_600))
                }
                try await Stores(db).postcodes.load(postcodes)
                try await Stores(db).councils.setNetworkSharing(
                    true, annualInvestmentPence: spec.annualInvestmentPence, for: council.id)
                return council
            }
            let coverage = try await Stores(app.db, council: council.id).wards.coverage()
            let coordinators = try await app.stores.staff.list(councilID: council.id, roles: [.coordinator]).map(\.id)
            var generator = DemoPeople(
                councilID: council.id,
                wards: coverage.rows.map { row in
                    (
                        row.ward, row.coordinator?.id,
                        postcodes.filter { $0.wardCode == row.ward.code }.map(\.postcode.value)
                    )
                }, coordinators: coordinators, today: today, random: SeededGenerator(seed: spec.seed),
                counts: spec.people)
            let history = generator.generate()
            try await BulkLoad(app.db, councilID: council.id).write(history)
            if index == 0 { told = history.people.filter { $0.stage != .ended } }
            try await app.db.transaction { db in
                var directory = DemoDirectory(
                    councilID: council.id,
                    wards: spec.wards.enumerated().map { number, name in
                        (code(spec, number), name, postcodes.filter { $0.wardCode == code(spec, number) })
                    }, today: today)
                _ = try await directory.load(on: db)
            }
            try await app.db.transaction { db in
                var community = DemoCommunity(
                    random: SeededGenerator(seed: spec.seed + 1), councilID: council.id, today: today)
                try await community.load(on: db, people: history.people, postcodes: postcodes)
            }
        }
        if let kestrel = try await store.find(slug: DemoCouncil.slug) {
            try await store.setNetworkSharing(true, annualInvestmentPence: investmentKestrelVale, for: kestrel.id)
        }
        try await loadPractice(on: app, people: told, today: today)
    }

    /// Approved stories in Harbourne and Kestrel Vale, one of them shared with the library, with an idea
    /// and a Network event.
    static func loadPractice(on app: Application, people: [Person], today: Date) async throws {
        let practice = app.stores.practice
        guard try await practice.items().isEmpty,
            let harbourne = try await app.stores.councils.find(slug: councils[0].slug),
            let kestrel = try await app.stores.councils.find(slug: DemoCouncil.slug),
            let harbourneLeader = try await app.stores.staff.credentials(email: "leader@\(councils[0].domain)")?
                .member,
            let kestrelLeader = try await app.stores.staff.credentials(email: "leader@demo.example")?.member
        else { return }
        let stories = try Stores(app.db, council: harbourne.id).stories
        let told = [
            (
                "Back at the allotment",
                "After his wife died he stopped going out. His coordinator asked what a good day used to look like; the answer was the allotment. A neighbour now walks there with him on Wednesdays, and he has started giving away his runner beans at the community café."
            ),
            (
                "A lunch club of her own",
                "She came to us worried about money and feeling alone. Over a few months she found the Tuesday lunch club, then began helping in the kitchen, and now runs a Friday club for the street. Her GP visits dropped from weekly to rarely."
            ),
        ]
        var storyIDs: [Story.ID] = []
        for ((title, body), person) in zip(
            told,
            people.filter { person in
                told.allSatisfy { Story.problems(title: $0.0, body: $0.1, consent: true, person: person).isEmpty }
            })
        {
            try await stories.write(
                for: person, title: title, body: body, consent: true, by: harbourneLeader.id,
                at: today.addingTimeInterval(-30 * 86_400))
            if let story = try await stories.stories(status: .awaitingApproval).first(where: { $0.title == title }) {
                try await stories.approve(story.id, by: harbourneLeader.id, at: today.addingTimeInterval(-28 * 86_400))
                storyIDs.append(story.id)
            }
        }
        if let first = storyIDs.first {
            try await practice.publish(
                story: first, councilID: harbourne.id, themes: [.loneliness, .olderPeople], by: harbourneLeader.id,
                at: today.addingTimeInterval(-27 * 86_400))
        }
        try await practice.publish(
            councilID: harbourne.id, kind: .idea, title: "Street lunches before winter",
            body:
                "Each October our coordinators help one street in every ward hold a shared lunch in a front garden or hall. Neighbours who meet there check on each other through the winter; last year three new groups started from them.",
            themes: [.loneliness, .communityGroups], eventOn: nil, eventPlace: nil, by: harbourneLeader.id,
            at: today.addingTimeInterval(-20 * 86_400))
        try await practice.publish(
            councilID: kestrel.id, kind: .event, title: "Local Area Coordination Network gathering",
            body:
                "Kestrel Vale hosts this year's national gathering of the Network: coordinators, leaders and commissioners sharing what worked, with a session on measuring crises avoided and SROI.",
            themes: [.evidence, .avoidingCrises],
            eventOn: ISODay.string(today.addingTimeInterval(60 * 86_400)),
            eventPlace: "Kestrel Vale Civic Hall, and online",
            by: kestrelLeader.id, at: today.addingTimeInterval(-10 * 86_400))
    }
}
