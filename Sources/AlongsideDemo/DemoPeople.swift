import AlongsideCore
import AlongsideStore
import AlongsideWeb
import Foundation

/// Generates the demo council's people: about 600 being walked alongside now and a few thousand past
/// ones, with introductions from every source, conversations, visions, steps, relationship maps,
/// returners and handovers. Seeded, so every run gives the same people; dates count back from `today`.
struct DemoPeople {
    static let currentCount = 600
    static let pastCount = 2_400

    let councilID: Council.ID
    /// Ward → its coordinator now (nil for the uncovered ward), with the ward's demo postcodes.
    let wards: [(ward: Ward, coordinator: StaffMember.ID?, postcodes: [String])]
    let coordinators: [StaffMember.ID]
    let today: Date
    var random = SeededGenerator(seed: 20_261_122)
    /// How many people to make: being walked alongside now, and in the past.
    var counts = (current: Self.currentCount, past: Self.pastCount)

    static let firstNames = [
        "Margaret", "John", "Aisha", "David", "Patricia", "Mohammed", "Susan", "Peter", "Fatima", "Michael", "Linda",
        "James", "Grace", "Robert", "Priya", "William", "Joan", "Kwame", "Elizabeth", "Thomas", "Siobhan", "George",
        "Dorothy", "Arjun", "Mary", "Daniel", "Chloe", "Brian", "Amina", "Christopher", "Jean", "Tariq", "Sandra",
        "Kevin", "Olivia", "Paul", "Maria", "Gareth", "Hannah", "Ibrahim", "Eileen", "Liam", "Yasmin", "Stephen",
        "Rose", "Connor", "Zainab", "Anthony", "Beverley", "Jamal", "Lily", "Raymond", "Noor", "Dennis", "Megan",
    ]
    static let surnames = [
        "Smith", "Jones", "Khan", "Williams", "Patel", "Brown", "Taylor", "Ahmed", "Davies", "Evans", "Wilson",
        "Thomas", "Okafor", "Johnson", "Roberts", "Ali", "Walker", "Wright", "Robinson", "Thompson", "White",
        "Hughes", "Edwards", "Green", "Hussain", "Hall", "Wood", "Clarke", "Mensah", "Jackson", "Turner", "Hill",
        "Moore", "Cooper", "Ward", "Morris", "King", "Begum", "Baker", "Harris", "Lewis", "Young", "Allen",
        "Mitchell", "Kowalski", "Nowak", "O'Brien", "Murphy", "Campbell", "Kelly", "Shah", "Singh", "Boateng",
    ]
    static let streets = [
        "Abbey Road", "Mill Lane", "Church Street", "Station Road", "Victoria Terrace", "Park View", "Kestrel Way",
        "Orchard Close", "Chapel Walk", "Riverside Drive", "Willow Grove", "Castle Street", "The Crescent",
    ]
    static let visions = [
        "To feel part of my street again and have people to talk to.",
        "To get back to singing, and have friends round for tea.",
        "To stay in my own home, with my garden, for as long as I can.",
        "To find work I enjoy and feel useful.",
        "For my son to have friends and something to look forward to each week.",
        "To manage my money without worrying every night.",
        "To go fishing again and teach my grandson.",
        "To have a safe, warm home of my own and keep it.",
        "To help other carers the way others helped me.",
        "To walk to the shops on my own and chat on the way.",
    ]
    static let strengths = [
        "Great cook", "Knows everyone on the estate", "Patient and kind", "Good with computers", "Keen gardener",
        "Funny, and a good listener", "Handy with tools", "Speaks three languages", "Loves music",
    ]
    static let topics = [
        "Talked about what a good day looks like.", "Met at the community café; talked about the lunch club.",
        "Went together to the Tuesday walking group.", "Phoned to check in after the GP appointment.",
        "Looked at the benefits letter together and rang the advice centre.",
        "Planned the first visit to the allotment society.", "Met their neighbour, who offered lifts to church.",
        "Talked about moving on; agreed to stay in touch.",
    ]
    static let stepTexts = [
        ("Visit the Tuesday lunch club", "Together"), ("Ring the advice centre about the letter", "Them"),
        ("Ask the neighbour about lifts", "Them"), ("Find out about the choir", "Coordinator"),
        ("Try the walking group", "Them"), ("Meet the Good Neighbour volunteer", "Coordinator"),
        ("Speak to the GP about the new tablets", "Them"), ("Apply for the bus pass", "Together"),
    ]
    static let lifeNames: [(String, PersonInLife.Kind)] = [
        ("Daughter", .family), ("Son", .family), ("Sister", .family), ("Grandson", .family),
        ("Neighbour next door", .neighbour),
        ("Neighbour over the road", .neighbour), ("Friend from church", .friend), ("Old work friend", .friend),
        ("Lunch club", .group), ("Walking group", .group), ("Choir", .group), ("Allotment society", .group),
        ("GP", .professional), ("Social worker", .professional), ("Housing officer", .professional),
    ]

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }
    mutating func days(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    func day(_ date: Date) -> String { ISODay.string(date) }

    func ago(_ days: Int) -> Date { today.addingTimeInterval(-Double(days) * 86_400) }

    mutating func generate() -> BulkLoad.History {
        var history = BulkLoad.History()
        for index in 0..<(counts.current + counts.past) {
            add(current: index < counts.current, index: index, to: &history)
        }
        return history
    }

    mutating func add(current: Bool, index: Int, to history: inout BulkLoad.History) {
        // Current people are spread over every ward (a few in the uncovered one, waiting); past people
        // started one to six years ago.
        let place = wards[index % wards.count]
        let first = pick(Self.firstNames)
        let surname = pick(Self.surnames)
        let id = Person.ID(random.uuid())
        let started = current ? days(5...700) : days(400...2_200)
        let createdAt = ago(started)
        let age = days(17...92)
        let birthYear = Calendar(identifier: .gregorian).component(.year, from: today) - age
        var person = Person(
            id: id, councilID: councilID, fullName: "\(first) \(surname)",
            preferredName: chance(15) ? String(first.prefix(3)) : "",
            dateOfBirth: chance(70) ? String(format: "%04d-%02d-%02d", birthYear, days(1...12), days(1...28)) : nil,
            phone: chance(85) ? String(format: "07700 9%05d", index) : "",
            email: chance(30) ? "\(first.lowercased()).\(index)@example.com" : "",
            contactPreference: pick(ContactPreference.allCases),
            address: "\(days(1...180)) \(pick(Self.streets))", postcode: pick(place.postcodes), wardID: place.ward.id,
            ownWords: pick([
                "", "", "Carer for my mum", "Recently bereaved", "New to the area", "Living with anxiety",
                "Just retired",
            ]),
            categories: categories(age: age), level: chance(15) ? .one : .two, stage: .introduced, createdAt: createdAt)
        let source = pick(IntroductionSource.allCases)
        // In the uncovered ward, neighbouring coordinators took on everyone but the newest introductions.
        let coordinator: StaffMember.ID? = place.coordinator ?? (current && started < 90 ? nil : pick(coordinators))
        person.coordinatorID = coordinator
        if coordinator == nil { person.queueReason = IntroductionRoute.QueueReason.uncoveredWard.rawValue }
        history.introductions.append(
            (
                Introduction(
                    id: .init(random.uuid()), personID: id, source: source,
                    introducerName: source == .selfIntroduced ? "" : "\(pick(Self.firstNames)) (\(source.label))",
                    introducerContact: "", whatMatters: pick(Self.visions), receivedAt: createdAt,
                    viaPublicPage: source == .selfIntroduced && chance(50),
                    routeNote: coordinator == nil
                        ? "team-leader:" + IntroductionRoute.QueueReason.uncoveredWard.rawValue
                        : "coordinator:" + place.ward.name),
                nil
            ))
        // The introduction's history line carries its route as a code, worded when read (as introductions do).
        let routeNote =
            coordinator == nil
            ? "team-leader:" + IntroductionRoute.QueueReason.uncoveredWard.rawValue : "coordinator:" + place.ward.name
        history.events.append((id, "stage", nil, "introduced", routeNote, nil, createdAt))
        if let coordinator {
            history.events.append((id, "coordinator", nil, coordinator.uuid.uuidString, nil, nil, createdAt))
        }

        // Some people were handed over to another coordinator along the way.
        if let coordinator, chance(8) {
            let previous = pick(coordinators.filter { $0 != coordinator })
            history.events.append(
                (id, "coordinator", previous.uuid.uuidString, coordinator.uuid.uuidString, nil, nil, ago(started / 2)))
        }

        // The journey so far.
        let stages: [JourneyStage] = [.gettingToKnow, .walkingAlongside, .stayingConnected]
        var reached = JourneyStage.introduced
        if person.level == .two && coordinator != nil {
            let steps = current ? pick([0, 1, 1, 2, 2, 2, 3, 3]) : 3
            for (offset, stage) in stages.prefix(steps).enumerated() {
                history.events.append(
                    (id, "stage", reached.rawValue, stage.rawValue, nil, coordinator, ago(started - (offset + 1) * 30)))
                reached = stage
            }
        }
        if !current {
            let reason = pick(EndReason.allCases)
            history.events.append(
                (id, "stage", reached.rawValue, "ended", reason.rawValue, coordinator, ago(started - 200)))
            reached = .ended
            person.endReason = reason
        } else if chance(6) && coordinator != nil {
            // A returner: ended once, came back.
            history.events.append(
                (
                    id, "stage", reached.rawValue, "ended", EndReason.goalsReached.rawValue, coordinator,
                    ago(started - 90)
                ))
            history.events.append((id, "stage", "ended", "introduced", nil, coordinator, ago(max(started - 150, 3))))
            reached = .introduced
        }
        person.stage = reached

        // Conversations, newest last.
        if let coordinator {
            let count = person.level == .one ? 1 : (current ? days(1...10) : days(3...14))
            // Most people walked alongside now were seen in the last few weeks; some drift.
            let latest = current ? min(chance(82) ? days(1...26) : days(30...120), started) : started - 200
            let oldest = current ? started : started - 10
            var last: Date? = nil
            for number in 0..<count {
                let daysAgo = count == 1 ? latest : oldest - (oldest - latest) * number / (count - 1)
                let when = ago(max(daysAgo, 1))
                last = max(last ?? when, when)
                history.conversations.append(
                    Conversation(
                        id: .init(random.uuid()), personID: id, staffID: coordinator, staffName: "",
                        happenedOn: day(when),
                        minutes: person.level == .one ? nil : pick([20, 30, 45, 60, 90]),
                        place: pick(Conversation.Place.allCases),
                        whoWasThere: chance(20) ? "Their daughter" : "",
                        notes: person.level == .one ? "" : pick(Self.topics),
                        level: person.level, about: person.level == .one ? "Information about local groups" : "",
                        shared: person.level == .one ? "Lunch club and community transport numbers" : ""))
                history.conversationDates.append(when)
            }
            person.lastContactAt = last
        }

        // The good life, steps and the people in their life, for Level 2.
        if person.level == .two && reached != .introduced || (!current && person.level == .two) {
            history.visions.append(
                (
                    id,
                    GoodLifeVision(
                        vision: pick(Self.visions), strengths: pick(Self.strengths),
                        giftsAndInterests: pick(Self.strengths),
                        whatMatters: pick(["Family", "Staying independent", "My faith", "My dog", "Feeling useful"]),
                        updatedAt: ago(max(started - 20, 1)))
                ))
            var openDue: [String] = []
            for _ in 0..<days(1...4) {
                let (what, who) = pick(Self.stepTexts)
                let done = !current || chance(50)
                let due = chance(80) ? day(today.addingTimeInterval(Double(days(-20...40)) * 86_400)) : nil
                if !done, let due { openDue.append(due) }
                history.steps.append(
                    (
                        Step(
                            id: .init(random.uuid()), personID: id, what: what, who: who, dueOn: due,
                            doneAt: done ? ago(max(started - 40, 1)) : nil), ago(started)
                    ))
            }
            person.nextStepDue = openDue.sorted().first
            addMeasures(for: id, started: started, current: current, to: &history)
            addOutcomes(for: id, started: started, to: &history)
            // The map grows over time: more people for those walked alongside longer.
            let size = min(2 + started / 60, 9)
            var used: Set<String> = []
            for number in 0..<days(2...max(size, 2)) {
                let (name, kind) = pick(Self.lifeNames)
                guard used.insert(name).inserted else { continue }
                history.peopleInLife.append(
                    PersonInLife(
                        id: .init(random.uuid()), personID: id, name: name, kind: kind,
                        closeness: pick(PersonInLife.Closeness.allCases), note: "",
                        addedAt: ago(max(started - number * 25, 1))))
            }
        }
        history.people.append(person)
    }

    /// Wellbeing at the start and, for people walked alongside a while, again later: most improve a
    /// little, some do not; a few decline to answer.
    mutating func addMeasures(for id: Person.ID, started: Int, current: Bool, to history: inout BulkLoad.History) {
        let startDay = day(ago(max(started - 10, 1)))
        let declined = chance(8)
        var swemwbs = (0..<7).map { _ in days(2...3) }
        history.measures.append(
            MeasureReading(
                id: .init(random.uuid()), personID: id, kind: .swemwbs, takenOn: startDay,
                answers: declined ? [] : swemwbs, declined: declined))
        var ucla = (0..<3).map { _ in days(2...3) }
        history.measures.append(
            MeasureReading(
                id: .init(random.uuid()), personID: id, kind: .ucla3, takenOn: startDay, answers: ucla, declined: false)
        )
        var ons = [days(2...6), days(3...6), days(2...6), days(4...8)]
        history.measures.append(
            MeasureReading(
                id: .init(random.uuid()), personID: id, kind: .ons4, takenOn: startDay, answers: ons, declined: false))
        guard started > 100, !declined else { return }
        let reviewDay = day(ago(current ? days(5...60) : max(started - 190, 1)))
        for index in swemwbs.indices where chance(55) { swemwbs[index] = min(swemwbs[index] + 1, 5) }
        for index in ucla.indices where chance(45) { ucla[index] = max(ucla[index] - 1, 1) }
        ons = [
            min(ons[0] + days(0...3), 10), min(ons[1] + days(0...2), 10), min(ons[2] + days(0...3), 10),
            max(ons[3] - days(0...3), 0),
        ]
        history.measures.append(
            MeasureReading(
                id: .init(random.uuid()), personID: id, kind: .swemwbs, takenOn: reviewDay, answers: swemwbs,
                declined: false))
        history.measures.append(
            MeasureReading(
                id: .init(random.uuid()), personID: id, kind: .ucla3, takenOn: reviewDay, answers: ucla, declined: false
            ))
        history.measures.append(
            MeasureReading(
                id: .init(random.uuid()), personID: id, kind: .ons4, takenOn: reviewDay, answers: ons, declined: false))
    }

    static let otherwise: [RecordedOutcome.Kind: String] = [
        .gpAppointment: "Would have booked the GP about feeling low; talked it through at the lunch club instead.",
        .aAndE: "Had fallen twice; the neighbour's daily check-in meant no ambulance call.",
        .hospitalAdmission: "Was not eating; a friend now shares meals and the weight came back.",
        .socialCareAssessment: "Family were asking for an assessment; a Good Neighbour helps with shopping instead.",
        .carePackage: "A package of daily visits was being considered; neighbours and the church cover it.",
        .safeguardingConcern: "Money worries were escalating; the advice centre sorted the debts.",
        .eviction: "Rent arrears had reached a notice; a payment plan was agreed with housing.",
        .mentalHealthReferral: "GP was about to refer; the walking group and a friend made the difference.",
        .outOfAreaPlacement: "A placement away from home was being discussed; local support kept them here.",
        .policeCallOut: "Neighbour disputes had led to calls; a mediated chat settled it.",
    ]

    mutating func addOutcomes(for id: Person.ID, started: Int, to history: inout BulkLoad.History) {
        for _ in 0..<pick([0, 0, 1, 1, 1, 2, 2, 3]) {
            let kind = pick(RecordedOutcome.Kind.allCases)
            history.outcomes.append(
                RecordedOutcome(
                    id: .init(random.uuid()), personID: id, kind: kind,
                    happenedOn: day(ago(max(started - days(20...150), 1))),
                    otherwise: Self.otherwise[kind] ?? "", confidence: pick(RecordedOutcome.Confidence.allCases)))
        }
    }

    mutating func categories(age: Int) -> [ReportingCategory] {
        var result: [ReportingCategory] = []
        if age >= 65 { result.append(.olderPerson) }
        if age <= 25 && chance(25) { result.append(.careExperienced) }
        for category in [ReportingCategory.disability, .mentalHealth, .physicalHealth, .carer, .childrenAndFamilies]
        where chance(18) {
            result.append(category)
        }
        return result
    }
}
