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
            #expect(
                try await adminBrowser.post("/settings/two-step", form: ["requireTwoStep": "yes"]).status == .seeOther)
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let caseload = try await browser.get("/caseload")
            #expect(caseload.headers.first(name: .location) == "/account/two-step")
            #expect(try await browser.get("/account/two-step").body.string.contains("Your council asks everyone"))
        }
    }
}

@Suite("Sessions, passwords and tokens")
struct SessionControlTests {
    @Test func changingThePasswordOrSigningOutEverywhereEndsOtherSessionsAndTokens() async throws {
        try await withAlongside { app, clock in
            let (_, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let phone = Browser(app)
            try await phone.signIn(coordinator.email, password: testPassword)
            let laptop = Browser(app)
            try await laptop.signIn(coordinator.email, password: testPassword)
            let token = try await app.sendRequest(
                .POST, "/api/v1/tokens", headers: ["Content-Type": "application/json"],
                body: ByteBuffer(
                    string: "{\"email\":\"\(coordinator.email)\",\"password\":\"\(testPassword)\",\"scope\":\"read\"}"))
            struct Token: Decodable { let token: String }
            let bearer = try token.content.decode(Token.self).token
            let auth: HTTPHeaders = ["Authorization": "Bearer \(bearer)", "Content-Type": "application/json"]
            #expect(try await app.sendRequest(.GET, "/api/v1/me", headers: auth).status == .ok)
            let write = try await app.sendRequest(
                .POST, "/api/v1/introductions", headers: auth, body: ByteBuffer(string: "{\"fullName\":\"Read Only\"}"))
            #expect(write.status == .forbidden)
            #expect(write.body.string.contains("can only read"))

            try await laptop.get("/account")
            let weak = try await laptop.post(
                "/account/password",
                form: ["currentPassword": testPassword, "newPassword": "short", "confirmPassword": "short"])
            #expect(weak.status == .unprocessableEntity)
            let wrong = try await laptop.post(
                "/account/password",
                form: [
                    "currentPassword": "not it", "newPassword": "a brand new pass phrase",
                    "confirmPassword": "a brand new pass phrase",
                ])
            #expect(wrong.status == .unprocessableEntity)
            clock.advance(1)
            let changed = try await laptop.post(
                "/account/password",
                form: [
                    "currentPassword": testPassword, "newPassword": "a brand new pass phrase",
                    "confirmPassword": "a brand new pass phrase",
                ])
            #expect(changed.status == .seeOther)
            #expect(try await laptop.get("/caseload").status == .ok)
            #expect(try await phone.get("/caseload").status == .seeOther)
            #expect(try await app.sendRequest(.GET, "/api/v1/me", headers: auth).status == .unauthorized)

            clock.advance(1)
            let other = Browser(app)
            try await other.signIn(coordinator.email, password: "a brand new pass phrase")
            clock.advance(1)
            try await laptop.get("/account")
            #expect(try await laptop.post("/account/sign-out-everywhere", form: [:]).status == .seeOther)
            #expect(try await laptop.get("/caseload").status == .ok)
            #expect(try await other.get("/caseload").status == .seeOther)

            let fresh = try await app.sendRequest(
                .POST, "/api/v1/tokens", headers: ["Content-Type": "application/json"],
                body: ByteBuffer(
                    string: "{\"email\":\"\(coordinator.email)\",\"password\":\"a brand new pass phrase\"}"))
            let second: HTTPHeaders = ["Authorization": "Bearer \(try fresh.content.decode(Token.self).token)"]
            #expect(try await app.sendRequest(.DELETE, "/api/v1/tokens/current", headers: second).status == .noContent)
            #expect(try await app.sendRequest(.GET, "/api/v1/me", headers: second).status == .unauthorized)

            clock.advance(1)
            app.passwordInput = { "another fresh pass phrase" }
            let reset = try await app.run(["user", "set-password", "--email", coordinator.email, "--password-stdin"])
            #expect(reset.contains("signed them out everywhere"))
            #expect(try await laptop.get("/caseload").status == .seeOther)
        }
    }
}
