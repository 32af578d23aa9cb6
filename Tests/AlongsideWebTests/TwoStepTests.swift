import AlongsideCore
import AlongsideStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

@Suite("Two-step sign-in")
struct TwoStepTests {
    static func secret(in html: String) throws -> [UInt8] {
        let start = try #require(html.range(of: "<strong><code>"))
        let end = try #require(html.range(of: "</code></strong>", range: start.upperBound..<html.endIndex))
        return try #require(Base32.decode(String(html[start.upperBound..<end.lowerBound])))
    }

    @Test func staffSetItUpThenSignInNeedsACodeThatWorksOnceOrARecoveryCode() async throws {
        try await withAlongside { app, clock in
            let (_, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let setUp = try await browser.get("/account/two-step").body.string
            let secret = try Self.secret(in: setUp)
            #expect(setUp.contains("otpauth://totp/"))
            let wrong = try await browser.post("/account/two-step", form: ["code": "000000"])
            #expect(wrong.status == .unprocessableEntity)
            let code = TwoStep.codes.code(secret: secret, counter: OneTimeCode.counter(at: clock.now))
            let confirmed = try await browser.post("/account/two-step", form: ["code": code])
            #expect(confirmed.status == .ok)
            let recovery = confirmed.body.string.components(separatedBy: "<li><code>").dropFirst().compactMap {
                $0.components(separatedBy: "</code>").first
            }
            #expect(recovery.count == 10)
            _ = try await browser.post("/sign-out", form: [:])

            // Password alone no longer signs in.
            let again = Browser(app)
            let first = try await again.signIn(coordinator.email, password: testPassword)
            #expect(first.headers.first(name: .location) == "/sign-in/code")
            #expect(try await again.get("/sign-in/code").body.string.contains("Enter your code"))
            #expect(try await again.get("/caseload").status == .seeOther)
            let bad = try await again.post("/sign-in/code", form: ["code": "123456"])
            #expect(bad.status == .unauthorized)
            #expect(bad.body.string.contains("That code is not right"))
            // The code used to set it up cannot be used again; the next one can, once.
            #expect(try await again.post("/sign-in/code", form: ["code": code]).status == .unauthorized)
            clock.advance(30)
            let next = TwoStep.codes.code(secret: secret, counter: OneTimeCode.counter(at: clock.now))
            #expect(try await again.post("/sign-in/code", form: ["code": next]).status == .seeOther)
            #expect(try await again.get("/caseload").status == .ok)

            let third = Browser(app)
            try await third.signIn(coordinator.email, password: testPassword)
            try await third.get("/sign-in/code")
            #expect(try await third.post("/sign-in/code", form: ["code": next]).status == .unauthorized)
            #expect(try await third.post("/sign-in/code", form: ["code": recovery[0]]).status == .seeOther)
            let fourth = Browser(app)
            try await fourth.signIn(coordinator.email, password: testPassword)
            try await fourth.get("/sign-in/code")
            #expect(try await fourth.post("/sign-in/code", form: ["code": recovery[0]]).status == .unauthorized)

            // The API asks for the code too.
            let token = try await app.sendRequest(
                .POST, "/api/v1/tokens", headers: ["Content-Type": "application/json"],
                body: ByteBuffer(string: "{\"email\":\"\(coordinator.email)\",\"password\":\"\(testPassword)\"}"))
            #expect(token.status == .unauthorized)
            #expect(token.body.string.contains("two-step"))
            clock.advance(30)
            let apiCode = TwoStep.codes.code(secret: secret, counter: OneTimeCode.counter(at: clock.now))
            let withCode = try await app.sendRequest(
                .POST, "/api/v1/tokens", headers: ["Content-Type": "application/json"],
                body: ByteBuffer(
                    string:
                        "{\"email\":\"\(coordinator.email)\",\"password\":\"\(testPassword)\",\"code\":\"\(apiCode)\"}")
            )
            #expect(withCode.status == .created)

            let reset = try await app.run(["user", "reset-two-step", "--email", coordinator.email])
            #expect(reset.contains("Two-step sign-in is off"))
            let fifth = Browser(app)
            #expect(
                try await fifth.signIn(coordinator.email, password: testPassword).headers.first(name: .location) == "/")
        }
    }

    @Test func aCouncilThatRequiresItSendsEveryoneToSetItUpFirst() async throws {
        try await withAlongside { app, _ in
            let (council, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let admin = try await Factory(app: app).staff(council, .councilAdmin)
            let adminBrowser = Browser(app)
            try await adminBrowser.signIn(admin.email, password: testPassword)
            #expect(try await adminBrowser.post("/wards/two-step", form: ["requireTwoStep": "yes"]).status == .seeOther)
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let caseload = try await browser.get("/caseload")
            #expect(caseload.headers.first(name: .location) == "/account/two-step")
            #expect(try await browser.get("/account/two-step").body.string.contains("Your council asks everyone"))
        }
    }
}
