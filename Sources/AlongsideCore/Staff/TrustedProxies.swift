import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The proxies in front of Alongside whose word about the client's address is believed. Behind a TLS
/// proxy every connection comes from the proxy, so without this the public form's limit and the sign-in
/// throttle would count the whole deployment as one client; believing the headers from anyone else would
/// let a client choose its own address. None are trusted by default.
public struct TrustedProxies: Sendable, Equatable {
    /// An address and how many leading bits of it a range fixes.
    struct Range: Sendable, Equatable {
        let bytes: [UInt8]
        let bits: Int

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            var left = bits
            for index in bytes.indices where left > 0 {
                let take = min(8, left)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - take))
                if address[index] & mask != bytes[index] & mask { return false }
                left -= take
            }
            return true
        }
    }

    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public let entry: String
        public var description: String {
            "ALONGSIDE_TRUSTED_PROXIES: “\(entry)” is not an address or a range like 10.0.0.0/8 or fd00::/8."
        }
    }

    let ranges: [Range]

    public init() { ranges = [] }

    /// Reads a comma-separated list of addresses and CIDR ranges (`127.0.0.1, 10.0.0.0/8, fd00::/8`).
    public init(list: String) throws(Invalid) {
        var ranges: [Range] = []
        for raw in list.split(separator: ",") {
            let entry = raw.trimmingCharacters(in: .whitespaces)
            guard !entry.isEmpty else { continue }
            let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
            guard let bytes = Self.bytes(of: parts[0]) else { throw Invalid(entry: entry) }
            var bits = bytes.count * 8
            if parts.count == 2 {
                guard let given = Int(parts[1]), (0...bits).contains(given) else { throw Invalid(entry: entry) }
                bits = given
            }
            ranges.append(Range(bytes: bytes, bits: bits))
        }
        self.ranges = ranges
    }

    public var isEmpty: Bool { ranges.isEmpty }

    public func trusts(_ address: String) -> Bool {
        guard let bytes = Self.bytes(of: address) else { return false }
        return ranges.contains { $0.contains(bytes) }
    }

    /// The client's address. `peer` is the connection's own address; the headers are believed only when it
    /// is a trusted proxy, and then the client is the nearest address, walking back from the peer, that is
    /// not itself a trusted proxy. `Forwarded` (RFC 7239) is read when present, else `X-Forwarded-For`.
    public func client(peer: String?, forwarded: [String], forwardedFor: [String]) -> String? {
        guard let peer, trusts(peer) else { return peer }
        var chain = Self.forwardedAddresses(forwarded)
        if chain.isEmpty {
            chain = forwardedFor.flatMap { $0.split(separator: ",") }.map {
                $0.trimmingCharacters(in: .whitespaces)
            }
        }
        var client = peer
        for address in chain.reversed() {
            guard Self.bytes(of: address) != nil else { break }
            client = address
            if !trusts(address) { break }
        }
        return client
    }

    /// The `for=` addresses of `Forwarded` headers, in order, without quotes, brackets or ports.
    static func forwardedAddresses(_ headers: [String]) -> [String] {
        headers.flatMap { $0.split(separator: ",") }.compactMap { element -> String? in
            for pair in element.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "for" else {
                    continue
                }
                var value = parts[1].trimmingCharacters(in: .whitespaces)
                value = value.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                if value.hasPrefix("["), let end = value.firstIndex(of: "]") {
                    return String(value[value.index(after: value.startIndex)..<end])
                }
                if value.filter({ $0 == ":" }).count == 1, let colon = value.firstIndex(of: ":") {
                    return String(value[..<colon])
                }
                return value
            }
            return nil
        }
    }

    /// The bytes of an IPv4 or IPv6 address; nil when the text is neither.
    static func bytes(of text: String) -> [UInt8]? {
        guard !text.isEmpty, text.count <= 45, !text.contains(where: { $0.isWhitespace }) else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            // An IPv4 address seen through IPv6 (::ffff:a.b.c.d) is that IPv4 address.
            if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
                return Array(bytes[12...])
            }
            return bytes
        }
        return nil
    }
}
