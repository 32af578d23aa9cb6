import Foundation

extension UUID {
    /// The same text as `uuidString` (upper-case hex in 8-4-4-4-12 groups), written directly: Foundation's
    /// goes through `sprintf`, which was a twentieth of a scale load's time (perf).
    public var text: String {
        String(unsafeUninitializedCapacity: 36) { write(into: $0) }
    }

    /// Appends `text`'s 36 bytes, with no string made (a bulk load writes millions of ids).
    public func appendText(to bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: 36))
        bytes.withUnsafeMutableBufferPointer { all in
            _ = write(into: UnsafeMutableBufferPointer(rebasing: all[start...]))
        }
    }

    /// Writes `text` into the first 36 bytes of `out`; returns 36.
    private func write(into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let digits: StaticString = "0123456789ABCDEF"
        return withUnsafeBytes(of: uuid) { bytes in
            digits.withUTF8Buffer { hex in
                var at = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        out[at] = UInt8(ascii: "-")
                        at += 1
                    }
                    out[at] = hex[Int(byte >> 4)]
                    out[at + 1] = hex[Int(byte & 0x0F)]
                    at += 2
                }
                return at
            }
        }
    }
}

extension UUID {
    /// Reads `text` in the 8-4-4-4-12 groups (either case), as `UUID(uuidString:)` does but directly:
    /// Foundation's goes through `sscanf`, which was 8% of a long caseload's time on SQLite, where every id
    /// is kept as text (perf).
    public init?(text: some StringProtocol) {
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed =
            text.utf8.withContiguousStorageIfAvailable { Self.parse($0, into: &bytes) }
            ?? Self.parse(Array(text.utf8), into: &bytes)
        guard parsed else { return nil }
        self.init(uuid: bytes)
    }

    private static func parse(_ utf8: some Collection<UInt8>, into bytes: inout uuid_t) -> Bool {
        guard utf8.count == 36 else { return false }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c &- UInt8(ascii: "0")
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c &- UInt8(ascii: "A") &+ 10
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c &- UInt8(ascii: "a") &+ 10
            default: nil
            }
        }
        return withUnsafeMutableBytes(of: &bytes) { out in
            var byte = 0
            var high: UInt8?
            for (offset, c) in utf8.enumerated() {
                if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                    guard c == UInt8(ascii: "-") else { return false }
                    continue
                }
                guard let value = nibble(c) else { return false }
                if let first = high {
                    out[byte] = first << 4 | value
                    byte += 1
                    high = nil
                } else {
                    high = value
                }
            }
            return byte == 16
        }
    }
}
