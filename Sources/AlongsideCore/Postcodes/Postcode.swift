/// A UK postcode in its one written form: upper case, one space before the last three characters.
public struct Postcode: Hashable, Sendable, Codable, CustomStringConvertible {
    public let value: String

    /// Normalises what a person typed ("de1 2fs", "DE12FS", " De1  2fs ") to "DE1 2FS", or nil when it
    /// cannot be a postcode.
    public init?(_ raw: String) {
        let compact = raw.uppercased().filter { !$0.isWhitespace }
        guard (5...7).contains(compact.count), compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return nil }
        let outward = compact.dropLast(3)
        let inward = compact.suffix(3)
        let inwardChars = Array(inward)
        guard inwardChars[0].isNumber, inwardChars[1].isLetter, inwardChars[2].isLetter else { return nil }
        guard let first = outward.first, first.isLetter, outward.contains(where: \.isNumber) else { return nil }
        value = "\(outward) \(inward)"
    }

    public var description: String { value }
}
