import Foundation

/// A small, fast random number generator that gives the same sequence for the same seed (SplitMix64),
/// so generated demo and benchmark data are the same on every run.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A UUID drawn from the sequence, so generated records keep their ids run after run.
    public mutating func uuid() -> UUID {
        let a = next()
        let b = next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: a >> (8 * UInt64(index)))
            bytes[8 + index] = UInt8(truncatingIfNeeded: b >> (8 * UInt64(index)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }

    /// A UUID that sorts (as bytes and as text) after every one made with a smaller `sequence`: UUID
    /// version 8 (RFC 9562), the first 48 bits `sequence`, the rest random. Bulk loads use these so each new
    /// row goes at the end of its table's key index instead of onto a random page of it.
    public mutating func orderedUUID(_ sequence: UInt64) -> UUID {
        let random = next()
        func byte(_ value: UInt64, _ shift: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: value >> shift) }
        return UUID(
            uuid: (
                byte(sequence, 40), byte(sequence, 32), byte(sequence, 24), byte(sequence, 16), byte(sequence, 8),
                byte(sequence, 0), 0x80 | (byte(random, 0) & 0x0F), byte(random, 8), 0x80 | (byte(random, 16) & 0x3F),
                byte(random, 24), byte(random, 32), byte(random, 40), byte(random, 48), byte(random, 56),
                byte(random, 4), byte(random, 12)
            ))
    }
}
