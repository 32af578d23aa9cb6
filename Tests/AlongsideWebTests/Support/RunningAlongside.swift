import Foundation
import Glibc
import Vapor

/// The real `alongside` binary, serving on a random loopback port against `databaseURL`.
final class RunningAlongside: @unchecked Sendable {
    static var executable: String { ServeTests.executable }

    let process = Process()
    let port = RunningAlongside.freePort()
    var base: String { "http://127.0.0.1:\(port)" }

    init(databaseURL: String) throws {
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = ["serve", "--hostname", "127.0.0.1", "--port", String(port)]
        process.environment = Self.environment(databaseURL)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// A loopback port nothing is listening on now (the kernel picks it), so parallel tests never collide.
    static func freePort() -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func environment(_ databaseURL: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = databaseURL
        environment["ALONGSIDE_ROOT"] = packageRoot
        environment["LOG_LEVEL"] = "critical"
        return environment
    }

    func waitUntilServing(_ client: any Client) async throws {
        for _ in 0..<200 {
            if let response = try? await client.get(URI(string: base + "/health")), response.status == .ok { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Abort(.internalServerError, reason: "the server never answered")
    }

    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }

    /// Runs one `alongside` command against `databaseURL`, with `input` on standard input; its output.
    @discardableResult
    static func command(_ arguments: [String], databaseURL: String, input: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment(databaseURL)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data((input + "\n").utf8)) }
        try stdin.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Abort(.internalServerError, reason: "alongside \(arguments.joined(separator: " ")) failed: \(text)")
        }
        return text
    }
}
