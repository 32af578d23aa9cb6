import AlongsideCore
import AlongsideStore
import Fluent
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

@Suite("Security")
struct SecurityTests {
    @Test func aFormWithoutItsTokenIsRefusedAndChangesNothing() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let council = try await factory.council()
            try await factory.staff(council, .councilAdmin, email: "admin@testshire.example")
            let coordinator = try await factory.staff(council, .coordinator)
            let ward = try await factory.ward(council, code: "E05000001", name: "Northfield")
            let browser = Browser(app)
            try await browser.signIn("admin@testshire.example", password: testPassword)

            let forged = try await browser.post(
                "/wards/\(ward.id)/coordinator", form: ["coordinator": coordinator.id.description], csrf: "forged-token"
            )
            #expect(forged.status == .forbidden)
            #expect(forged.body.string.contains("This form has expired"))
            let missing = try await browser.post(
                "/wards/\(ward.id)/coordinator", form: ["coordinator": coordinator.id.description], csrf: "")
            #expect(missing.status == .forbidden)
            let coverage = try await WardStore(app.db, councilID: council.id).coverage()
            #expect(coverage.uncovered.count == 1)
        }
    }

    @Test func signInItselfNeedsTheFormToken() async throws {
        try await withAlongside { app, _ in
            let council = try await Factory(app: app).council()
            try await Factory(app: app).staff(council, .coordinator, email: "c@testshire.example")
            let response = try await Browser(app).post(
                "/sign-in", form: ["email": "c@testshire.example", "password": testPassword], csrf: "")
            #expect(response.status == .forbidden)
        }
    }

    @Test func everyResponseCarriesSecurityHeaders() async throws {
        try await withAlongside { app, _ in
            for path in ["/sign-in", "/health", "/no-such-page", "/api/v1/wards"] {
                let response = try await app.testing().sendRequest(.GET, path)
                let csp = try #require(response.headers.first(name: "Content-Security-Policy"), "\(path)")
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(csp.contains("default-src 'self'"))
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(response.headers.first(name: "Referrer-Policy") == "same-origin")
            }
        }
    }

    @Test func pagesNeverShowRawErrors() async throws {
        try await withAlongside { app, _ in
            let missing = try await app.testing().sendRequest(.GET, "/no-such-page")
            #expect(missing.status == .notFound)
            #expect(missing.headers.contentType == .html)
            #expect(missing.body.string.contains("Page not found"))
            let api = try await app.testing().sendRequest(.GET, "/api/v1/nothing-here")
            #expect(api.status == .notFound)
            struct ErrorBody: Decodable { let error: Bool; let reason: String }
            let body = try api.content.decode(ErrorBody.self)
            #expect(body.error)
            #expect(!body.reason.isEmpty)
        }
    }

    @Test func productionRefusesToStartWithoutItsDatabase() async throws {
        #expect(throws: AppConfig.Invalid.self) {
            _ = try AppConfig.fromEnvironment(.production)
        }
    }
}
