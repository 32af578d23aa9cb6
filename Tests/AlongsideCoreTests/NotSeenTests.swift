import Foundation
import Testing

@testable import AlongsideCore

@Suite("Not seen lately, and days")
struct NotSeenTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func person(lastContactDaysAgo: Double?, level: SupportLevel = .two, stage: JourneyStage = .walkingAlongside)
        -> Person
    {
        Person(
            id: .init(UUID()), councilID: .init(UUID()), fullName: "A Person", level: level, stage: stage,
            createdAt: now.addingTimeInterval(-400 * 86_400),
            lastContactAt: lastContactDaysAgo.map { now.addingTimeInterval(-$0 * 86_400) })
    }

    @Test func theThresholdIsTheCouncilsNumberOfDays() {
        #expect(!person(lastContactDaysAgo: 27.9).isNotSeen(noContactDays: 28, now: now))
        #expect(person(lastContactDaysAgo: 28.1).isNotSeen(noContactDays: 28, now: now))
        #expect(!person(lastContactDaysAgo: 28.1).isNotSeen(noContactDays: 30, now: now))
    }

    @Test func neverContactedCountsFromTheIntroductionAndOnlyActiveLevelTwoIsFlagged() {
        #expect(person(lastContactDaysAgo: nil).isNotSeen(noContactDays: 28, now: now))
        #expect(!person(lastContactDaysAgo: 100, level: .one).isNotSeen(noContactDays: 28, now: now))
        #expect(!person(lastContactDaysAgo: 100, stage: .ended).isNotSeen(noContactDays: 28, now: now))
    }

    @Test func isoDaysAreLondonDays() throws {
        // 23:30 UTC on 30 June is already 1 July in London (BST).
        let lateJune = try #require(ISO8601DateFormatter().date(from: "2026-06-30T23:30:00Z"))
        #expect(ISODay.string(lateJune) == "2026-07-01")
        #expect(ISODay.date("2026-07-01").map(ISODay.string) == "2026-07-01")
        #expect(ISODay.date("2026-02-30") == nil)
    }

    @Test func readingsKeepOnlyAnsweredMeasures() {
        let id = Person.ID(UUID())
        let answered = MeasureReading(
            id: .init(UUID()), personID: id, kind: .ucla3, takenOn: "2026-01-01", answers: [2, 2, 2], declined: false)
        let declined = MeasureReading(
            id: .init(UUID()), personID: id, kind: .ucla3, takenOn: "2026-02-01", answers: [], declined: true)
        let readings = DistanceTravelled.readings([answered, declined])
        #expect(readings.count == 1)
        #expect(readings.first?.value == 6)
    }
}
