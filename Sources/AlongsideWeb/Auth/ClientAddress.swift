import AlongsideCore
import Vapor

extension Request {
    /// The client's address, for throttling, the audit log and the public form's limit: the connection's
    /// own, or, when it comes from a trusted proxy (`ALONGSIDE_TRUSTED_PROXIES`), the one the proxy names.
    /// "unknown" when there is none (requests made in-process).
    var clientAddress: String {
        application.alongside.trustedProxies.client(
            peer: remoteAddress?.ipAddress, forwarded: headers[.forwarded],
            forwardedFor: headers[.xForwardedFor]) ?? "unknown"
    }
}
