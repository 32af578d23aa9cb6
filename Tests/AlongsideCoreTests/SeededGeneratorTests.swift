import Foundation
import Testing

@testable import AlongsideCore

@Suite struct SeededGeneratorTests {
    @Test func theSameSeedGivesTheSameIDs() {
        var one = SeededGenerator(seed: 7)
        var two = SeededGenerator(seed: 7)
        #expect((0..<5).map { _ in one.uuid() } == (0..<5).map { _ in two.uuid() })
        #expect(one.orderedUUID(3) == two.orderedUUID(3))
    }

    @Test func orderedIDsSortAsTheyWereMadeAsTextAndAsBytes() {
        var generator = SeededGenerator(seed: 20_261_202)
        // Across a council boundary too: the council's number sits above the count.
        let sequences: [UInt64] = [1, 2, 255, 256, 65_535, 65_536, (1 << 32) - 1, 1 << 32, (2 << 32) + 1]
        let ids = sequences.map { generator.orderedUUID($0) }
        #expect(ids.map(\.uuidString) == ids.map(\.uuidString).sorted())
        func bytes(_ id: UUID) -> [UInt8] { withUnsafeBytes(of: id.uuid) { Array($0) } }
        #expect(ids.map(bytes).elementsEqual(ids.map(bytes).sorted { $0.lexicographicallyPrecedes($1) }))
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let raw = bytes(id)
            #expect(raw[6] >> 4 == 8, "version 8 (RFC 9562)")
            #expect(raw[8] >> 6 == 0b10, "RFC 9562 variant")
        }
        // The same sequence twice still gives two ids: the low 74 bits are random.
        #expect(generator.orderedUUID(9) != generator.orderedUUID(9))
    }
}

@Suite struct UUIDTextTests {
    @Test func theTextIsFoundationsUUIDString() {
        var generator = SeededGenerator(seed: 3)
        let ids =
            (0..<1_000).map { _ in generator.uuid() } + [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))]
        for id in ids + (0..<100).map({ _ in UUID() }) { #expect(id.text == id.uuidString) }
    }

    @Test func textIsReadAsFoundationReadsIt() {
        var generator = SeededGenerator(seed: 4)
        for id in (0..<1_000).map({ _ in generator.uuid() }) + [UUID()] {
            #expect(UUID(text: id.uuidString) == id)
            #expect(UUID(text: id.uuidString.lowercased()) == id)
            #expect(UUID(text: id.uuidString[...]) == id)
        }
        let wrong = [
            "", "not an id", "185BA205-E8C6-45B2-B085-23D9A332377",  // one digit short
            "185BA205-E8C6-45B2-B085-23D9A33237766", "185BA205E8C6-45B2-B085-23D9A3323776-",
            "185BA205-E8C6-45B2-B085-23D9A332377G", "185BA205 E8C6 45B2 B085 23D9A3323776",
        ]
        for text in wrong {
            #expect(UUID(text: text) == nil, "\(text)")
            #expect(UUID(uuidString: text) == nil, "Foundation agrees: \(text)")
        }
    }
}
