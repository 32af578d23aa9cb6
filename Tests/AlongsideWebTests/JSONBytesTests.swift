import AlongsideCore
import Foundation
import NIOCore
import Testing
import Vapor

@testable import AlongsideWeb

/// The people list's JSON is written directly (`JSONBytes`); it must say what Vapor's `JSONEncoder` says
/// for the same page, whatever the values, and dates must be the same text.
@Suite("JSON written directly")
struct JSONBytesTests {
    static let hostile = [
        "", "Ann O'Neil", "quote \" back\\slash / slash", "line\nbreak\ttab\rreturn", "\u{08}\u{0C}\u{01}\u{1F}\u{7F}",
        "Siân Llŷr 😀 ﷽", "</script><b>&amp;", "\u{2028}\u{2029}", String(repeating: "x", count: 3_000),
    ]

    func person(_ index: Int, name: String, full: Bool) throws -> PeopleAPI.PersonDTO {
        var fields: [String: Any] = [
            "id": UUID().uuidString, "fullName": name, "preferredName": name, "detailsShown": full,
            "erased": index % 2 == 1, "postcode": name, "categories": full ? [name, "carer"] : [], "level": index % 3,
            "stage": name,
            "createdAt": ["2026-12-06T15:59:28Z", "1970-01-01T00:00:00Z", "2099-02-28T23:59:59Z"][index % 3],
        ]
        if full {
            for key in [
                "dateOfBirth", "phone", "email", "contactPreference", "preferredLanguage", "address", "wardID",
                "household", "ownWords", "endReason", "coordinatorID", "queueReason", "nextStepDue",
            ] { fields[key] = name }
            fields["lastContactAt"] = "2024-02-29T12:00:01Z"
            fields["version"] = index
        }
        let data = try JSONSerialization.data(withJSONObject: fields)
        return try JSONDecoder.custom(dates: .iso8601).decode(PeopleAPI.PersonDTO.self, from: data)
    }

    @Test func thePeopleListIsTheSameBytesAsJSONEncoderGives() throws {
        var items: [PeopleAPI.PersonDTO] = []
        for (index, name) in Self.hostile.enumerated() {
            items.append(try person(index, name: name, full: true))
            items.append(try person(index, name: name, full: false))
        }
        for page in [
            Paged(items: items, metadata: .init(page: 3, per: 50, total: 10_001)),
            Paged(items: [], metadata: .init(page: 1, per: 50, total: 0)),
        ] {
            let expected = try JSONEncoder.custom(dates: .iso8601).encode(page)
            let written = Data(page.json().buffer.readableBytesView)
            // Foundation's encoder writes an object's keys in an order of its own (its dictionaries' hashing
            // is seeded afresh in each process), so the two are compared as parsed JSON: every key, every
            // value, every escape read back the same.
            let mine = try #require(try JSONSerialization.jsonObject(with: written) as? NSDictionary)
            let theirs = try #require(try JSONSerialization.jsonObject(with: expected) as? NSDictionary)
            #expect(mine == theirs)
            // And the decoder reads the same page back.
            let decoded = try JSONDecoder.custom(dates: .iso8601).decode(Paged<PeopleAPI.PersonDTO>.self, from: written)
            #expect(decoded.items.map(\.id) == page.items.map(\.id))
            #expect(decoded.metadata == page.metadata)
        }
    }

    @Test func datesAreWrittenAsTheISO8601StrategyWritesThem() throws {
        struct Stamp: Encodable { let at: Date }
        var seconds: [Double] = [0, 0.999_9, 59.5, 951_782_400, 1_709_208_000.75, 1_765_036_768.000_1, 4_102_444_799.9]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 { seconds.append(Double.random(in: 0..<4_102_444_800, using: &generator)) }
        for second in seconds {
            let date = Date(timeIntervalSince1970: second)
            var json = JSONBytes(capacity: 64)
            json.raw("{")
            json.key("at", first: true)
            json.date(date)
            json.raw("}")
            let expected = String(
                decoding: try JSONEncoder.custom(dates: .iso8601).encode(Stamp(at: date)), as: UTF8.self)
            #expect(String(buffer: json.buffer) == expected, "\(second)")
        }
    }
}
