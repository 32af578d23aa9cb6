import AlongsideCore
import Foundation
import Vapor

/// One email as it is sent: plain text, to one address.
struct Email: Sendable, Equatable {
    let to: String
    let subject: String
    let body: String
}

/// Sends email. Two real transports: SMTP (`SMTPMailer`) and GOV.UK Notify (`NotifyMailer`), chosen by
/// configuration; with neither, nothing is sent and the outbox keeps every message for the admins to see.
protocol Mailer: Sendable {
    func send(_ email: Email) async throws
}

/// How Alongside sends mail, read once from its environment.
public enum MailSettings: Sendable, Equatable {
    /// `ALONGSIDE_SMTP_URL`, like `smtp://user:pass@host:587?starttls=true&from=alongside@council.gov.uk`
    /// (`smtps://` for TLS from the start, usually port 465).
    case smtp(SMTPSettings)
    /// `ALONGSIDE_NOTIFY_API_KEY` and `ALONGSIDE_NOTIFY_TEMPLATE_ID` (an email template whose subject is
    /// `((subject))` and body `((body))`); `ALONGSIDE_NOTIFY_URL` for another address of the API.
    case notify(NotifySettings)

    public struct SMTPSettings: Sendable, Equatable {
        public var host: String
        public var port: Int
        /// TLS from the first byte (smtps), or upgraded with STARTTLS.
        public var implicitTLS: Bool
        public var startTLS: Bool
        public var user: String?
        public var password: String?
        public var from: String
    }

    public struct NotifySettings: Sendable, Equatable {
        public var apiKey: String
        public var templateID: String
        public var baseURL: String
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// The settings the environment gives, or nil when mail is not configured.
    public static func from(_ variables: [String: String]) throws -> MailSettings? {
        if let raw = variables["ALONGSIDE_SMTP_URL"], !raw.isEmpty { return .smtp(try smtp(raw)) }
        if let key = variables["ALONGSIDE_NOTIFY_API_KEY"], !key.isEmpty {
            guard key.count >= 74 else {
                throw Invalid(
                    description:
                        "ALONGSIDE_NOTIFY_API_KEY must be a GOV.UK Notify API key (its name, then the service id and the secret, each 36 characters)."
                )
            }
            guard let template = variables["ALONGSIDE_NOTIFY_TEMPLATE_ID"], UUID(uuidString: template) != nil else {
                throw Invalid(
                    description:
                        "ALONGSIDE_NOTIFY_TEMPLATE_ID must be the id of a Notify email template with ((subject)) and ((body))."
                )
            }
            let base =
                variables["ALONGSIDE_NOTIFY_URL"].flatMap { $0.isEmpty ? nil : $0 }
                ?? "https://api.notifications.service.gov.uk"
            return .notify(NotifySettings(apiKey: key, templateID: template, baseURL: base))
        }
        return nil
    }

    /// Reads an `smtp://` or `smtps://` address.
    static func smtp(_ raw: String) throws -> SMTPSettings {
        let problem = Invalid(
            description:
                "ALONGSIDE_SMTP_URL must look like smtp://user:password@host:587?starttls=true&from=alongside@council.gov.uk"
        )
        guard let url = URLComponents(string: raw), let scheme = url.scheme, ["smtp", "smtps"].contains(scheme),
            let host = url.host, !host.isEmpty
        else { throw problem }
        let port = url.port ?? (scheme == "smtps" ? 465 : 587)
        guard (1...65_535).contains(port) else { throw problem }
        let query = Dictionary(
            (url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let from = query["from"] ?? "alongside@\(host)"
        guard StaffMember.isPlausibleEmail(from) else { throw problem }
        let settings = SMTPSettings(
            host: host, port: port, implicitTLS: scheme == "smtps",
            startTLS: scheme == "smtp" && (query["starttls"] ?? "true") != "false",
            user: url.user, password: url.password, from: from)
        // A password never crosses the network in clear: without TLS, only to a server on this machine.
        if settings.user != nil && !settings.implicitTLS && !settings.startTLS
            && !["127.0.0.1", "::1", "localhost"].contains(host)
        {
            throw Invalid(
                description:
                    "ALONGSIDE_SMTP_URL gives a user without TLS: use starttls=true or smtps:// so the password is not sent in clear."
            )
        }
        return settings
    }
}
