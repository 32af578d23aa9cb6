import Foundation
import Testing

@testable import AlongsideCore

@Suite("Good Neighbours")
struct GoodNeighbourTests {
    static func volunteer(
        _ name: String, ward: String = "E05900001", lat: Double = 52.900, helps: [HelpKind] = [.shopping],
        days: [Weekday] = [.tuesday], checks: [VolunteerCheck] = [], travel: Int = 2_000
    ) -> Volunteer {
        Volunteer(
            id: .init(UUID()), name: name, postcode: "KV1 1AA", wardCode: ward, latitude: lat, longitude: -1.47,
            travelMetres: travel, helpsWith: helps, availableDays: days, checks: checks)
    }

    static let enhanced = VolunteerCheck(
        id: .init(UUID()), kind: .enhanced, issuedOn: "2025-01-10", expiresOn: "2027-01-10")

    static func request(kind: HelpKind = .shopping, clearance: Bool = false) -> HelpRequest {
        HelpRequest(
            id: .init(UUID()), personID: .init(UUID()), kind: kind, details: "Weekly shop", neededOn: "2026-12-01",
            postcode: "KV1 2BG", wardCode: "E05900001", latitude: 52.901, longitude: -1.47, needsClearance: clearance,
            createdAt: Date())
    }

    @Test func theNearestAvailableVolunteerComesFirstWithReasons() {
        let near = Self.volunteer("Near", lat: 52.9005)
        let farther = Self.volunteer("Farther", lat: 52.910)
        let busy = Self.volunteer("Busy Tuesday", lat: 52.9005, days: [.friday])
        let (matches, _) = GoodNeighbourMatching.rank(
            Self.request(), volunteers: [busy, farther, near], wardNames: ["E05900001": "Abbey Fields"])
        #expect(matches.map(\.volunteer.name) == ["Near", "Farther", "Busy Tuesday"])
        #expect(matches[0].reasons.contains("Lives in Abbey Fields"))
        #expect(matches[0].reasons.contains("Free on Tuesdays"))
        #expect(matches[2].reasons.contains("Not usually free on Tuesdays"))
    }

    @Test func skillsThatMatchWhatIsAskedRankAVolunteerHigher() {
        var fixer = Self.volunteer("Fixer", lat: 52.905, helps: [.smallJobs])
        fixer.skills = "DIY, shelves, curtains"
        let nearer = Self.volunteer("Nearer", lat: 52.901, helps: [.smallJobs])
        var request = Self.request(kind: .smallJobs)
        request.details = "Put up two shelves in the kitchen"
        let (matches, _) = GoodNeighbourMatching.rank(request, volunteers: [nearer, fixer])
        #expect(matches.map(\.volunteer.name) == ["Fixer", "Nearer"])
        #expect(matches[0].reasons.contains("Skills: DIY, shelves, curtains"))
    }

    @Test func aVolunteerWhoIsNotClearedIsNeverMatchedToWorkThatNeedsClearance() {
        let cleared = Self.volunteer("Cleared", helps: [.befriending], checks: [Self.enhanced])
        let basic = Self.volunteer(
            "Basic only", helps: [.befriending],
            checks: [.init(id: .init(UUID()), kind: .basic, issuedOn: "2025-01-01", expiresOn: "2028-01-01")])
        let lapsed = Self.volunteer(
            "Lapsed", helps: [.befriending],
            checks: [.init(id: .init(UUID()), kind: .enhanced, issuedOn: "2023-01-01", expiresOn: "2026-11-30")])
        let (matches, leftOut) = GoodNeighbourMatching.rank(
            Self.request(kind: .befriending, clearance: true), volunteers: [basic, lapsed, cleared])
        #expect(matches.map(\.volunteer.name) == ["Cleared"])
        #expect(leftOut.map(\.volunteer.name) == ["Basic only", "Lapsed"])
        #expect(leftOut.allSatisfy { $0.reason.hasPrefix("Not cleared") })
    }

    @Test func volunteersTooFarAwayOrForOtherHelpAreLeftOutAndSaidWhy() {
        let far = Self.volunteer("Far", lat: 52.95, travel: 1_000)
        let lifts = Self.volunteer("Lifts only", helps: [.lift])
        let (matches, leftOut) = GoodNeighbourMatching.rank(Self.request(), volunteers: [far, lifts])
        #expect(matches.isEmpty)
        #expect(leftOut.first { $0.volunteer.name == "Far" }?.reason.hasPrefix("Too far") == true)
        #expect(leftOut.first { $0.volunteer.name == "Lifts only" }?.reason == "Does not help with shopping")
    }

    @Test func aCheckARenewalOutlastsIsNoLongerToRenew() {
        var volunteer = Self.volunteer("Dev", checks: [Self.enhanced])
        #expect(volunteer.checksToRenew(on: "2026-12-01").map(\.id) == [Self.enhanced.id])
        #expect(volunteer.checksToRenew(on: "2026-10-01").isEmpty)
        volunteer.checks.append(
            .init(id: .init(UUID()), kind: .enhanced, issuedOn: "2026-12-05", expiresOn: "2029-12-05"))
        #expect(volunteer.checksToRenew(on: "2026-12-01").isEmpty)
    }

    @Test(
        arguments: [
            ("2026-11-10", nil), ("2026-11-11", 60), ("2026-12-11", 30), ("2027-01-02", 30), ("2027-01-03", 7),
            ("2027-01-09", 7),
            ("2027-01-11", nil),
        ] as [(String, Int?)])
    func checksRemindSixtyThirtyAndSevenDaysBeforeExpiry(day: String, reminder: Int?) {
        #expect(Self.enhanced.reminderDue(on: day) == reminder)
    }
}
