import AlongsideCore
import Foundation
import Vapor

/// Sends email through GOV.UK Notify's HTTP API (`POST /v2/notifications/email`), signed with a JSON Web
/// Token made from the API key as Notify documents: HS256, `iss` the service id, `iat` now. The template
/// takes the whole message as `((subject))` and `((body))`.
struct NotifyMailer: Mailer {
    let settings: MailSettings.NotifySettings
    let client: any Client
    var now: @Sendable () -> Date = { Date() }

    struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    func send(_ email: Email) async throws {
        struct Body: Content {
            let email_address: String
            let template_id: String
            let personalisation: [String: String]
        }
        let response = try await client.post(URI(string: settings.baseURL + "/v2/notifications/email")) { request in
            request.timeout = .seconds(30)
            request.headers.bearerAuthorization = BearerAuthorization(token: try token())
            try request.content.encode(
                Body(
                    email_address: email.to, template_id: settings.templateID,
                    personalisation: ["subject": email.subject, "body": email.body]), as: .json)
        }
        guard response.status == .created || response.status == .ok else {
            throw Refused(
                description:
                    "Notify answered \(response.status.code): \(response.body.map { String(buffer: $0) }?.prefix(300) ?? "")"
            )
        }
    }

    /// The key's service id and secret: the last two 36-character parts of the key.
    var keyParts: (service: String, secret: String) {
        let key = settings.apiKey
        return (String(key.dropLast(37).suffix(36)), String(key.suffix(36)))
    }

    /// A token for one request.
    func token() throws -> String {
        func base64URL(_ data: Data) -> String {
            data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }
        let header = base64URL(Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
        let claims = base64URL(
            Data(#"{"iss":"\#(keyParts.service)","iat":\#(Int(now().timeIntervalSince1970))}"#.utf8))
        let signature = HMAC<SHA256>.authenticationCode(
            for: Data("\(header).\(claims)".utf8), using: SymmetricKey(data: Data(keyParts.secret.utf8)))
        return "\(header).\(claims).\(base64URL(Data(signature)))"
    }
}
