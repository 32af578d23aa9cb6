import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Vapor

/// Sends the outbox: the `send-outbox` routine job claims what is due and sends it through the configured
/// `Mailer`, marking each message sent or, on failure, due again after a back-off. A restart loses nothing
/// (a message is marked sent only after the server accepted it) and repeats at most the message being sent
/// at the moment of the stop. With no mail configured it sends nothing and the admins see what waits (the
/// Staff page).
enum OutboxSender {
    /// How long a claimed message is the sender's: far longer than one send takes.
    static let lease: TimeInterval = 10 * 60

    /// How many messages one round claims: each may take up to an `SMTPMailer`'s deadline, and all of them
    /// together stay well inside the lease, so no other server takes one still being sent.
    static let batch = 5

    /// The mailer the configuration names, or nil when mail is not configured.
    static func mailer(_ app: Application) -> (any Mailer)? {
        switch app.alongside.mail {
        case .smtp(let settings): return SMTPMailer(settings: settings, group: app.eventLoopGroup)
        case .notify(let settings):
            let clock = app.alongside.now
            return NotifyMailer(settings: settings, client: app.client, now: clock)
        case nil: return nil
        }
    }

    /// Claims and sends what is due now, a few at a time, for up to `budget`: how many were sent and how
    /// many failed (to be tried again after their back-off).
    @discardableResult
    static func sendDue(_ app: Application, with mailer: any Mailer, budget: Duration = .seconds(240)) async throws
        -> (sent: Int, failed: Int)
    {
        let started = ContinuousClock.now
        var result = (sent: 0, failed: 0)
        var councils: [Council.ID: Council] = [:]
        while ContinuousClock.now - started < budget {
            let round = try await sendRound(app, with: mailer, councils: &councils)
            result.sent += round.sent
            result.failed += round.failed
            if round.sent + round.failed == 0 { break }
        }
        return result
    }

    /// One claim of up to `batch` messages, each sent.
    static func sendRound(_ app: Application, with mailer: any Mailer, councils: inout [Council.ID: Council])
        async throws -> (sent: Int, failed: Int)
    {
        let outbox = app.stores.outbox
        let claimed = try await outbox.claim(limit: batch, lease: lease, at: app.alongside.now())
        var result = (sent: 0, failed: 0)
        for message in claimed {
            if councils[message.councilID] == nil {
                councils[message.councilID] = try await app.stores.councils.find(message.councilID)
            }
            let box = app.secretBox
            guard
                let opened = try? message.notice.mappingLink({ sealed in
                    guard let link = box.open(sealed) else { throw Abort(.internalServerError) }
                    return link
                })
            else {
                // Sealed under another key: it cannot be sent, and says so to the admins.
                try await outbox.failed(
                    message.id, attempts: message.attempts, error: "sealed link: key mismatch",
                    at: app.alongside.now())
                result.failed += 1
                continue
            }
            let email = Self.email(message.with(notice: opened), council: councils[message.councilID], app: app)
            do {
                try await mailer.send(email)
                try await outbox.sent(
                    message.id, keeping: message.notice.mappingLink { _ in "" }, at: app.alongside.now())
                result.sent += 1
            } catch {
                app.logger.warning("An email could not be sent (it will be tried again): \(error)")
                try await outbox.failed(
                    message.id, attempts: message.attempts, error: "\(error)", at: app.alongside.now())
                result.failed += 1
            }
        }
        return result
    }

    /// The email a message becomes: in English, and in Welsh below it for a council that offers Welsh.
    static func email(_ message: OutboxMessage, council: Council?, app: Application) -> Email {
        let signIn = (app.alongside.publicURL ?? "http://127.0.0.1:8080") + SitePath.signIn.path
        let english = Wording(catalog: app.strings)
        var subject = message.notice.subject(english)
        var body = message.notice.body(english, signIn: signIn)
        if let council, council.languages.contains(.welsh) {
            let welsh = Wording(catalog: app.strings, language: .welsh, offered: council.languages)
            subject += " / " + message.notice.subject(welsh)
            body += "\n---\n\n" + message.notice.body(welsh, signIn: signIn)
        }
        return Email(to: message.to, subject: subject, body: body)
    }
}
