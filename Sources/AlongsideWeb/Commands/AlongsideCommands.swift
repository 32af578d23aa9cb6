import Vapor

extension Application {
    /// Registers `serve`, `migrate`, `council`, `user`, `import` and `sroi`, replacing Vapor's and
    /// Fluent's defaults with ones that explain themselves.
    public func useAlongsideCommands() {
        asyncCommands.use(AlongsideServeCommand(), as: "serve", isDefault: true)
        asyncCommands.use(AlongsideMigrateCommand(), as: "migrate")
        asyncCommands.use(CouncilCommands(), as: "council")
        asyncCommands.use(UserCommands(), as: "user")
        asyncCommands.use(ImportCommands(), as: "import")
        asyncCommands.use(SROICommand(), as: "sroi")
        asyncCommands.use(RemindersCommand(), as: "reminders")
        asyncCommands.use(JobsCommand(), as: "jobs")
        asyncCommands.use(ExportCommands(), as: "export")
        asyncCommands.use(RetentionCommand(), as: "retention")
        asyncCommands.use(BackupCommand(), as: "backup")
        asyncCommands.use(RestoreCommand(), as: "restore")
        asyncCommands.use(SummariesCommands(), as: "summaries")
    }

    private struct PasswordInputKey: StorageKey { typealias Value = @Sendable () -> String? }

    /// Where `--password-stdin` reads from: standard input, unless a test says otherwise.
    public var passwordInput: @Sendable () -> String? {
        get { storage[PasswordInputKey.self] ?? { readLine(strippingNewline: true) } }
        set { storage[PasswordInputKey.self] = newValue }
    }
}

/// A command failed in a way the operator can fix; the message says how.
public struct CommandFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
