import AlongsideCore
import Crypto
import Foundation
import Testing

@Suite("One-time codes")
struct OneTimeCodeTests {
    static let codes = OneTimeCode { key, message in
        Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }
    /// RFC 6238 appendix B: the SHA-1 secret is ASCII "12345678901234567890".
    static let secret = Array("12345678901234567890".utf8)

    @Test(
        arguments: [
            (59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"), (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
        ] as [(Int, String)])
    func codesMatchTheRFC6238TestVectors(seconds: Int, expected: String) {
        let counter = OneTimeCode.counter(at: Date(timeIntervalSince1970: Double(seconds)))
        #expect(Self.codes.code(secret: Self.secret, counter: counter, digits: 8) == expected)
    }

    @Test func aCodeIsGoodForOneStepEitherSideAndOnlyOnce() {
        let now = Date(timeIntervalSince1970: 1_785_000_000)
        let counter = OneTimeCode.counter(at: now)
        let current = Self.codes.code(secret: Self.secret, counter: counter)
        let previous = Self.codes.code(secret: Self.secret, counter: counter - 1)
        let old = Self.codes.code(secret: Self.secret, counter: counter - 2)
        #expect(Self.codes.verify(current, secret: Self.secret, at: now, after: nil) == counter)
        #expect(Self.codes.verify(previous, secret: Self.secret, at: now, after: nil) == counter - 1)
        #expect(Self.codes.verify(old, secret: Self.secret, at: now, after: nil) == nil)
        #expect(Self.codes.verify(current, secret: Self.secret, at: now, after: counter) == nil)
        #expect(Self.codes.verify("12345", secret: Self.secret, at: now, after: nil) == nil)
    }

    @Test func base32RoundTripsAndReadsWhatPeopleType() {
        let bytes: [UInt8] = Array("12345678901234567890".utf8)
        let text = Base32.encode(bytes)
        #expect(text == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        #expect(Base32.decode("gezd gnbv-gy3t qojq gezd gnbv gy3t qojq") == bytes)
        #expect(Base32.decode("not base32!") == nil)
    }
}
