import Foundation

/// How many failed sign-ins are allowed before Alongside makes people wait.
public struct SignInThrottle: Sendable {
    public var window: TimeInterval
    public var failuresPerAccount: Int
    public var failuresPerAddress: Int

    public init(window: TimeInterval = 15 * 60, failuresPerAccount: Int = 5, failuresPerAddress: Int = 20) {
        self.window = window
        self.failuresPerAccount = failuresPerAccount
        self.failuresPerAddress = failuresPerAddress
    }

    public static let standard = SignInThrottle()

    /// Given the failures counted inside the window, may another attempt be made?
    public func check(accountFailures: Int, addressFailures: Int) throws(AlongsideError) {
        if accountFailures >= failuresPerAccount || addressFailures >= failuresPerAddress {
            throw .tooManyAttempts(retryAfterMinutes: Int((window / 60).rounded(.up)))
        }
    }
}
