import AlongsideCore
import Crypto
import Foundation
import Vapor

/// What the thank-you page may say about the introduction just sent, and nothing personal: who it was
/// for (the person themselves or someone else), a short reference, where it went (the ward's coordinator by
/// first name, the team, or outside the council's area and which council to contact instead).
///
/// It travels from the form to the thank-you page in a cookie signed with the deployment's secret key, so
/// the page's address carries no details, nobody can make the page say something Alongside did not, and
/// only the browser that sent the introduction sees it (for an hour, enough to read it; less to find on a
/// shared computer). Without it the page thanks in general.
struct IntroductionReceipt: Codable, Equatable {
    enum Outcome: String, Codable {
        /// Matched to a covered ward: its named coordinator will be in touch.
        case coordinator
        /// The team will find the right coordinator (no postcode, an unknown one, or an uncovered ward).
        case team
        /// The postcode is in no ward of this council: no visit is promised.
        case outOfArea = "out-of-area"
    }

    /// The council whose page it was sent from: another council's thank-you page ignores it.
    let council: String
    let forSomeoneElse: Bool
    let reference: String
    var outcome: Outcome
    /// The ward's coordinator's first name, when matched.
    var coordinator: String?
    /// Another council on this deployment whose wards hold the postcode, when out of area.
    var otherCouncil: String?
    let sentAt: Date

    static let cookieName = "alongside-introduced"
    static let lifetime: TimeInterval = 3_600

    /// The reference a resident gives when they phone: the introduction's first eight hexadecimal digits, in
    /// capitals (never the person's id).
    static func reference(_ introduction: Introduction.ID) -> String {
        String(introduction.uuid.uuidString.replacingOccurrences(of: "-", with: "").prefix(8)).uppercased()
    }

    /// A first name to introduce a coordinator by ("Asha" of "Asha Patel").
    static func firstName(_ name: String) -> String? {
        name.split(whereSeparator: \.isWhitespace).first.map(String.init)
    }

    static func key(_ request: Request) -> SymmetricKey {
        SymmetricKey(
            data: SHA256.hash(data: Data(("alongside-introduced:" + request.application.alongside.secretKey).utf8)))
    }

    /// Sets the signed cookie on the response that leads to the thank-you page.
    func attach(to response: Response, for request: Request) throws {
        let payload = Array(try JSONEncoder().encode(self)).base64URLEncoded
        let signature = Array(HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: Self.key(request)))
            .base64URLEncoded
        response.cookies[Self.cookieName] = HTTPCookies.Value(
            string: payload + "." + signature, expires: nil, maxAge: Int(Self.lifetime), path: "/",
            isSecure: request.application.alongside.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }

    /// The receipt this browser holds for `councilSlug`, if its signature holds and it is less than an hour
    /// old; nil for anything else (no cookie, a changed one, another council's, an old one).
    static func read(_ request: Request, councilSlug: String) -> IntroductionReceipt? {
        guard let cookie = request.cookies[cookieName]?.string, cookie.count <= 2_000 else { return nil }
        let parts = cookie.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2,
            let signature = Data(base64URL: parts[1]),
            HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: Data(parts[0].utf8), using: key(request)),
            let payload = Data(base64URL: parts[0]),
            let receipt = try? JSONDecoder().decode(IntroductionReceipt.self, from: payload),
            receipt.council == councilSlug
        else { return nil }
        let age = request.now.timeIntervalSince(receipt.sentAt)
        return (0...lifetime).contains(age) ? receipt : nil
    }
}

extension Data {
    /// Base64url without padding, as `base64URLEncoded` writes it; nil for anything else.
    init?(base64URL text: String) {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            return nil
        }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
