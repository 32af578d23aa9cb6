import AlongsideStore
import Crypto
import Fluent
import Foundation
import Vapor

/// Seals secrets kept in the database (each member's two-step secret) with AES-GCM under a key from
/// configuration (`ALONGSIDE_SECRET_KEY`), so a copy of the database alone gives no working codes.
/// Sealed text is `aes1:` and the base64 of nonce, ciphertext and tag; text without the prefix is a
/// secret stored before sealing began, read as it is and sealed at the next start.
struct SecretBox: Sendable {
    static let prefix = "aes1:"
    let key: SymmetricKey

    init(passphrase: String) {
        key = SymmetricKey(data: SHA256.hash(data: Data(("alongside-secret-box:" + passphrase).utf8)))
    }

    func seal(_ plain: String) throws -> String {
        let box = try AES.GCM.seal(Data(plain.utf8), using: key)
        guard let combined = box.combined else { throw Abort(.internalServerError) }
        return Self.prefix + combined.base64EncodedString()
    }

    /// The plain secret; nil when it was sealed under another key or is damaged.
    func open(_ stored: String) -> String? {
        guard stored.hasPrefix(Self.prefix) else { return stored }
        guard let data = Data(base64Encoded: String(stored.dropFirst(Self.prefix.count))),
            let box = try? AES.GCM.SealedBox(combined: data),
            let plain = try? AES.GCM.open(box, using: key)
        else { return nil }
        return String(decoding: plain, as: UTF8.self)
    }

    static func isSealed(_ stored: String) -> Bool { stored.hasPrefix(prefix) }

    /// Seals every two-step secret still stored in plain text (from before sealing began). Run at start.
    static func sealPlainSecrets(on app: Application) async throws {
        let box = app.secretBox
        let store = app.stores.staff
        for (id, secret) in try await store.twoStepSecrets() where !isSealed(secret) {
            try await store.replaceTwoStepSecret(of: id, with: try box.seal(secret))
        }
    }
}

extension Application {
    var secretBox: SecretBox { SecretBox(passphrase: alongside.secretKey) }
}
