import Foundation
import Testing

@testable import AlongsideCore

@Suite("Routing introductions")
struct RoutingTests {
    let council = Council.ID(UUID())

    func coverage(coordinator: StaffMember.ID?) -> (Coverage, Ward) {
        let ward = Ward(id: .init(UUID()), councilID: council, code: "E05000001", name: "Northfield")
        let other = Ward(id: .init(UUID()), councilID: council, code: "E05000002", name: "Southmead")
        var current: [Ward.ID: Coverage.Coordinator] = [:]
        if let coordinator { current[ward.id] = .init(id: coordinator, name: "Amara", email: "a@x.example") }
        return (Coverage(wards: [ward, other], current: current), ward)
    }

    @Test func aCoveredWardGoesToItsNamedCoordinator() {
        let amara = StaffMember.ID(UUID())
        let (coverage, ward) = coverage(coordinator: amara)
        let route = IntroductionRoute.route(postcode: Postcode("DE1 2FS"), wardCode: "E05000001", coverage: coverage)
        #expect(route == .coordinator(amara, ward: ward))
    }

    @Test func anUncoveredWardGoesToTheTeamLeaderWithTheWard() {
        let (coverage, _) = coverage(coordinator: nil)
        let route = IntroductionRoute.route(postcode: Postcode("DE1 2FS"), wardCode: "E05000002", coverage: coverage)
        guard case .teamLeaderQueue(.uncoveredWard, let ward?) = route else {
            Issue.record("expected the queue, got \(route)")
            return
        }
        #expect(ward.name == "Southmead")
    }

    @Test func unknownMissingAndOutOfAreaPostcodesGoToTheTeamLeader() {
        let (coverage, _) = coverage(coordinator: StaffMember.ID(UUID()))
        #expect(
            IntroductionRoute.route(postcode: Postcode("DE1 2FS"), wardCode: nil, coverage: coverage)
                == .teamLeaderQueue(reason: .unknownPostcode, ward: nil))
        #expect(
            IntroductionRoute.route(postcode: nil, wardCode: nil, coverage: coverage)
                == .teamLeaderQueue(reason: .noPostcode, ward: nil))
        #expect(
            IntroductionRoute.route(postcode: Postcode("SW1A 1AA"), wardCode: "E05999999", coverage: coverage)
                == .teamLeaderQueue(reason: .outOfArea, ward: nil))
    }
}

@Suite("Journey stages")
struct JourneyRuleTests {
    @Test(arguments: [
        (JourneyStage.introduced, JourneyStage.gettingToKnow), (.gettingToKnow, .walkingAlongside),
        (.walkingAlongside, .stayingConnected), (.stayingConnected, .walkingAlongside),
        (.introduced, .walkingAlongside),
        (.ended, .introduced),
    ])
    func peopleMoveBetweenStagesFreely(from: JourneyStage, to: JourneyStage) {
        #expect(throws: Never.self) { try JourneyRules.check(from: from, to: to, reason: nil) }
    }

    @Test(arguments: JourneyStage.allCases.filter { $0 != .ended })
    func endingNeedsAReason(from: JourneyStage) {
        #expect(throws: JourneyProblem.self) { try JourneyRules.check(from: from, to: .ended, reason: nil) }
        #expect(throws: Never.self) { try JourneyRules.check(from: from, to: .ended, reason: .choseToStop) }
    }

    @Test func comingBackStartsAtIntroducedAndStandingStillIsRefused() {
        #expect(throws: JourneyProblem.self) {
            try JourneyRules.check(from: .ended, to: .walkingAlongside, reason: nil)
        }
        #expect(throws: JourneyProblem.self) {
            try JourneyRules.check(from: .gettingToKnow, to: .gettingToKnow, reason: nil)
        }
    }
}

@Suite("Finding the same person twice")
struct DuplicateCheckTests {
    let council = Council.ID(UUID())

    func person(_ name: String, dob: String? = nil, phone: String = "", email: String = "", postcode: String = "")
        -> Person
    {
        Person(
            id: .init(UUID()), councilID: council, fullName: name, dateOfBirth: dob, phone: phone, email: email,
            postcode: postcode, createdAt: Date(timeIntervalSince1970: 0))
    }

    func candidate(_ name: String, dob: String? = nil, phone: String = "", email: String = "", postcode: String = "")
        -> DuplicateCheck.Candidate
    {
        .init(fullName: name, dateOfBirth: dob, phone: phone, email: email, postcode: postcode)
    }

    @Test func sameNameAndDateOfBirthIsTheStrongestMatch() {
        let margaret = person("Margaret Hale", dob: "1950-04-03")
        let other = person("Margaret Hale")
        let matches = DuplicateCheck.likelyMatches(
            for: candidate("margaret  HALE", dob: "1950-04-03"), among: [other, margaret])
        #expect(matches.first?.personID == margaret.id)
        #expect(matches.first?.reasons == ["Same name and date of birth"])
    }

    @Test func samePhoneOrEmailMatchesWhateverTheName() {
        let p = person("Maggie H", phone: "07700 900123", email: "maggie@example.com")
        let byPhone = DuplicateCheck.likelyMatches(for: candidate("M. Hale", phone: "+44 7700 900123"), among: [p])
        #expect(byPhone.first?.reasons == ["Same phone number"])
        let byEmail = DuplicateCheck.likelyMatches(for: candidate("Someone", email: " Maggie@Example.com"), among: [p])
        #expect(byEmail.first?.reasons == ["Same email address"])
    }

    @Test func closeSpellingsAreCaught() {
        #expect(DuplicateCheck.namesAreClose("Jon Smith", "John Smith"))
        #expect(DuplicateCheck.namesAreClose("Catherine Jones", "Katherine Jones"))
        #expect(DuplicateCheck.namesAreClose("Siobhan O'Neill", "Siobhan ONeill"))
        #expect(!DuplicateCheck.namesAreClose("Margaret Hale", "Peter Brown"))
        let p = person("John Smyth", dob: "1960-01-01", postcode: "DE1 2FS")
        let matches = DuplicateCheck.likelyMatches(for: candidate("Jon Smyth", dob: "1960-01-01"), among: [p])
        #expect(matches.first?.reasons == ["Similar name and same date of birth"])
    }

    @Test func strangersAreNotMatched() {
        let p = person("Peter Brown", dob: "1970-01-01", phone: "01234 567890")
        #expect(
            DuplicateCheck.likelyMatches(
                for: candidate("Margaret Hale", dob: "1950-04-03", phone: "07700 900123"), among: [p]
            ).isEmpty)
    }
}

@Suite("Introductions as typed")
struct IntroductionDraftTests {
    @Test func aSelfIntroductionNeedsANameAndAWayToGetInTouch() throws {
        var draft = IntroductionDraft()
        draft.viaPublicPage = true
        guard case .failure(let validation) = draft.validated(today: Date()) else {
            Issue.record("an empty introduction was accepted")
            return
        }
        #expect(validation.problems.map(\.field) == ["fullName", "phone"])
        draft.fullName = "  Margaret Hale "
        draft.phone = "07700 900123"
        draft.postcode = "kv1 1aa"
        draft.dateOfBirth = "3/4/1950"
        let valid = try draft.validated(today: Date()).get()
        #expect(valid.fullName == "Margaret Hale")
        #expect(valid.postcode?.value == "KV1 1AA")
        #expect(valid.dateOfBirth == "1950-04-03")
        #expect(valid.source == .selfIntroduced)
    }

    @Test func someoneElseIntroducingNeedsTheirNameAndThePersonsKnowledge() {
        var draft = IntroductionDraft()
        draft.viaPublicPage = true
        draft.fullName = "Margaret Hale"
        draft.address = "1 Abbey Road"
        draft.source = .neighbour
        guard case .failure(let validation) = draft.validated(today: Date()) else {
            Issue.record("accepted without the introducer")
            return
        }
        #expect(Set(validation.problems.map(\.field)) == ["introducerName", "personKnows"])
    }

    @Test func badDatesPostcodesAndOverlongTextAreExplained() {
        var draft = IntroductionDraft()
        draft.fullName = "Margaret Hale"
        draft.phone = "07700 900123"
        draft.dateOfBirth = "31/2/1950"
        draft.postcode = "NOT A CODE"
        draft.whatMatters = String(repeating: "a", count: 2001)
        guard case .failure(let validation) = draft.validated(today: Date()) else {
            Issue.record("accepted bad input")
            return
        }
        #expect(Set(validation.problems.map(\.field)) == ["dateOfBirth", "postcode", "whatMatters"])
    }

    @Test func levelOneContactsNeedOnlyAName() throws {
        var draft = IntroductionDraft()
        draft.fullName = "Passer-by at the library"
        draft.level = .one
        #expect(try draft.validated(today: Date()).get().level == .one)
    }
}

@Suite("Relationship map")
struct RelationshipMapTests {
    @Test func closerPeopleAreNearerTheCentre() {
        let person = Person.ID(UUID())
        let start = Date(timeIntervalSince1970: 0)
        let people = [
            PersonInLife(
                id: .init(UUID()), personID: person, name: "Susan", kind: .family, closeness: .close, note: "",
                addedAt: start),
            PersonInLife(
                id: .init(UUID()), personID: person, name: "Pat", kind: .neighbour, closeness: .inBetween, note: "",
                addedAt: start),
            PersonInLife(
                id: .init(UUID()), personID: person, name: "Choir", kind: .group, closeness: .further, note: "",
                addedAt: start),
        ]
        let nodes = RelationshipMap.layout(people)
        #expect(nodes.count == 3)
        func distance(_ name: String) -> Double {
            let node = nodes.first { $0.name == name }!
            return
                ((node.x - RelationshipMap.centre) * (node.x - RelationshipMap.centre)
                + (node.y - RelationshipMap.centre) * (node.y - RelationshipMap.centre)).squareRoot()
        }
        #expect(distance("Susan") < distance("Pat"))
        #expect(distance("Pat") < distance("Choir"))
        #expect(RelationshipMap.layout(people) == nodes)
    }
}

@Suite("Dates of birth")
struct DateTests {
    @Test func datesAreReadTheBritishWayAndChecked() {
        #expect(Person.isoDate("3/4/1950") == "1950-04-03")
        #expect(Person.isoDate("1950-04-03") == "1950-04-03")
        #expect(Person.isoDate("03.04.1950") == "1950-04-03")
        #expect(Person.isoDate("31/2/1950") == nil)
        #expect(Person.isoDate("yesterday") == nil)
    }
}
