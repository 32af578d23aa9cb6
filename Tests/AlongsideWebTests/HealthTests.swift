import AlongsideCore
import AlongsideStore
import AlongsideTestSupport
import Fluent
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

@Suite("Health and metrics")
struct HealthTests {
    struct Health: Decodable { let status: String; let database: String }

    @Test func healthSaysTheDatabaseIsReachable() async throws {
        try await withAlongside { app, _ in
            let response = try await app.testing().sendRequest(.GET, "/health")
            #expect(response.status == .ok)
            let health = try response.content.decode(Health.self)
            #expect(health.database == "reachable")
            #expect(health.status == "ok")
        }
    }

    @Test func livenessAnswersInPlainTextWithoutSigningIn() async throws {
        try await withAlongside { app, _ in
            let response = try await app.testing().sendRequest(.GET, "/health/live")
            #expect(response.status == .ok)
            #expect(response.body.string == "ok\n")
            #expect(response.headers.contentType == .plainText)
        }
    }

    @Test func metricsAreForTheNetworkAdminOrTheScrapeTokenOnly() async throws {
        try await withAlongside { app, _ in
            let council = try await Factory(app: app).council()
            let admin = try await Factory(app: app).staff(council, .councilAdmin)
            let network = try await Factory(app: app).staff(council, .networkAdmin)
            let coordinator = try await Factory(app: app).staff(council, .coordinator)
            let anonymous = try await app.testing().sendRequest(.GET, "/metrics")
            #expect(anonymous.status == .unauthorized)

            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            #expect(try await browser.get("/metrics").status == .forbidden)
            // One council's admin does not see the whole deployment's traffic.
            let adminBrowser = Browser(app)
            try await adminBrowser.signIn(admin.email, password: testPassword)
            #expect(try await adminBrowser.get("/metrics").status == .forbidden)

            let networkBrowser = Browser(app)
            try await networkBrowser.signIn(network.email, password: testPassword)
            let metrics = try await networkBrowser.get("/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.body.string.contains("http_requests_total"))

            app.alongside.metricsToken = "a-scrape-token-that-is-long-enough"
            let scraped = try await app.testing().sendRequest(
                .GET, "/metrics", headers: ["Authorization": "Bearer a-scrape-token-that-is-long-enough"])
            #expect(scraped.status == .ok)
            let wrong = try await app.testing().sendRequest(.GET, "/metrics", headers: ["Authorization": "Bearer nope"])
            #expect(wrong.status == .forbidden)

            // A council that requires two-step sign-in: the network admin without it is refused, as on every page.
            try await CouncilStore(app.db).setRequireTwoStep(true, for: council.id)
            #expect(try await networkBrowser.get("/metrics").status == .forbidden)
        }
    }
}
