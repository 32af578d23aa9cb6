import AlongsideCore
import AlongsideTestSupport
import Fluent
import Foundation
import SQLKit
import Testing

@testable import AlongsideStore

/// Distance travelled worked out in the database gives exactly what the rule in Core gives on the same
/// readings: for the council, by ward, by label, and up to a day.
@Suite("Wellbeing in the database")
struct WellbeingStoreTests {
    /// A small repeatable generator, so a failure can be seen again.
    struct Dice {
        var state: UInt64
        mutating func roll(_ range: ClosedRange<Int>) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return range.lowerBound + Int((state >> 33) % UInt64(range.count))
        }
    }

    @Test func theDatabaseAgreesWithTheRuleForTheCouncilEachWardEachLabelAndUpToADay() async throws {
        try await withDatabase { db in
            let council = try await CouncilStore(db).create(slug: "testshire", name: "Testshire")
            let other = try await CouncilStore(db).create(slug: "otherton", name: "Otherton")
            let wards = WardStore(db, councilID: council.id)
            let north = try await wards.create(code: "E05000001", name: "North")
            let south = try await wards.create(code: "E05000002", name: "South")
            var dice = Dice(state: 42)
            var history = BulkLoad.History()
            var groups: [Person.ID: (ward: Ward.ID?, categories: [ReportingCategory])] = [:]
            for number in 0..<40 {
                let ward = [north.id, south.id, nil][dice.roll(0...2)]
                let categories = [
                    ReportingCategory.allCases[dice.roll(0...2)], ReportingCategory.allCases[dice.roll(3...5)],
                ]
                let person = Person(
                    id: .init(UUID()), councilID: council.id, fullName: "Person \(number)", wardID: ward,
                    categories: categories, createdAt: Date(timeIntervalSince1970: 1_700_000_000))
                history.people.append(person)
                groups[person.id] = (ward, categories)
                for kind in [MeasureKind.swemwbs, .ucla3] {
                    let count = dice.roll(0...4)
                    for reading in 0..<count {
                        let answers =
                            kind == .swemwbs
                            ? (0..<7).map { _ in dice.roll(1...5) } : (0..<3).map { _ in dice.roll(1...3) }
                        history.measures.append(
                            MeasureReading(
                                id: .init(UUID()), personID: person.id, kind: kind,
                                takenOn: String(format: "2026-%02d-%02d", 1 + reading * 3, dice.roll(1...28)),
                                answers: answers, declined: dice.roll(0...9) == 0))
                    }
                }
            }
            try await BulkLoad(db, councilID: council.id).write(history)
            // Another council's readings count only for it.
            var theirs = BulkLoad.History()
            let stranger = Person(id: .init(UUID()), councilID: other.id, fullName: "Stranger", createdAt: Date())
            theirs.people.append(stranger)
            for day in ["2026-01-01", "2026-06-01"] {
                theirs.measures.append(
                    MeasureReading(
                        id: .init(UUID()), personID: stranger.id, kind: .swemwbs, takenOn: day,
                        answers: [5, 5, 5, 5, 5, 5, 5], declined: false))
            }
            try await BulkLoad(db, councilID: other.id).write(theirs)

            let store = WellbeingStore(db)
            for kind in [MeasureKind.swemwbs, .ucla3] {
                let readings = DistanceTravelled.readings(history.measures.filter { $0.kind == kind })
                #expect(DistanceTravelled.cohort(readings).paired > 5)
                let whole = try await store.cohorts(kind, councils: [council.id])
                #expect(whole[.init(councilID: council.id)] == DistanceTravelled.cohort(readings))

                let byWard = try await store.cohorts(kind, councils: [council.id], by: .ward)
                for ward in [north.id, south.id, nil] {
                    let own = readings.filter { groups[$0.personID]?.ward == ward }
                    let expected = DistanceTravelled.cohort(own)
                    #expect(
                        (byWard[.init(councilID: council.id, group: ward?.uuid.uuidString)] ?? .nobody) == expected)
                }
                let byLabel = try await store.cohorts(kind, councils: [council.id], by: .category)
                for category in ReportingCategory.allCases {
                    let own = readings.filter { groups[$0.personID]?.categories.contains(category) == true }
                    #expect(
                        (byLabel[.init(councilID: council.id, group: category.rawValue)] ?? .nobody)
                            == DistanceTravelled.cohort(own))
                }
                let early = try await store.cohorts(kind, councils: [council.id], upTo: "2026-05-31")
                let before = DistanceTravelled.readings(
                    history.measures.filter { $0.kind == kind && $0.takenOn <= "2026-05-31" })
                #expect((early[.init(councilID: council.id)] ?? .nobody) == DistanceTravelled.cohort(before))
            }
            let both = try await store.cohorts(.swemwbs, councils: [council.id, other.id])
            #expect(both[.init(councilID: other.id)]?.paired == 1)
            #expect(both[.init(councilID: other.id)]?.meanChange == 0)
        }
    }

    @Test func upgradingScoresTheReadingsAlreadyKept() async throws {
        try await withDatabase { db in
            let council = try await CouncilStore(db).create(slug: "testshire", name: "Testshire")
            var history = BulkLoad.History()
            let person = Person(id: .init(UUID()), councilID: council.id, fullName: "Kept Before", createdAt: Date())
            history.people.append(person)
            history.measures = [
                MeasureReading(
                    id: .init(UUID()), personID: person.id, kind: .swemwbs, takenOn: "2026-01-01",
                    answers: [3, 3, 3, 3, 3, 3, 4], declined: false),
                MeasureReading(
                    id: .init(UUID()), personID: person.id, kind: .swemwbs, takenOn: "2026-04-01",
                    answers: [4, 4, 4, 4, 4, 4, 4], declined: false),
                MeasureReading(
                    id: .init(UUID()), personID: person.id, kind: .ons4, takenOn: "2026-04-01", answers: [],
                    declined: true),
            ]
            try await BulkLoad(db, councilID: council.id).write(history)
            // As a database from before the scores were kept: no scores, then the migration runs.
            try await (db.sql).raw("UPDATE measures SET score_hundredths = NULL").run()
            // Later migrations first, as `migrate --revert` goes: the pairing index reads the score column.
            try await AddMeasurePairingIndex().revert(on: db)
            try await AddMeasureScores().revert(on: db)
            try await AddMeasureScores().prepare(on: db)
            try await AddMeasurePairingIndex().prepare(on: db)
            let scores = try await MeasureModel.query(on: db).sort(\.$takenOn).all().map(\.scoreHundredths)
            #expect(scores.sorted { ($0 ?? -1) < ($1 ?? -1) } == [nil, 1998, 2503])
            let cohort = try await WellbeingStore(db).cohorts(.swemwbs, councils: [council.id])
            #expect(cohort[.init(councilID: council.id)]?.meanChange == Decimal(string: "5.05"))
        }
    }
}
