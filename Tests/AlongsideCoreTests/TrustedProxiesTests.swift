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
