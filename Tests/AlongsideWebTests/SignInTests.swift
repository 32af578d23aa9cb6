import AlongsideCore
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

@Suite("Signing in")
struct SignInTests {
    @Test func staffSignInWithEmailAndPasswordAndSeeTheirName() async throws {
        try await withAlongside { app, _ in
            let council = try await Factory(app: app).council()
            let leader = try await Factory(app: app).staff(
                council, .teamLeader, email: "lead@testshire.example", name: "Pat Lead")
            let browser = Browser(app)
            let response = try await browser.signIn(
                "  LEAD@testshire.example ", password: testPassword, next: "/coverage")
            #expect(response.status == .seeOther)
            #expect(response.location == "/coverage")
            let cookie = try #require(response.headers[.setCookie].first)
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.body.string.contains(leader.name))
        }
    }

    @Test func aWrongPasswordIsRefusedWithoutSayingWhetherTheAccountExists() async throws {
        try await withAlongside { app, _ in
            let council = try await Factory(app: app).council()
            try await Factory(app: app).staff(council, .coordinator, email: "c@testshire.example")
            let browser = Browser(app)
            let wrong = try await browser.signIn("c@testshire.example", password: "not the password at all")
            let unknown = try await browser.signIn("nobody@testshire.example", password: "not the password at all")
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.body.string.contains("The email address or password is not right"))
            #expect(unknown.body.string.contains("The email address or password is not right"))
            #expect(wrong.body.string.contains("error-summary"))
            let home = try await browser.get("/")
            #expect(home.status == .seeOther)
        }
    }

    @Test func repeatedFailuresLockTheAccountForAWhileEvenWithTheRightPassword() async throws {
        try await withAlongside { app, clock in
            let council = try await Factory(app: app).council()
            try await Factory(app: app).staff(council, .coordinator, email: "c@testshire.example")
            let browser = Browser(app)
            for _ in 0..<5 {
                let response = try await browser.signIn("c@testshire.example", password: "guessing wrongly again")
                #expect(response.status == .unauthorized)
            }
            let locked = try await browser.signIn("c@testshire.example", password: testPassword)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.body.string.contains("Too many attempts"))
            clock.advance(16 * 60)
            let later = try await browser.signIn("c@testshire.example", password: testPassword)
            #expect(later.status == .seeOther)
        }
    }

    @Test func manyFailuresFromOneAddressAcrossAccountsAreThrottled() async throws {
        try await withAlongside { app, _ in
            let council = try await Factory(app: app).council()
            try await Factory(app: app).staff(council, .coordinator, email: "real@testshire.example")
            let browser = Browser(app)
            for index in 0..<20 {
                try await browser.signIn("guess\(index)@testshire.example", password: "wrong password here")
            }
            let response = try await browser.signIn("real@testshire.example", password: testPassword)
            #expect(response.status == .tooManyRequests)
        }
    }

    @Test func signingInReplacesTheSessionCookie() async throws {
        try await withAlongside { app, _ in
            let council = try await Factory(app: app).council()
            try await Factory(app: app).staff(council, .coordinator, email: "c@testshire.example")
            let browser = Browser(app)
            try await browser.get("/sign-in")
            // Reading the sign-in form stores no session: its token is in the signed form cookie.
            #expect(browser.cookies["alongside-session"] == nil)
            #expect(browser.cookies[CSRFMiddleware.cookieName] != nil)
            // A session id planted on the browser is thrown away by signing in.
            browser.cookies["alongside-session"] = "planted-by-someone-else"
            try await browser.signIn("c@testshire.example", password: testPassword)
            let after = try #require(browser.cookies["alongside-session"])
            #expect(after != "planted-by-someone-else")
            #expect(try await browser.get("/caseload").status == .ok)
        }
    }

    @Test func signingOutEndsTheSession() async throws {
        try await withAlongside { app, _ in
            let council = try await Factory(app: app).council()
            try await Factory(app: app).staff(council, .coordinator, email: "c@testshire.example")
            let browser = Browser(app)
            try await browser.signIn("c@testshire.example", password: testPassword)
            let out = try await browser.post("/sign-out", form: [:])
            #expect(out.status == .seeOther)
            let home = try await browser.get("/")
            #expect(home.status == .seeOther)
            #expect(home.location == "/sign-in")
        }
    }

    @Test func anIdleSessionIsSignedOutWithAnExplanation() async throws {
        try await withAlongside { app, clock in
            let council = try await Factory(app: app).council()
            try await Factory(app: app).staff(council, .coordinator, email: "c@testshire.example")
            let browser = Browser(app)
            try await browser.signIn("c@testshire.example", password: testPassword)
            clock.advance(3 * 60 * 60)
            let coverage = try await browser.get("/coverage")
            #expect(coverage.status == .seeOther)
            let page = try await browser.get(try #require(coverage.location))
            #expect(page.body.string.contains("signed out because the page was left"))
        }
    }

    @Test func missingFieldsAreNamedInTheSummaryAndBesideEachField() async throws {
        try await withAlongside { app, _ in
            let browser = Browser(app)
            try await browser.get("/sign-in")
            let response = try await browser.post("/sign-in", form: ["email": "c@testshire.example", "password": ""])
            #expect(response.status == .unprocessableEntity)
            let page = response.body.string
            #expect(page.contains("<title>Error: Sign in – Alongside</title>"))
            #expect(page.contains("<a href=\"#password\">Enter your password.</a>"))
            #expect(page.contains("id=\"password-error\""))
            #expect(page.contains("aria-describedby=\"password-error\" aria-invalid=\"true\""))
            #expect(!page.contains("id=\"email-error\""))
            #expect(page.contains("value=\"c@testshire.example\""))
        }
    }

    @Test func theNextAddressMustBeOneOfOurOwnPages() async throws {
        try await withAlongside { app, _ in
            let council = try await Factory(app: app).council()
            try await Factory(app: app).staff(council, .coordinator, email: "c@testshire.example")
            let response = try await Browser(app).signIn(
                "c@testshire.example", password: testPassword, next: "//evil.example/")
            #expect(response.location == "/")
        }
    }
}
