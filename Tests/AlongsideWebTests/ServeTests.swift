import AlongsideTestSupport
import Foundation
import Testing
import Vapor

/// Starts the real `alongside` executable, as a newcomer would, and talks to it over real HTTP.
@Suite("Serving over HTTP")
struct ServeTests {
    static var executable: String { packageRoot + "/.build/debug/alongside" }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: ServeTests.executable), "needs swift build first"))
    func serveDemoCreatesTheDatabaseAndAnswersOverHTTP() async throws {
        let directory = NSTemporaryDirectory() + "alongside-serve-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let port = Int.random(in: 20_000..<40_000)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = ["serve", "--demo", "--hostname", "127.0.0.1", "--port", String(port)]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = "sqlite:\(directory)/alongside.sqlite"
        environment["ALONGSIDE_ROOT"] = packageRoot
        environment["LOG_LEVEL"] = "warning"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }

        let app = try await Application.make(.testing)
        try await shuttingDown(app) {
            var health: ClientResponse?
            for _ in 0..<120 {
                if let response = try? await app.client.get("http://127.0.0.1:\(port)/health"), response.status == .ok {
                    health = response
                    break
                }
                try await Task.sleep(for: .milliseconds(250))
            }
            let answered = try #require(health, "the server never answered /health")
            #expect(answered.body.map { String(buffer: $0) }?.contains("\"database\":\"reachable\"") == true)
            #expect(FileManager.default.fileExists(atPath: directory + "/alongside.sqlite"))

            let signIn = try await app.client.get("http://127.0.0.1:\(port)/sign-in")
            #expect(signIn.status == .ok)
            #expect(signIn.body.map { String(buffer: $0) }?.contains("<h1>Sign in</h1>") == true)
            #expect(signIn.headers.first(name: "Content-Security-Policy") != nil)

            // A form body too big to arrive with the headers (long conversation notes) must still pass the
            // CSRF check: the token is read once the whole body is in.
            let page = signIn.body.map { String(buffer: $0) } ?? ""
            let token = try #require(Browser.formToken(in: page))
            let cookie = try #require(signIn.headers.setCookie?["alongside-form"]?.string)
            var headers = HTTPHeaders()
            headers.add(name: .cookie, value: "\("alongside-form")=\(cookie)")
            headers.contentType = .urlEncodedForm
            let padding = String(repeating: "a", count: 600_000)
            let body =
                "csrf=\(Browser.encode(token))&email=nobody%40demo.example&password=wrong-password&notes=\(padding)"
            let posted = try await app.client.post("http://127.0.0.1:\(port)/sign-in", headers: headers) {
                $0.body = ByteBuffer(string: body)
            }
            #expect(posted.status == .unauthorized)
        }
    }
}
