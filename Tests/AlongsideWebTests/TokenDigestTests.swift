import Crypto
import Foundation
import Testing

@testable import AlongsideWeb

@Suite("API token digests")
struct TokenDigestTests {
    /// Tokens are looked up by the hex of their SHA-256, as stored when they were made: the digest written
    /// digit by digit must be the text `String(format: "%02x")` gave.
    @Test func theDigestIsTheLowerCaseHexOfTheTokensSHA256() {
        for token in [
            "", "alg_", BearerTokenAuthenticator.newToken(), "alg_K-pzGZnGO7klQhc8heINwksN3jmDEQzsIJZ0Qn9OjnI",
        ] {
            let expected = SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(BearerTokenAuthenticator.digest(token) == expected)
        }
    }
}
