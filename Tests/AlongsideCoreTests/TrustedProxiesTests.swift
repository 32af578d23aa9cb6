import Foundation
import Testing

@testable import AlongsideCore

@Suite("Trusted proxies")
struct TrustedProxiesTests {
    @Test func withNoTrustedProxiesTheHeadersAreIgnored() throws {
        let none = TrustedProxies()
        #expect(none.client(peer: "10.0.0.5", forwarded: [], forwardedFor: ["203.0.113.9"]) == "10.0.0.5")
    }

    @Test func aTrustedProxysForwardedForNamesTheClient() throws {
        let proxies = try TrustedProxies(list: "10.0.0.0/8, ::1")
        #expect(proxies.client(peer: "10.0.0.5", forwarded: [], forwardedFor: ["203.0.113.9"]) == "203.0.113.9")
        // A client cannot choose its address by sending its own header: the nearest untrusted address wins.
        #expect(
            proxies.client(peer: "10.0.0.5", forwarded: [], forwardedFor: ["198.51.100.1, 203.0.113.9"])
                == "203.0.113.9")
        // Through two trusted proxies.
        #expect(
            proxies.client(peer: "10.0.0.5", forwarded: [], forwardedFor: ["203.0.113.9", "10.1.2.3"])
                == "203.0.113.9")
        #expect(proxies.client(peer: "::1", forwarded: [], forwardedFor: ["2001:db8::7"]) == "2001:db8::7")
        // Headers from an untrusted peer are ignored.
        #expect(proxies.client(peer: "192.0.2.1", forwarded: [], forwardedFor: ["203.0.113.9"]) == "192.0.2.1")
        // Rubbish in the header is not an address.
        #expect(proxies.client(peer: "10.0.0.5", forwarded: [], forwardedFor: ["not an address"]) == "10.0.0.5")
    }

    @Test func theForwardedHeaderIsReadFirst() throws {
        let proxies = try TrustedProxies(list: "127.0.0.1")
        #expect(
            proxies.client(
                peer: "127.0.0.1", forwarded: [#"for=192.0.2.60;proto=https, for="[2001:db8:cafe::17]:4711""#],
                forwardedFor: ["198.51.100.1"]) == "2001:db8:cafe::17")
        #expect(
            proxies.client(peer: "127.0.0.1", forwarded: ["for=192.0.2.60:8080"], forwardedFor: []) == "192.0.2.60")
    }

    @Test func rangesAreCheckedBitByBit() throws {
        let proxies = try TrustedProxies(list: "172.16.0.0/12,fd00::/8")
        #expect(proxies.trusts("172.31.255.255"))
        #expect(!proxies.trusts("172.32.0.1"))
        #expect(proxies.trusts("fd12:3456::1"))
        #expect(!proxies.trusts("fe80::1"))
        #expect(proxies.trusts("::ffff:172.16.0.9"))
    }

    @Test func aBadEntryIsRefusedWithWhatToFix() {
        #expect(throws: TrustedProxies.Invalid(entry: "10.0.0.0/33")) { try TrustedProxies(list: "10.0.0.0/33") }
        #expect(throws: TrustedProxies.Invalid(entry: "proxy.local")) { try TrustedProxies(list: "proxy.local") }
    }
}

@Suite("Locks that hold")
struct SignInLockTests {
    @Test func fiveFailuresLockForAWholeWindowFromTheFifth() {
        let throttle = SignInThrottle(window: 15 * 60, failuresPerAccount: 5, failuresPerAddress: 20)
        let start = Date(timeIntervalSince1970: 1_785_000_000)
        // Four at once, the fifth 13 minutes later: locked until 15 minutes after the fifth, not 2 minutes.
        let times = (0..<4).map { start.addingTimeInterval(Double($0)) } + [start.addingTimeInterval(13 * 60)]
        let until = throttle.lockedUntil(failureTimes: times, now: start.addingTimeInterval(15 * 60 + 10))
        #expect(until == start.addingTimeInterval(28 * 60))
        #expect(throttle.lockedUntil(failureTimes: times, now: start.addingTimeInterval(28 * 60 + 1)) == nil)
        // Five spread wider than a window never lock.
        let spread = (0..<5).map { start.addingTimeInterval(Double($0) * 5 * 60) }
        #expect(throttle.lockedUntil(failureTimes: spread, now: start.addingTimeInterval(20 * 60)) == nil)
    }

    @Test func hugeFiguresAreDrawnNotTrapped() {
        #expect(Int(saturating: 1.85e19) == .max)
        #expect(Int(saturating: -1e300) == .min)
        #expect(Int(saturating: .nan) == 0)
        #expect(Int(saturating: .infinity) == .max)
        #expect(Int(saturating: 41.6) == 42)
    }
}
