import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A real SMTP server on loopback for tests: it speaks the protocol (EHLO, AUTH PLAIN, MAIL, RCPT, DATA,
/// QUIT), keeps every message it accepts, and can be told to refuse the next ones. What the mailer sends
/// goes over a real socket, byte for byte.
final class SMTPServer: Sendable {
    struct Received: Sendable {
        let from: String
        let to: [String]
        let data: String
        let user: String?

        /// A header's value.
        func header(_ name: String) -> String? {
            for line in data.components(separatedBy: "\r\n") {
                if line.isEmpty { break }
                if line.lowercased().hasPrefix(name.lowercased() + ":") {
                    return line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }

        /// The body, its base64 decoded.
        var body: String {
            guard let range = data.range(of: "\r\n\r\n") else { return "" }
            let encoded = data[range.upperBound...].filter { !$0.isWhitespace }
            return Data(base64Encoded: String(encoded)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
    }

    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let received = NIOLockedValueBox<[Received]>([])
    private let refusing = NIOLockedValueBox(0)
    private let channel: any Channel

    var port: Int { channel.localAddress?.port ?? 0 }
    var messages: [Received] { received.withLockedValue { $0 } }

    /// Refuses the next `count` messages with a 451 (try again later).
    func refuse(next count: Int) { refusing.withLockedValue { $0 = count } }

    /// `silent`: accepts connections and never says a word (a server that stalls).
    init(silent: Bool = false) async throws {
        let received = self.received
        let refusing = self.refusing
        channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                if silent { return channel.eventLoop.makeSucceededVoidFuture() }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        Session(
                            keep: { message in received.withLockedValue { $0.append(message) } },
                            refuse: {
                                refusing.withLockedValue {
                                    guard $0 > 0 else { return false }
                                    $0 -= 1
                                    return true
                                }
                            }))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    /// Waits (up to `seconds`) until `count` messages have arrived.
    func wait(for count: Int, seconds: Double = 10) async throws -> [Received] {
        let deadline = Date().addingTimeInterval(seconds)
        while messages.count < count && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        return messages
    }

    func stop() async throws {
        try await channel.close()
        try await group.shutdownGracefully()
    }

    /// One client's conversation.
    final class Session: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        let keep: @Sendable (Received) -> Void
        let refuse: @Sendable () -> Bool
        var pending = ""
        var inData = false
        var data = ""
        var from = ""
        var to: [String] = []
        var user: String?

        init(keep: @escaping @Sendable (Received) -> Void, refuse: @escaping @Sendable () -> Bool) {
            self.keep = keep
            self.refuse = refuse
        }

        func channelActive(context: ChannelHandlerContext) {
            say("220 test.local ESMTP ready", context)
        }

        func say(_ line: String, _ context: ChannelHandlerContext) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: line + "\r\n")), promise: nil)
        }

        func channelRead(context: ChannelHandlerContext, data incoming: NIOAny) {
            var buffer = unwrapInboundIn(incoming)
            pending += buffer.readString(length: buffer.readableBytes) ?? ""
            while let end = pending.range(of: "\r\n") {
                let line = String(pending[..<end.lowerBound])
                pending.removeSubrange(..<end.upperBound)
                handle(line, context)
            }
        }

        func handle(_ line: String, _ context: ChannelHandlerContext) {
            if inData {
                if line == "." {
                    inData = false
                    if refuse() {
                        say("451 4.3.0 Try again later", context)
                    } else {
                        keep(Received(from: from, to: to, data: data, user: user))
                        say("250 2.0.0 Accepted", context)
                    }
                    data = ""
                    to = []
                } else {
                    data += (line.hasPrefix("..") ? String(line.dropFirst()) : line) + "\r\n"
                }
                return
            }
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO") {
                say("250-test.local", context)
                say("250 AUTH PLAIN", context)
            } else if upper.hasPrefix("AUTH PLAIN ") {
                let token = String(line.dropFirst("AUTH PLAIN ".count))
                let parts =
                    Data(base64Encoded: token).map { String(decoding: $0, as: UTF8.self) }?
                    .split(separator: "\u{0}", omittingEmptySubsequences: false) ?? []
                user = parts.count == 3 ? String(parts[1]) : nil
                say(parts.count == 3 && parts[2] == "secret" ? "235 2.7.0 OK" : "535 5.7.8 No", context)
            } else if upper.hasPrefix("MAIL FROM:") {
                from = String(line.dropFirst("MAIL FROM:".count)).trimmingCharacters(
                    in: CharacterSet(charactersIn: "<> "))
                say("250 OK", context)
            } else if upper.hasPrefix("RCPT TO:") {
                to.append(
                    String(line.dropFirst("RCPT TO:".count)).trimmingCharacters(in: CharacterSet(charactersIn: "<> ")))
                say("250 OK", context)
            } else if upper == "DATA" {
                inData = true
                say("354 End with .", context)
            } else if upper == "QUIT" {
                say("221 Bye", context)
                context.close(promise: nil)
            } else {
                say("502 Not here", context)
            }
        }
    }
}
