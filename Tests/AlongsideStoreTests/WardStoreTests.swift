import AlongsideCore
import AlongsideTestSupport
import Fluent
import Foundation
import Testing

@testable import AlongsideStore

@Suite("Ward store")
struct WardStoreTests {
    @Test func assigningKeepsHistoryAndEndsTheCurrentAssignment() async throws {
        try await withDatabase { db in
            let council = try await CouncilStore(db).create(slug: "testshire", name: "Testshire")
            let staff = StaffStore(db)
            let a = try await staff.create(
                councilID: council.id, email: "a@t.example", name: "A", role: .coordinator, passwordHash: "x")
            let b = try await staff.create(
                councilID: council.id, email: "b@t.example", name: "B", role: .coordinator, passwordHash: "x")
            let store = WardStore(db, councilID: council.id)
            let ward = try await store.create(code: "E05000001", name: "Northfield")
            let t0 = Date(timeIntervalSince1970: 1_700_000_000)
            let t1 = t0.addingTimeInterval(86_400)
            try await store.assign(ward.id, to: a.id, by: nil, at: t0)
            try await store.assign(ward.id, to: a.id, by: nil, at: t0.addingTimeInterval(60))  // no change
            try await store.assign(ward.id, to: b.id, by: nil, at: t1)
            let history = try await store.history(of: ward.id)
            #expect(history.map(\.coordinatorName) == ["B", "A"])
            #expect(history.map(\.endedAt) == [nil, t1])
            let coverage = try await store.coverage()
            #expect(coverage.rows.first?.coordinator?.name == "B")
        }
    }

    @Test func everyQueryIsScopedToTheCouncil() async throws {
        try await withDatabase { db in
            let mine = try await CouncilStore(db).create(slug: "mine", name: "Mine")
            let theirs = try await CouncilStore(db).create(slug: "theirs", name: "Theirs")
            let theirWard = try await WardStore(db, councilID: theirs.id).create(code: "E05000009", name: "Theirs")
            let store = WardStore(db, councilID: mine.id)
            #expect(try await store.all().isEmpty)
            await #expect(throws: AlongsideError.notFound(.ward)) { try await store.find(theirWard.id) }
            await #expect(throws: AlongsideError.notFound(.ward)) {
                try await store.assign(theirWard.id, to: nil, by: nil, at: Date())
            }
            // The same code may exist in two councils.
            _ = try await store.create(code: "E05000009", name: "Ours")
            #expect(try await store.all().count == 1)
        }
    }
}

@Suite("Postcode store")
struct PostcodeStoreTests {
    @Test func loadingReplacesExistingPostcodes() async throws {
        try await withDatabase { db in
            let store = PostcodeStore(db)
            let first = try PostcodeDirectory.parse("pcds,osward\nDE1 2FS,E05000001\nDE1 2FT,E05000001\n")
            try await store.load(first)
            let second = try PostcodeDirectory.parse("pcds,osward\nDE1 2FS,E05000002\n")
            try await store.load(second, batchSize: 1)
            #expect(try await store.count() == 2)
            #expect(try await store.wardCode(for: try #require(Postcode("de12fs"))) == "E05000002")
        }
    }

    @Test func aLargeLoadIsWrittenInBatchesWithProgress() async throws {
        try await withDatabase { db in
            var lines = ["pcds,osward"]
            for index in 0..<2_500 {
                lines.append(
                    "KV\(index / 100 + 1) \(index % 10)A\(["A", "B", "D", "E", "F", "G", "H", "J", "L", "N"][index / 10 % 10]),E05000001"
                )
            }
            let entries = try PostcodeDirectory.parse(lines.joined(separator: "\n"))
            let seen = Recorder()
            try await PostcodeStore(db).load(entries, batchSize: 1_000) { seen.add($0) }
            #expect(seen.values == [1_000, 2_000, 2_500])
            #expect(try await PostcodeStore(db).count() == 2_500)
        }
    }
}

final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Int] = []
    func add(_ value: Int) { lock.withLock { stored.append(value) } }
    var values: [Int] { lock.withLock { stored } }
}

@Suite("Database location")
struct DatabaseLocationTests {
    @Test func readsDatabaseURL() throws {
        #expect(try DatabaseLocation(url: nil) == .sqlite(path: "alongside.sqlite"))
        #expect(try DatabaseLocation(url: "") == .sqlite(path: "alongside.sqlite"))
        #expect(
            try DatabaseLocation(url: "sqlite:/var/lib/alongside/data.sqlite")
                == .sqlite(path: "/var/lib/alongside/data.sqlite"))
        #expect(try DatabaseLocation(url: "postgres://u:p@h/db") == .postgres(url: "postgres://u:p@h/db"))
        #expect(throws: DatabaseLocation.Unrecognised.self) { try DatabaseLocation(url: "mysql://x") }
    }

    @Test func neverPrintsThePassword() throws {
        let location = try DatabaseLocation(url: "postgres://alongside:s3cret@db.internal:5432/alongside")
        #expect(!location.description.contains("s3cret"))
        #expect(location.description.contains("db.internal"))
    }
}
