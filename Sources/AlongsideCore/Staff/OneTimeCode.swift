import Foundation

/// RFC 4648 base32 (no padding), as authenticator apps show secrets.
public enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    public static func encode(_ bytes: [UInt8]) -> String {
        var result = ""
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                result.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { result.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return result
    }

    /// Decodes, ignoring spaces, hyphens, padding and case; nil for anything else.
    public static func decode(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var buffer = 0
        var bits = 0
        for character in text.uppercased() where !" -=".contains(character) {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = (buffer << 5) | value
            bits += 5
            if bits >= 8 {
                bytes.append(UInt8((buffer >> (bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        return bytes
    }
}

/// Time-based one-time codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), for two-step sign-in.
/// The HMAC is given by the caller, so this stays free of any crypto library.
public struct OneTimeCode: Sendable {
    public typealias HMAC = @Sendable (_ key: [UInt8], _ message: [UInt8]) -> [UInt8]

    public static let step: TimeInterval = 30
    public static let digits = 6

    let hmac: HMAC

    public init(hmac: @escaping HMAC) { self.hmac = hmac }

    public static func counter(at date: Date) -> Int { Int(floor(date.timeIntervalSince1970 / step)) }

    /// The code for one counter value, with `digits` digits.
    public func code(secret: [UInt8], counter: Int, digits: Int = OneTimeCode.digits) -> String {
        let message = (0..<8).reversed().map { UInt8((UInt64(counter) >> (UInt64($0) * 8)) & 0xFF) }
        let mac = hmac(secret, message)
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let number =
            (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8)
            | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(number % modulus)
        return String(repeating: "0", count: digits - value.count) + value
    }

    /// The counter a typed code matches, allowing one step either side for clock drift, and never one at
    /// or before `after` (a code is good once). nil when it does not match.
    public func verify(_ typed: String, secret: [UInt8], at date: Date, after used: Int?) -> Int? {
        let digitsOnly = typed.filter(\.isNumber)
        guard digitsOnly.count == Self.digits else { return nil }
        let now = Self.counter(at: date)
        for counter in [now, now - 1, now + 1] where counter > (used ?? Int.min) {
            if code(secret: secret, counter: counter) == digitsOnly { return counter }
        }
        return nil
    }

    /// otpauth:// address an authenticator app understands.
    public static func address(secret: [UInt8], account: String, issuer: String) -> String {
        let label = "\(issuer):\(account)".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? account
        let issuerParameter = issuer.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? issuer
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=\(issuerParameter)&digits=6&period=30"
    }

    /// Ten single-use recovery codes like "k7rd-9p2m".
    public static func recoveryCodes<G: RandomNumberGenerator>(using generator: inout G) -> [String] {
        let letters = Array("abcdefghjkmnpqrstuvwxyz23456789")
        return (0..<10).map { _ in
            let characters = (0..<8).map { _ in letters[Int.random(in: 0..<letters.count, using: &generator)] }
            return String(characters[0..<4]) + "-" + String(characters[4..<8])
        }
    }
}
