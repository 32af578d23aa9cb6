import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// The client address used for throttling and the audit log, over real HTTP on loopback: the connection's
/// own unless it comes from a trusted proxy.
@Suite("Client addresses behind a proxy", .serialized)
struct ClientAddressTests {
    func failedSignIn(through proxy: TrustedProxies) async throws -> (forwarded: Int, loopback: Int) {
        var result = (0, 0)
        try await withAlongside { app, clock in
            let (_, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            app.alongside.trustedProxies = proxy
            let port = Int.random(in: 20_000..<60_000)
            let live = try app.testing(method: .running(hostname: "127.0.0.1", port: port))
            let response = try await live.sendRequest(
                .POST, "/api/v1/tokens",
                headers: ["X-Forwarded-For": "203.0.113.7", "Content-Type": "application/json"],
                body: ByteBuffer(string: "{\"email\":\"\(coordinator.email)\",\"password\":\"wrong password\"}"))
            #expect(response.status == .unauthorized)
            let since = clock.now.addingTimeInterval(-60)
            let access = AccessStore(app.db)
            result = (
                try await access.failures(email: coordinator.email, address: "203.0.113.7", since: since).address,
                try await access.failures(email: coordinator.email, address: "127.0.0.1", since: since).address
            )
        }
        return result
    }

    @Test func behindATrustedProxyTheForwardedAddressIsTheClient() async throws {
        let counted = try await failedSignIn(through: try TrustedProxies(list: "127.0.0.1"))
        #expect(counted.forwarded == 1)
        #expect(counted.loopback == 0)
    }

    @Test func withoutOneTheHeaderIsIgnored() async throws {
        let counted = try await failedSignIn(through: TrustedProxies())
        #expect(counted.forwarded == 0)
        #expect(counted.loopback == 1)
    }
}
