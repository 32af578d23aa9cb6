import AlongsideStore
import AlongsideTestSupport
import Foundation
import Testing
import Vapor

/// Two `alongside serve` processes on one PostgreSQL database work as one: a person signed in through
/// one is signed in on the other, and a write through one is seen at once through the other. This is
/// how a deployment grows past one machine (the app servers keep no state of their own).
@Suite("Two servers, one database", .serialized)
struct TwoServersTests {
    static var enabled: Bool {
        TestDatabase.postgresURL != nil && FileManager.default.isExecutableFile(atPath: ServeTests.executable)
    }

    @Test(.enabled(if: TwoServersTests.enabled, "needs ALONGSIDE_TEST_DATABASE_URL (PostgreSQL) and swift build"))
    func aSignInAndAWriteThroughOneServerAreSeenThroughTheOther() async throws {
        let (location, cleanUp) = try await TestDatabase.make()
        guard case .postgres(let url) = location else {
            try await cleanUp()
            Issue.record("TestDatabase.make gave SQLite with ALONGSIDE_TEST_DATABASE_URL set")
            return
        }
        let app = try await Application.make(.testing)
        app.http.client.configuration.redirectConfiguration = .disallow
        try await shuttingDown(app, then: cleanUp) {
            try RunningAlongside.command(["migrate"], databaseURL: url)
            try RunningAlongside.command(
                ["council", "create", "--slug", "two", "--name", "Two Council"], databaseURL: url)
            try RunningAlongside.command(
                [
                    "user", "create", "--email", "lead@two.example", "--name", "Lee Lead", "--role", "team-leader",
                    "--council", "two", "--password-stdin",
                ], databaseURL: url, input: "a long and unusual phrase")
            let first = try RunningAlongside(databaseURL: url)
            let second = try RunningAlongside(databaseURL: url)
            defer {
                first.stop()
                second.stop()
            }
            try await first.waitUntilServing(app.client)
            try await second.waitUntilServing(app.client)

            // Sign in across the two servers.
            let page = try await app.client.get(URI(string: first.base + "/sign-in"))
            let html = page.body.map { String(buffer: $0) } ?? ""
            let token = try #require(Browser.formToken(in: html))
            // The sign-in form's token comes in the signed form cookie (no session until signing in); it is
            // posted to the second server, which holds the same secret key.
            let cookie = try #require(page.headers.setCookie?["alongside-form"]?.string)
            let signedIn = try await app.client.post(
                URI(string: second.base + "/sign-in"),
                headers: ["Cookie": "alongside-form=\(cookie)", "Content-Type": "application/x-www-form-urlencoded"]
            ) {
                $0.body = ByteBuffer(
                    string: "csrf=\(Browser.encode(token))&email=lead%40two.example&password=a+long+and+unusual+phrase")
            }
            #expect(signedIn.status == .seeOther)
            let session = try #require(signedIn.headers.setCookie?["alongside-session"]?.string)
            let headers: HTTPHeaders = ["Cookie": "alongside-session=\(session)"]
            // …and be signed in on the first.
            let team = try await app.client.get(URI(string: first.base + "/team"), headers: headers)
            #expect(team.status == .ok)

            // Write through the first; read at once through the second.
            let api = try await app.client.post(URI(string: first.base + "/api/v1/tokens")) {
                try $0.content.encode(["email": "lead@two.example", "password": "a long and unusual phrase"])
            }
            struct Token: Decodable { let token: String }
            let bearer: HTTPHeaders = ["Authorization": "Bearer \(try api.content.decode(Token.self).token)"]
            let created = try await app.client.post(URI(string: first.base + "/api/v1/introductions"), headers: bearer)
            {
                try $0.content.encode(["fullName": "Written Through One", "phone": "07700 900321"])
            }
            #expect(created.status == .created)
            struct Created: Decodable {
                struct Person: Decodable { let id: String }
                let person: Person
            }
            let id = try created.content.decode(Created.self).person.id
            let read = try await app.client.get(URI(string: second.base + "/api/v1/people/\(id)"), headers: bearer)
            #expect(read.status == .ok)
            #expect(read.body.map { String(buffer: $0) }?.contains("Written Through One") == true)
        }
    }
}
