import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// Two-step sign-in that cannot be walked around: wrong codes counted per member on the web and the API,
/// a council's requirement applying to API tokens too, and secrets sealed at rest.
@Suite("Two-step sign-in holds")
struct TwoStepHoldsTests {
    /// Sets up two-step sign-in for `email` through the account page; returns the secret.
    static func setUpTwoStep(_ app: Application, _ clock: TestClock, email: String) async throws -> [UInt8] {
        let browser = Browser(app)
        try await browser.signIn(email, password: testPassword)
        let secret = try TwoStepTests.secret(in: try await browser.get("/account/two-step").body.string)
        let code = TwoStep.codes.code(secret: secret, counter: OneTimeCode.counter(at: clock.now))
        #expect(try await browser.post("/account/two-step", form: ["code": code]).status == .ok)
        clock.advance(30)
        return secret
    }

    static func tokenRequest(_ app: Application, email: String, code: String? = nil) async throws
        -> TestingHTTPResponse
    {
        var body = ["email": email, "password": testPassword]
        if let code { body["code"] = code }
        return try await app.testing().sendRequest(.POST, "/api/v1/tokens") { try $0.content.encode(body) }
    }

    @Test func wrongCodesLockCodeEntryAndThePasswordNeverClearsThem() async throws {
        try await withAlongside { app, clock in
            let (_, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let secret = try await Self.setUpTwoStep(app, clock, email: coordinator.email)
            // Four wrong codes, the password again, and a fifth wrong code: locked, as the finding walked it.
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            for _ in 0..<4 {
                #expect(try await browser.post("/sign-in/code", form: ["code": "000000"]).status == .unauthorized)
            }
            try await browser.signIn(coordinator.email, password: testPassword)
            let fifth = try await browser.post("/sign-in/code", form: ["code": "000000"])
            #expect(fifth.status == .tooManyRequests)
            #expect(fifth.body.string.contains("Too many wrong codes"))
            // Locked means the right code is refused too, until the window has passed.
            let right = TwoStep.codes.code(secret: secret, counter: OneTimeCode.counter(at: clock.now))
            #expect(try await browser.post("/sign-in/code", form: ["code": right]).status == .tooManyRequests)
            // The API is locked alike: same member, same count.
            #expect(try await Self.tokenRequest(app, email: coordinator.email, code: right).status == .tooManyRequests)
            clock.advance(16 * 60)
            try await browser.signIn(coordinator.email, password: testPassword)
            let later = TwoStep.codes.code(secret: secret, counter: OneTimeCode.counter(at: clock.now))
            #expect(try await browser.post("/sign-in/code", form: ["code": later]).status == .seeOther)
            #expect(try await browser.get("/caseload").status == .ok)
        }
    }

    @Test func wrongCodesThroughTheAPIAreCountedAndRecordedAsFailures() async throws {
        try await withAlongside { app, clock in
            let (_, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let secret = try await Self.setUpTwoStep(app, clock, email: coordinator.email)
            for _ in 0..<4 {
                #expect(
                    try await Self.tokenRequest(app, email: coordinator.email, code: "111111").status == .unauthorized)
            }
            #expect(
                try await Self.tokenRequest(app, email: coordinator.email, code: "111111").status == .tooManyRequests)
            let right = TwoStep.codes.code(secret: secret, counter: OneTimeCode.counter(at: clock.now))
            #expect(try await Self.tokenRequest(app, email: coordinator.email, code: right).status == .tooManyRequests)
            let failures = try await AccessStore(app.db).failures(
                email: coordinator.email, address: "unknown", since: clock.now.addingTimeInterval(-3600), kind: .code)
            #expect(failures.account == 5)
        }
    }

    @Test func aCouncilRequiringTwoStepRefusesTokensAndEndsThoseOfMembersWithoutIt() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let admin = try await factory.staff(council, .councilAdmin)
            _ = try await Self.setUpTwoStep(app, clock, email: leader.email)
            // Before the requirement: a token with the password alone, and a signed-in browser.
            let before = try await Self.tokenRequest(app, email: coordinator.email)
            #expect(before.status == .created)
            let token = try before.content.decode([String: String].self)["token"] ?? ""
            let bearer: HTTPHeaders = ["Authorization": "Bearer \(token)"]
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: bearer).status == .ok)
            let phone = Browser(app)
            try await phone.signIn(coordinator.email, password: testPassword)
            #expect(try await phone.get("/caseload").status == .ok)

            let adminBrowser = Browser(app)
            try await adminBrowser.signIn(admin.email, password: testPassword)
            clock.advance(1)
            #expect(
                try await adminBrowser.post("/settings/two-step", form: ["requireTwoStep": "yes"]).status == .seeOther)

            // The old token and the open session stop at once; a new token is refused until two-step is set up.
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: bearer).status == .unauthorized)
            let caseload = try await phone.get("/caseload")
            #expect(caseload.status == .seeOther)
            #expect(caseload.location?.hasPrefix("/sign-in") == true)
            let refused = try await Self.tokenRequest(app, email: coordinator.email)
            #expect(refused.status == .forbidden)
            #expect(refused.body.string.contains("requires two-step sign-in"))
            // The admin who switched it on keeps their session and is asked to set it up.
            #expect(try await adminBrowser.get("/caseload").location == "/account/two-step")
            // A member who has two-step still gets a token, with a code.
            #expect(try await Self.tokenRequest(app, email: leader.email).status == .unauthorized)
            // The change is in the audit log.
            let entries = try await AuditStore(app.db, councilID: council.id).entries(by: admin.id)
            #expect(entries.contains { $0.words.contains("Required two-step sign-in") })
        }
    }

    @Test func twoStepSecretsAreSealedAtRestAndOldPlainOnesAreSealedAtStart() async throws {
        try await withAlongside { app, clock in
            let (_, coordinator, leader, _) = try await Factory(app: app).coveredCouncil()
            let secret = try await Self.setUpTwoStep(app, clock, email: coordinator.email)
            let stored = try #require(try await StaffStore(app.db).twoStep(of: coordinator.id)).secret
            #expect(stored.hasPrefix("aes1:"))
            #expect(!stored.contains(Base32.encode(secret)))
            #expect(app.secretBox.open(stored) == Base32.encode(secret))
            // Sealed under another key, it opens to nothing: the database alone gives no codes.
            #expect(SecretBox(passphrase: "another key entirely, thirty-two+").open(stored) == nil)

            // A secret stored in plain text before sealing began still works, and is sealed at the next start.
            let plain = Base32.encode((0..<20).map { UInt8($0) })
            try await StaffStore(app.db).enableTwoStep(
                leader.id, secret: plain, counter: 0, recoveryCodeHashes: [])
            try await SecretBox.sealPlainSecrets(on: app)
            let sealed = try #require(try await StaffStore(app.db).twoStep(of: leader.id)).secret
            #expect(sealed.hasPrefix("aes1:"))
            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)
            let code = TwoStep.codes.code(
                secret: try #require(Base32.decode(plain)), counter: OneTimeCode.counter(at: clock.now))
            #expect(try await browser.post("/sign-in/code", form: ["code": code]).status == .seeOther)
        }
    }

    @Test func productionRefusesToStartWithoutASecretKey() throws {
        let database = ["DATABASE_URL": "postgres://alongside:pw@127.0.0.1:5432/alongside?sslmode=disable"]
        #expect {
            _ = try AppConfig.fromEnvironment(.production, variables: database)
        } throws: { error in
            "\(error)".contains("ALONGSIDE_SECRET_KEY")
        }
        var short = database
        short["ALONGSIDE_SECRET_KEY"] = "too short"
        #expect(throws: AppConfig.Invalid.self) { _ = try AppConfig.fromEnvironment(.production, variables: short) }
        var good = database
        good["ALONGSIDE_SECRET_KEY"] = String(repeating: "k", count: 40)
        let config = try AppConfig.fromEnvironment(.production, variables: good)
        #expect(config.secretKey == good["ALONGSIDE_SECRET_KEY"])
    }
}
