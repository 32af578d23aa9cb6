import AlongsideCore
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Vapor

/// Sends email over SMTP (RFC 5321): plain, upgraded with STARTTLS, or TLS from the start; AUTH PLAIN when
/// a user is given. One connection a message: the outbox sends few, and a fresh connection cannot be left
/// half-way by an earlier failure. Every reply is awaited for at most `timeout`.
struct SMTPMailer: Mailer {
    let settings: MailSettings.SMTPSettings
    let group: any EventLoopGroup
    var timeout: TimeAmount = .seconds(30)
    /// The most one message may take, start to end: a server that stalls (a TLS handshake never finished,
    /// replies trickled) is cut off, so the sender goes on to the next message.
    var deadline: TimeAmount = .seconds(90)
    /// Certificates trusted beyond the system's (tests use their own).
    var tls: TLSConfiguration = .makeClientConfiguration()

    struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    func send(_ email: Email) async throws {
        // An address goes into a command line: one that could end it is refused, never sent.
        guard StaffMember.isPlausibleEmail(email.to), !email.to.contains(where: { "<>\\".contains($0) }) else {
            throw Refused(description: "SMTP recipient is not an address")
        }
        let handler = SMTPReplies()
        let implicitTLS = settings.implicitTLS
        let context = try NIOSSLContext(configuration: tls)
        let host = settings.host
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicitTLS {
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: context, serverHostname: Self.sniName(host)))
                    }
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
            .connect(host: settings.host, port: settings.port).get()
        let cutOff = channel.eventLoop.scheduleTask(in: deadline) { channel.close(promise: nil) }
        defer { cutOff.cancel() }
        do {
            try await converse(email, on: channel, handler, context)
            try? await channel.close()
        } catch {
            try? await channel.close()
            throw error
        }
    }

    private func converse(
        _ email: Email, on channel: any Channel, _ replies: SMTPReplies, _ context: NIOSSLContext
    ) async throws {
        func reply(_ expected: Set<Int>, to what: String) async throws {
            let answer = try await replies.next(on: channel, within: timeout)
            guard expected.contains(answer.code) else {
                throw Refused(description: "SMTP \(what): \(answer.code) \(answer.text.prefix(200))")
            }
        }
        func say(_ line: String, expect: Set<Int>) async throws {
            try await channel.writeAndFlush(ByteBuffer(string: line + "\r\n")).get()
            try await reply(expect, to: line.split(separator: " ").first.map(String.init) ?? line)
        }
        let me = "alongside.local"
        try await reply([220], to: "greeting")
        try await say("EHLO \(me)", expect: [250])
        if settings.startTLS {
            try await say("STARTTLS", expect: [220])
            // Nothing may arrive before the handshake: replies slipped in by someone on the path would be
            // read as the server's.
            guard try await replies.isEmpty(on: channel) else {
                throw Refused(description: "SMTP server sent more than it was asked before STARTTLS")
            }
            let handler = try NIOSSLClientHandler(context: context, serverHostname: Self.sniName(settings.host))
            try await channel.pipeline.addHandler(handler, position: .first).get()
            try await say("EHLO \(me)", expect: [250])
        }
        if let user = settings.user {
            let token = Data("\u{0}\(user)\u{0}\(settings.password ?? "")".utf8).base64EncodedString()
            try await say("AUTH PLAIN \(token)", expect: [235])
        }
        try await say("MAIL FROM:<\(settings.from)>", expect: [250])
        try await say("RCPT TO:<\(email.to)>", expect: [250, 251])
        try await say("DATA", expect: [354])
        try await channel.writeAndFlush(ByteBuffer(string: Self.message(email, from: settings.from))).get()
        try await reply([250], to: "message")
        try? await say("QUIT", expect: [221])
    }

    /// A hostname for SNI (none for an address).
    static func sniName(_ host: String) -> String? {
        host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? nil : host
    }

    /// The message as sent after DATA: headers, a base64 body (so any language's letters pass any server),
    /// and the closing dot. Addresses and the subject cannot carry a line break into the headers.
    static func message(_ email: Email, from: String, at date: Date = Date(), id: UUID = UUID()) -> String {
        func oneLine(_ text: String) -> String { text.filter { !$0.isNewline } }
        let subject =
            email.subject.allSatisfy(\.isASCII)
            ? oneLine(email.subject) : "=?UTF-8?B?\(Data(oneLine(email.subject).utf8).base64EncodedString())?="
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let body = Data(email.body.utf8).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        let domain = from.split(separator: "@").last.map(String.init) ?? "alongside.local"
        return [
            "From: Alongside <\(oneLine(from))>",
            "To: <\(oneLine(email.to))>",
            "Subject: \(subject)",
            "Date: \(formatter.string(from: date))",
            "Message-ID: <\(id.uuidString.lowercased())@\(domain)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            body,
            ".",
            "",
        ].joined(separator: "\r\n")
    }
}

/// An SMTP reply: its code and text (the lines of a multi-line reply joined).
struct SMTPReply: Sendable {
    let code: Int
    let text: String
}

/// Reads the server's replies, one at a time as they are asked for. Lives on the channel's event loop.
final class SMTPReplies: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    private var pending = ""
    private var lines: [String] = []
    /// Bytes of replies held: a server that floods is cut off.
    private var held = 0
    private var ready: [SMTPReply] = []
    private var waiting: [EventLoopPromise<SMTPReply>] = []
    private var failure: (any Error)?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        held += buffer.readableBytes
        pending += buffer.readString(length: buffer.readableBytes) ?? ""
        guard held < 256 * 1024, lines.count < 100 else {
            fail(SMTPMailer.Refused(description: "SMTP reply too long"))
            context.close(promise: nil)
            return
        }
        while let end = pending.range(of: "\r\n") {
            let line = String(pending[..<end.lowerBound])
            pending.removeSubrange(..<end.upperBound)
            lines.append(line)
            // The last line of a reply has a space (or nothing) after its code; the others a hyphen.
            let characters = Array(line)
            if characters.count >= 3, characters.count == 3 || characters[3] == " ",
                let code = Int(String(characters[0..<3]))
            {
                let text = lines.map { String($0.dropFirst(4)) }.joined(separator: " ")
                lines = []
                held = pending.utf8.count
                deliver(SMTPReply(code: code, text: text))
            } else if characters.count < 4 || characters[3] != "-" {
                fail(SMTPMailer.Refused(description: "SMTP reply not understood"))
                context.close(promise: nil)
                return
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(SMTPMailer.Refused(description: "SMTP connection closed"))
        context.fireChannelInactive()
    }

    private func deliver(_ reply: SMTPReply) {
        if waiting.isEmpty { ready.append(reply) } else { waiting.removeFirst().succeed(reply) }
    }

    private func fail(_ error: any Error) {
        failure = failure ?? error
        let promises = waiting
        waiting = []
        for promise in promises { promise.fail(error) }
    }

    /// Whether nothing is waiting to be read.
    func isEmpty(on channel: any Channel) async throws -> Bool {
        try await channel.eventLoop.submit { self.ready.isEmpty && self.pending.isEmpty && self.lines.isEmpty }.get()
    }

    /// The next reply, or a failure after `timeout`.
    func next(on channel: any Channel, within timeout: TimeAmount) async throws -> SMTPReply {
        let loop = channel.eventLoop
        return try await loop.flatSubmit { () -> EventLoopFuture<SMTPReply> in
            if !self.ready.isEmpty { return loop.makeSucceededFuture(self.ready.removeFirst()) }
            if let failure = self.failure { return loop.makeFailedFuture(failure) }
            let promise = loop.makePromise(of: SMTPReply.self)
            self.waiting.append(promise)
            let timer = loop.scheduleTask(in: timeout) {
                promise.fail(SMTPMailer.Refused(description: "SMTP server did not answer in time"))
            }
            promise.futureResult.whenComplete { _ in timer.cancel() }
            return promise.futureResult
        }.get()
    }
}
