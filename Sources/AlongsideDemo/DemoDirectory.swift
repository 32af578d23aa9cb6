import AlongsideCore
import AlongsideStore
import AlongsideWeb
import FluentKit
import Foundation

/// The demo council's community directory: organisations and a few hundred resources across its
/// wards, generated from a fixed seed so the same directory appears on every machine.
struct DemoDirectory {
    static let resourcesPerWard = 17

    struct Template {
        let category: String
        let names: [String]
        let description: String
        let days: [String]
        let times: (String, String)
        let fees: String
        let minimumAge: Int?
        let maximumAge: Int?
    }

    static let templates: [Template] = [
        Template(
            category: "lunch-clubs", names: ["Lunch Club", "Friendship Lunch", "Community Café", "Soup and Chat"],
            description: "A hot two-course lunch with good company. Everyone welcome; tell us about any diet.",
            days: ["TU", "TH", "WE", "FR"], times: ("12:00", "14:00"), fees: "£3.50 for lunch", minimumAge: nil,
            maximumAge: nil),
        Template(
            category: "walking", names: ["Health Walk", "Riverside Walkers", "Nordic Walking", "Buggy Walk"],
            description: "A gentle led walk of about an hour at an easy pace, finishing with a cuppa.",
            days: ["MO", "WE", "SA"], times: ("10:00", "11:30"), fees: "Free", minimumAge: nil, maximumAge: nil),
        Template(
            category: "mens-sheds", names: ["Men's Shed", "Repair Café", "Woodwork Shed"],
            description: "Make, mend and chat. Tools and tea provided; all skill levels, all welcome.",
            days: ["TU", "TH"], times: ("10:00", "15:00"), fees: "£2 a session", minimumAge: 18, maximumAge: nil),
        Template(
            category: "food-banks", names: ["Food Bank", "Community Pantry", "Community Fridge"],
            description: "Food and toiletries for anyone who needs them, no questions asked.",
            days: ["MO", "FR"], times: ("13:00", "15:00"), fees: "Free", minimumAge: nil, maximumAge: nil),
        Template(
            category: "faith", names: ["Coffee After Church", "Open Mosque Tea", "Gurdwara Langar"],
            description: "A warm welcome and food shared with whoever comes, of any faith or none.",
            days: ["SU", "FR"], times: ("11:00", "13:00"), fees: "Free", minimumAge: nil, maximumAge: nil),
        Template(
            category: "advice", names: ["Money Advice Drop-in", "Housing Advice Surgery", "Benefits Help Desk"],
            description: "Free, confidential advice on money, debt, benefits and housing. Drop in, no appointment.",
            days: ["WE", "TH"], times: ("09:30", "12:30"), fees: "Free", minimumAge: 16, maximumAge: nil),
        Template(
            category: "arts", names: ["Community Choir", "Art Club", "Ukulele Group", "Drama Group"],
            description: "Sing, paint or play together. No experience needed, just come along.",
            days: ["MO", "WE", "TH"], times: ("18:30", "20:00"), fees: "£2 a session", minimumAge: nil,
            maximumAge: nil),
        Template(
            category: "carers", names: ["Carers' Coffee Morning", "Carers' Break Group"],
            description: "Time out and support for people who look after someone.",
            days: ["TU", "FR"], times: ("10:00", "12:00"), fees: "Free", minimumAge: nil, maximumAge: nil),
        Template(
            category: "young-people", names: ["Youth Club", "Homework Club", "Young Carers Group"],
            description: "A safe, friendly place for young people to meet, play and learn.",
            days: ["MO", "TH"], times: ("16:00", "18:00"), fees: "Free", minimumAge: 8, maximumAge: 18),
        Template(
            category: "wellbeing", names: ["Wellbeing Café", "Peer Support Group", "Talking Space"],
            description: "Friendly peer support for anyone finding things hard. Come as you are.",
            days: ["TU", "WE"], times: ("14:00", "16:00"), fees: "Free", minimumAge: 16, maximumAge: nil),
        Template(
            category: "learning", names: ["Digital Skills Drop-in", "Conversation Club", "Reading Group"],
            description: "Learn something new with others: phones and tablets, English conversation, books.",
            days: ["MO", "TH"], times: ("10:00", "12:00"), fees: "Free", minimumAge: nil, maximumAge: nil),
        Template(
            category: "gardening", names: ["Community Garden", "Allotment Group", "Friends of the Park"],
            description: "Grow food and flowers together, and look after green spaces.",
            days: ["SA", "WE"], times: ("10:00", "13:00"), fees: "Free", minimumAge: nil, maximumAge: nil),
        Template(
            category: "social", names: ["Coffee Morning", "Knit and Natter", "Bingo and Chat", "Over 50s Club"],
            description: "A relaxed get-together with tea, cake and conversation.",
            days: ["TU", "WE", "FR"], times: ("10:00", "12:00"), fees: "50p for tea", minimumAge: nil,
            maximumAge: nil),
        Template(
            category: "volunteering", names: ["Volunteer Drop-in", "Good Neighbours Meet-up"],
            description: "Find a way to give a little time that suits you.",
            days: ["TH"], times: ("15:00", "17:00"), fees: "Free", minimumAge: 16, maximumAge: nil),
    ]

    static let venues = [
        "Community Centre", "Library", "St Mary's Church Hall", "Methodist Hall", "Scout Hut", "Village Hall",
        "Sports Pavilion", "Mosque Community Room", "Primary School Hall", "Park Pavilion",
    ]

    static let organisationKinds = [
        ("Residents' Association", "Neighbours working together for the area."),
        ("Community Trust", "A local charity running the community centre and its activities."),
        ("Parish Church", "A church serving the parish and anyone who lives in it."),
        ("Good Neighbours", "Volunteers helping neighbours with small things that make a big difference."),
    ]

    var random: SeededGenerator
    let councilID: Council.ID
    let wards: [(code: String, name: String, postcodes: [PostcodeDirectory.Entry])]
    let today: Date

    init(
        councilID: Council.ID, wards: [(code: String, name: String, postcodes: [PostcodeDirectory.Entry])], today: Date
    ) {
        self.councilID = councilID
        self.wards = wards
        self.today = today
        random = SeededGenerator(seed: 4_022_026)
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }

    /// Writes the directory; returns how many resources it holds.
    mutating func load(on db: any Database) async throws -> Int {
        let store = try Stores(db, council: councilID).directory
        let categories = Dictionary(
            uniqueKeysWithValues: try await store.ensureStarterCategories().compactMap { term in
                term.code.map { ($0, term.id) }
            })
        let importer = DirectoryEditor(staffID: nil, name: "Demo data")
        let created = today.addingTimeInterval(-400 * 86_400)
        var count = 0
        var resources: [CommunityResource] = []
        var allOrganisations: [CommunityOrganisation] = []
        for ward in wards where !ward.postcodes.isEmpty {
            var organisations: [CommunityOrganisation] = []
            for (kind, about) in Self.organisationKinds {
                let organisation = CommunityOrganisation(
                    id: .init(random.uuid()), name: "\(ward.name) \(kind)", description: about,
                    email: "hello@\(ward.name.lowercased().filter(\.isLetter)).example",
                    website: "https://\(ward.name.lowercased().filter(\.isLetter)).example")
                organisations.append(organisation)
            }
            allOrganisations += organisations
            for index in 0..<Self.resourcesPerWard {
                let template =
                    index < 2 ? Self.templates[0] : Self.templates[(index + ward.name.count) % Self.templates.count]
                let place = pick(ward.postcodes)
                let venue = pick(Self.venues)
                let day = index < 2 ? "TU" : pick(template.days)
                let name = index < 2 ? "\(ward.name) Lunch Club" : "\(ward.name) \(pick(template.names))"
                let jitter = { (g: inout SeededGenerator) in Double(Int.random(in: -20...20, using: &g)) / 100_000 }
                let checkedDaysAgo = Int.random(in: 0...260, using: &random)
                let resource = CommunityResource(
                    id: .init(random.uuid()), organisationID: pick(organisations).id,
                    name: index == 1 ? "\(ward.name) Friday Lunch Club" : name,
                    description: template.description,
                    status: Int.random(in: 0..<40, using: &random) == 0
                        ? .temporarilyClosed : .active,
                    email: "hello@\(ward.name.lowercased().filter(\.isLetter)).example", fees: template.fees,
                    minimumAge: template.minimumAge, maximumAge: template.maximumAge,
                    contacts: [
                        .init(
                            id: random.uuid(), name: "Organiser", title: "Group organiser",
                            phones: [
                                .init(
                                    id: random.uuid(),
                                    number: "01632 \(Int.random(in: 100_000...999_999, using: &random))")
                            ])
                    ],
                    costOptions: template.fees == "Free"
                        ? [] : [.init(id: random.uuid(), option: "Each time", amountDescription: template.fees)],
                    schedules: [
                        Schedule(
                            id: random.uuid(), frequency: .weekly, interval: 1, byDay: index == 1 ? "FR" : day,
                            opensAt: template.times.0, closesAt: template.times.1)
                    ],
                    sites: [
                        .init(
                            id: random.uuid(),
                            location: .init(
                                id: random.uuid(), name: "\(ward.name) \(venue)", addressID: random.uuid(),
                                address1: "\(Int.random(in: 1...120, using: &random)) \(ward.name) Road",
                                city: "Kestrel Vale", stateProvince: "Kestrel Vale", postcode: place.postcode.value,
                                latitude: place.latitude.map { $0 + jitter(&random) },
                                longitude: place.longitude.map { $0 + jitter(&random) },
                                accessibility: index % 3 == 0 ? "Step-free access and an accessible toilet." : nil))
                    ],
                    termIDs: categories[index < 2 ? "lunch-clubs" : template.category].map { [$0] } ?? [],
                    checkedOn: ISODay.string(today.addingTimeInterval(-Double(checkedDaysAgo) * 86_400)),
                    lastModified: created)
                resources.append(resource)
                count += 1
            }
        }
        // Written together, many rows a statement: a council's few hundred resources one at a time were most
        // of the scale generator's set-up of each council.
        try await store.saveNew(allOrganisations, at: created)
        try await store.saveNew(resources, by: importer, at: created)
        return count + (try await loadWelshGroups(on: db, categories: categories))
    }
}
