import ConsoleKit
import NIOConcurrencyHelpers
import Vapor

/// A console that records what a command printed, for checking CLI commands in-process.
final class RecordingConsole: Console, @unchecked Sendable {
    private let lock = NIOLock()
    private var lines: [String] = []
    var userInfo: [AnySendableHashable: any Sendable] = [:]
    var size: (width: Int, height: Int) { (120, 40) }
    var supportsANSICommands: Bool { false }

    var text: String { lock.withLock { lines.joined() } }

    func input(isSecure: Bool) -> String { "" }
    func output(_ text: ConsoleText, newLine: Bool) {
        lock.withLock { lines.append(text.description + (newLine ? "\n" : "")) }
    }
    func clear(_ type: ConsoleClear) {}
    func report(error: String, newLine: Bool) {
        lock.withLock { lines.append(error + (newLine ? "\n" : "")) }
    }
}

extension Application {
    /// Runs `alongside ARGS…` in-process and returns what it printed; throws what the command threw.
    @discardableResult
    func run(_ arguments: [String]) async throws -> String {
        let console = RecordingConsole()
        var context = CommandContext(console: console, input: CommandInput(arguments: ["alongside"] + arguments))
        context.application = self
        try await console.run(asyncCommands.group(), with: context)
        return console.text
    }
}
