import AlongsideTestSupport
import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor

/// Runs the real binary, kills it with SIGKILL in the middle of a stream of writes, and proves every
/// write it acknowledged is there after a restart; then backs the database up while serving and restores it.
@Suite("Not losing data", .serialized)
struct CrashSafetyTests {
    static func alongside(_ arguments: [String], directory: String, input: String? = nil) throws -> String {
        try RunningAlongside.command(arguments, databaseURL: "sqlite:\(directory)/alongside.sqlite", input: input)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: ServeTests.executable), "needs swift build first"))
    func aKillDuringWritesLosesNothingAcknowledgedAndABackupRestoresIt() async throws {
        let directory = NSTemporaryDirectory() + "alongside-crash-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try Self.alongside(
            ["council", "create", "--slug", "crash", "--name", "Crash Council"], directory: directory)
        _ = try Self.alongside(
            [
                "user", "create", "--email", "lead@crash.example", "--name", "Lee Lead", "--role", "team-leader",
                "--council", "crash", "--password-stdin",
            ], directory: directory, input: "a long and unusual phrase")

        let app = try await Application.make(.testing)
        try await shuttingDown(app) {
            let first = try RunningAlongside(databaseURL: "sqlite:\(directory)/alongside.sqlite")
            try await first.waitUntilServing(app.client)
            let tokenResponse = try await app.client.post(URI(string: first.base + "/api/v1/tokens")) {
                try $0.content.encode(["email": "lead@crash.example", "password": "a long and unusual phrase"])
            }
            struct Token: Decodable { let token: String }
            let token = try tokenResponse.content.decode(Token.self).token
            let headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]

            // Eight writers introduce people as fast as they can; the server is killed mid-stream.
            let acknowledged = NIOLockedValueBox<[String]>([])
            let attempted = NIOLockedValueBox(0)
            struct Created: Decodable {
                struct Person: Decodable { let id: String }
                let person: Person
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        for index in 0..<10_000 {
                            attempted.withLockedValue { $0 += 1 }
                            let phone = String(format: "07%03d%06d", writer, index)
                            guard
                                let response = try? await app.client.post(
                                    URI(string: first.base + "/api/v1/introductions"), headers: headers,
                                    beforeSend: {
                                        try $0.content.encode([
                                            "fullName": "Writer \(writer) Number \(index)", "phone": phone,
                                        ])
                                    })
                            else { return }
                            guard response.status == .created, let body = try? response.content.decode(Created.self)
                            else { return }
                            acknowledged.withLockedValue { $0.append(body.person.id) }
                        }
                    }
                }
                group.addTask {
                    // Wait for 400 acknowledged writes, at most 60 s, so a server that never starts fails the test.
                    for _ in 0..<3_000 where acknowledged.withLockedValue({ $0.count }) < 400 {
                        try await Task.sleep(for: .milliseconds(20))
                    }
                    first.kill()
                }
                try await group.waitForAll()
            }
            let ids = acknowledged.withLockedValue { $0 }
            #expect(ids.count >= 400)
            #expect(attempted.withLockedValue { $0 } > ids.count)

            let second = try RunningAlongside(databaseURL: "sqlite:\(directory)/alongside.sqlite")
            try await second.waitUntilServing(app.client)
            var missing: [String] = []
            for id in ids {
                let response = try await app.client.get(
                    URI(string: second.base + "/api/v1/people/\(id)"), headers: headers)
                if response.status != .ok { missing.append(id) }
            }
            #expect(missing.isEmpty, "acknowledged but lost after SIGKILL: \(missing.count) of \(ids.count)")

            // A backup taken while serving, then a restore, gives back exactly what was acknowledged.
            let backup = directory + "/backup.sqlite"
            let backedUp = try Self.alongside(["backup", backup], directory: directory)
            #expect(backedUp.contains("integrity check ok"))
            #expect(throws: (any Error).self) { try Self.alongside(["backup", backup], directory: directory) }
            second.kill()
            try FileManager.default.removeItem(atPath: directory + "/alongside.sqlite")
            #expect(throws: (any Error).self) { try Self.alongside(["restore", backup], directory: directory) }
            let restored = try Self.alongside(["restore", backup, "--yes"], directory: directory)
            #expect(restored.contains("Restored"))
            let third = try RunningAlongside(databaseURL: "sqlite:\(directory)/alongside.sqlite")
            try await third.waitUntilServing(app.client)
            let sample = [ids.first!, ids[ids.count / 2], ids.last!]
            for id in sample {
                let response = try await app.client.get(
                    URI(string: third.base + "/api/v1/people/\(id)"), headers: headers)
                #expect(response.status == .ok)
            }
            third.kill()
            print("crash test: \(attempted.withLockedValue { $0 }) writes attempted, \(ids.count) acknowledged, 0 lost")
        }
    }
}
