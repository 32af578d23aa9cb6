import AlongsideCore
import AlongsideStore
import AlongsideWeb
import FluentKit
import Foundation

/// The demo council's community life: people's connections (many still going at three months) and
/// contributions, coordinators' community work, and a Good Neighbours scheme with volunteers, checks
/// (some due for renewal) and requests at every step. Fixed seed, dated back from today.
struct DemoCommunity {
    var random = SeededGenerator(seed: 7_122_026)
    let councilID: Council.ID
    let today: Date

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }
    func day(_ daysAgo: Int) -> String { ISODay.string(today.addingTimeInterval(-Double(daysAgo) * 86_400)) }

    static let volunteerNames = [
        "Alan Brooks", "Beth Carter", "Chidi Eze", "Dawn Fisher", "Ewa Nowak", "Farid Haddad", "Grace Hill",
        "Hamza Iqbal", "Irene Jones", "Jack Kelly", "Kiran Lal", "Lena Moss",
    ]

    mutating func load(on db: any Database, people: [Person], postcodes: [PostcodeDirectory.Entry]) async throws {
        let wards = try await Stores(db, council: councilID).wards.coverage().rows
        let coordinators = try await Stores(db).staff.list(councilID: councilID, roles: [.coordinator])
        guard let anyone = coordinators.first else { return }
        let directory = try Stores(db, council: councilID).directory
        var resourcesByWard: [Ward.ID: [CommunityResource]] = [:]
        for row in wards {
            var search = DirectorySearch()
            search.wardCode = row.ward.code
            resourcesByWard[row.ward.id] = try await directory.resources(
                try await directory.find(search).map(\.resourceID))
        }
        let store = try Stores(db, council: councilID).people
        let gives: [(Contribution.Kind, String)] = [
            (.volunteering, "Helps serve lunch at the club"),
            (.helpingNeighbour, "Does the shopping for the man next door"),
            (.startingGroup, "Started a knit and natter group"), (.runningGroup, "Runs the Tuesday walk"),
            (.sharingSkill, "Teaches phone skills at the library"),
        ]
        for person in people {
            guard let wardID = person.wardID, let resources = resourcesByWard[wardID], !resources.isEmpty else {
                continue
            }
            let current = person.stage != .ended
            guard chance(current ? 55 : 25) else { continue }
            let daysAgo = max(
                1, Int(today.timeIntervalSince(person.createdAt) / 86_400) - Int.random(in: 0...40, using: &random))
            let resource = pick(resources)
            let connection = try await store.connect(
                person.id, kind: .resource, resourceID: resource.id, name: resource.name, startedOn: day(daysAgo),
                note: "",
                by: person.coordinatorID ?? anyone.id, at: today.addingTimeInterval(-Double(daysAgo) * 86_400))
            if daysAgo > Connection.lastingAfterDays {
                try await store.recordLasting(connection.id, of: person.id, lasting: chance(68))
            }
            if chance(20) {
                let name =
                    "\(pick(["Friday", "Saturday", "Sunday"])) coffee with \(pick(["a neighbour", "Joan next door", "the allotment group"]))"
                _ = try await store.connect(
                    person.id, kind: chance(50) ? .neighbour : .group, resourceID: nil, name: name,
                    startedOn: day(max(1, daysAgo - 20)), note: "", by: person.coordinatorID ?? anyone.id, at: today)
            }
            if chance(22) {
                let (kind, what) = pick(gives)
                try await store.addContribution(
                    person.id, kind: kind, what: what, startedOn: day(max(1, daysAgo - 30)),
                    by: person.coordinatorID ?? anyone.id, at: today)
            }
        }
        let work = try Stores(db, council: councilID).communityWork
        let notes: [(CommunityWork.Kind, String)] = [
            (.metGroup, "Went along to the coffee morning; they would welcome new people"),
            (.newGroup, "Helped two neighbours start a walking group; found them insurance"),
            (.foundVenue, "The scout hut is free on weekday mornings for community use"),
            (.mappedAsset, "Mapped the community fridge and the pantry opening times"),
            (.partners, "Met the GP practice manager about introductions"),
        ]
        for row in wards {
            let by = row.coordinator?.id ?? anyone.id
            for _ in 0..<Int.random(in: 6...12, using: &random) {
                let (kind, text) = pick(notes)
                try await work.record(
                    ward: row.ward.id, kind: kind, happenedOn: day(Int.random(in: 1...330, using: &random)),
                    minutes: pick([30, 60, 90, 120]), notes: text, by: by, at: today)
            }
        }
        try await loadGoodNeighbours(
            on: db, people: people.filter { $0.stage != .ended }, wards: wards, postcodes: postcodes, by: anyone.id)
    }

    mutating func loadGoodNeighbours(
        on db: any Database, people: [Person], wards: [Coverage.Row], postcodes: [PostcodeDirectory.Entry],
        by staffID: StaffMember.ID
    ) async throws {
        let scheme = try Stores(db, council: councilID).goodNeighbours
        var index = 0
        for row in wards {
            let inWard = postcodes.filter { $0.wardCode == row.ward.code }
            guard !inWard.isEmpty else { continue }
            for _ in 0..<3 {
                let name = Self.volunteerNames[index % Self.volunteerNames.count]
                index += 1
                var checks: [VolunteerCheck] = []
                if chance(75) {
                    let expiresIn = pick([-20, 5, 25, 50, 200, 400, 700])
                    let expires = today.addingTimeInterval(Double(expiresIn) * 86_400)
                    checks.append(
                        VolunteerCheck(
                            id: .init(random.uuid()), kind: chance(30) ? .enhancedWithBarred : .enhanced,
                            issuedOn: ISODay.string(expires.addingTimeInterval(-3 * 365 * 86_400)),
                            expiresOn: ISODay.string(expires)))
                }
                let helps = HelpKind.allCases.filter { _ in chance(55) }
                try await scheme.save(
                    Volunteer(
                        id: .init(random.uuid()), name: "\(name) (\(row.ward.name))", phone: "07700 900\(100 + index)",
                        postcode: pick(inWard).postcode.value, travelMetres: pick([1_000, 2_000, 3_000, 5_000]),
                        helpsWith: helps.isEmpty ? [.shopping] : helps,
                        availableDays: Weekday.allCases.filter { _ in chance(45) }, checks: checks),
                    at: today)
            }
        }
        let volunteers = try await scheme.volunteers()
        for (number, person) in people.prefix(400).enumerated() where number % 13 == 0 {
            let kind = pick(HelpKind.allCases)
            let createdDaysAgo = Int.random(in: 0...30, using: &random)
            let request = try await scheme.raise(
                for: person, kind: kind, details: "\(kind.label) for \(person.calledName)",
                neededOn: day(createdDaysAgo - 5), needsClearance: kind.needsClearanceByDefault, by: staffID,
                at: today.addingTimeInterval(-Double(createdDaysAgo) * 86_400))
            guard createdDaysAgo > 6,
                let match = GoodNeighbourMatching.rank(request, volunteers: volunteers).matches.first
            else { continue }
            try await scheme.record(.offer(match.volunteer.id), on: request.id, at: today)
            guard createdDaysAgo > 12 else { continue }
            try await scheme.record(.accepted, on: request.id, at: today)
            guard createdDaysAgo > 18 else { continue }
            try await scheme.record(.completed(minutes: pick([45, 60, 90, 120])), on: request.id, at: today)
        }
    }
}
