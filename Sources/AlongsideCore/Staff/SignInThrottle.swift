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

    /// When an account's lock ends, given the times of its failures: `failuresPerAccount` failures within
    /// one window lock it for a whole window from the last of them (a lock that does not slide away as the
    /// first failure grows old). Nil when it is not locked at `now`.
    public func lockedUntil(failureTimes: [Date], now: Date) -> Date? {
        let times = failureTimes.sorted()
        guard failuresPerAccount > 0, times.count >= failuresPerAccount else { return nil }
        var until: Date? = nil
        for start in 0...(times.count - failuresPerAccount) {
            let last = times[start + failuresPerAccount - 1]
            guard last.timeIntervalSince(times[start]) <= window else { continue }
            let end = last.addingTimeInterval(window)
            if end > now, end > (until ?? .distantPast) { until = end }
        }
        return until
    }
}
