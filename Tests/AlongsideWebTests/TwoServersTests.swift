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

    final class Server: @unchecked Sendable {
        let process = Process()
        let port = Int.random(in: 40_000..<60_000)
        var base: String { "http://127.0.0.1:\(port)" }

        init(_ url: String) throws {
            process.executableURL = URL(fileURLWithPath: ServeTests.executable)
            process.arguments = ["serve", "--hostname", "127.0.0.1", "--port", String(port)]
            process.environment = TwoServersTests.environment(url)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        func stop() {
            process.terminate()
            process.waitUntilExit()
        }
    }

    static func environment(_ url: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = url
        environment["ALONGSIDE_ROOT"] = packageRoot
        environment["LOG_LEVEL"] = "critical"
        return environment
    }

    static func alongside(_ arguments: [String], url: String, input: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ServeTests.executable)
        process.arguments = arguments
        process.environment = environment(url)
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data((input + "\n").utf8)) }
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Abort(.internalServerError, reason: "alongside \(arguments.joined(separator: " ")) failed")
        }
    }

    @Test(.enabled(if: TwoServersTests.enabled, "needs ALONGSIDE_TEST_DATABASE_URL (PostgreSQL) and swift build"))
    func aSignInAndAWriteThroughOneServerAreSeenThroughTheOther() async throws {
        let (location, cleanUp) = try await TestDatabase.make()
        guard case .postgres(let url) = location else { return }
        let app = try await Application.make(.testing)
        app.http.client.configuration.redirectConfiguration = .disallow
        do {
            try Self.alongside(["migrate"], url: url)
            try Self.alongside(["council", "create", "--slug", "two", "--name", "Two Council"], url: url)
            try Self.alongside(
                [
                    "user", "create", "--email", "lead@two.example", "--name", "Lee Lead", "--role", "team-leader",
                    "--council", "two", "--password-stdin",
                ], url: url, input: "a long and unusual phrase")
            let first = try Server(url)
            let second = try Server(url)
            defer {
                first.stop()
                second.stop()
            }
            for server in [first, second] {
                var up = false
                for _ in 0..<200 {
                    if let response = try? await app.client.get(URI(string: server.base + "/health")),
                        response.status == .ok
                    {
                        up = true
                        break
                    }
                    try await Task.sleep(for: .milliseconds(100))
                }
                try #require(up, "a server never answered")
            }

            // Sign in through the first server.
            let page = try await app.client.get(URI(string: first.base + "/sign-in"))
            let html = page.body.map { String(buffer: $0) } ?? ""
            let token = try #require(Browser.formToken(in: html))
            let cookie = try #require(page.headers.setCookie?["alongside-session"]?.string)
            let signedIn = try await app.client.post(
                URI(string: first.base + "/sign-in"),
                headers: ["Cookie": "alongside-session=\(cookie)", "Content-Type": "application/x-www-form-urlencoded"]
            ) {
                $0.body = ByteBuffer(
                    string: "csrf=\(Browser.encode(token))&email=lead%40two.example&password=a+long+and+unusual+phrase")
            }
            #expect(signedIn.status == .seeOther)
            let session = try #require(signedIn.headers.setCookie?["alongside-session"]?.string)
            let headers: HTTPHeaders = ["Cookie": "alongside-session=\(session)"]
            // …and be signed in on the second.
            let team = try await app.client.get(URI(string: second.base + "/team"), headers: headers)
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
        } catch {
            try? await app.asyncShutdown()
            try? await cleanUp()
            throw error
        }
        try await app.asyncShutdown()
        try await cleanUp()
    }
}
