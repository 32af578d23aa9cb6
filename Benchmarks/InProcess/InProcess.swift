import AlongsideCore
import Benchmark
import Foundation

// In-process measurements of the work behind the pages, with ordo-one/benchmark (wall clock, CPU,
// allocations): `swift package --disable-sandbox benchmark --target InProcess` (docs/BENCHMARKS.md).
// Each benchmark builds its input before the measured loop and checks its answer once, so a benchmark
// that stopped doing the work would fail rather than get fast.

/// The same made-up data on every run.
struct Inputs {
    var random = SeededGenerator(seed: 20_261_202)
    let council = Council.ID(UUID())
    let first = ["Amara", "Ben", "Chloe", "Dev", "Ewa", "Femi", "Grace", "Hamid", "Iris", "Jon"]
    let last = ["Okafor", "Patel", "Smith", "Jones", "Nowak", "Evans", "Khan", "Taylor", "Brown", "Wilson"]

    mutating func people(_ count: Int) -> [Person] {
        (0..<count).map { index in
            Person(
                id: .init(random.uuid()), councilID: council,
                fullName: "\(first[index % first.count]) \(last[(index / first.count) % last.count])",
                dateOfBirth: String(format: "19%02d-0%d-1%d", 40 + index % 50, 1 + index % 9, index % 10),
                phone: String(format: "07700 %06d", index), email: "person\(index)@example.org",
                postcode: "DE\(index % 20) \(index % 9)AB", createdAt: Date(timeIntervalSince1970: 1_780_000_000))
        }
    }

    mutating func readings(people: Int) -> [DistanceTravelled.Reading] {
        (0..<people).flatMap { _ -> [DistanceTravelled.Reading] in
            let person = Person.ID(random.uuid())
            return (0..<2).map { visit in
                DistanceTravelled.Reading(
                    personID: person, takenAt: Date(timeIntervalSince1970: 1_780_000_000 + Double(visit) * 8_000_000),
                    value: Decimal(Int.random(in: 14...35, using: &random)))
            }
        }
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput], maxDuration: .seconds(3))

    Benchmark("SROI report: a council-year of outcomes valued, discounted and rounded") { benchmark in
        let counts: [RecordedOutcome.Kind: Int] = Dictionary(
            uniqueKeysWithValues: RecordedOutcome.Kind.allCases.enumerated().map { ($1, 20 + $0 * 7) })
        let model = ProxyLibrary.model(counts: counts, library: ProxyLibrary.starter, investment: 500_000)
        let expected = try SROI.calculate(model)
        precondition(expected.presentValue > 0, "the model values nothing")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try SROI.calculate(model)) }
    }

    Benchmark("Duplicate check: one introduction against a council's 500 closest people") { benchmark in
        var inputs = Inputs()
        let pool = inputs.people(500)
        let candidate = DuplicateCheck.Candidate(
            fullName: "Amara Okafer", dateOfBirth: pool[0].dateOfBirth, phone: "", email: "", postcode: "")
        precondition(!DuplicateCheck.likelyMatches(for: candidate, among: pool).isEmpty, "no match found")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(DuplicateCheck.likelyMatches(for: candidate, among: pool))
        }
    }

    Benchmark("Distance travelled: 10,000 people's first and latest readings paired") { benchmark in
        var inputs = Inputs()
        let readings = inputs.readings(people: 10_000)
        precondition(DistanceTravelled.cohort(readings).paired == 10_000, "readings not paired")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(DistanceTravelled.cohort(readings)) }
    }

    Benchmark("Wording: 100 phrases of a page looked up and filled in") { benchmark in
        let wording = Wording(catalog: .installed)
        let keys = Array(wording.catalog.keys.prefix(100))
        precondition(keys.count == 100, "run from the repository's root, where Resources/Strings is")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for key in keys { blackHole(wording(key, "Amara", 3)) }
        }
    }

    Benchmark("Measure score: a SWEMWBS reading's headline, as written with each reading") { benchmark in
        let reading = MeasureReading(
            id: .init(UUID()), personID: .init(UUID()), kind: .swemwbs, takenOn: "2026-12-02",
            answers: [3, 4, 2, 3, 5, 4, 3], declined: false)
        precondition(reading.headlineHundredths != nil, "no score")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(reading.headlineHundredths) }
    }

    Benchmark("Ordered ids: a generated row's time-ordered id") { benchmark in
        var generator = SeededGenerator(seed: 1)
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations { blackHole(generator.orderedUUID(UInt64(index))) }
    }
}
