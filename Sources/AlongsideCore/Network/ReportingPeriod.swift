import Foundation

/// A period the Network compares councils over: the last twelve months, or a financial year (April to
/// March), London days, both ends included.
public struct ReportingPeriod: Sendable, Equatable, Codable {
    public let key: String
    public let label: String
    public let from: String
    public let to: String

    /// The last twelve months, then this financial year (so far) and the two before it.
    public static func options(now: Date) -> [ReportingPeriod] {
        let today = ISODay.string(now)
        let parts = today.split(separator: "-").compactMap { Int($0) }
        let year = parts.first ?? 2026
        let month = parts.count > 1 ? parts[1] : 1
        let current = month >= 4 ? year : year - 1
        let yearAgo = ISODay.string(now.addingTimeInterval(-364 * 86_400))
        return [
            ReportingPeriod(
                key: "last-12-months", label: Wording.current("network.page.the-last-12-months"), from: yearAgo,
                to: today)
        ]
            + (0..<3).map { back in
                let first = current - back
                return ReportingPeriod(
                    key: "fy-\(first)",
                    label: back == 0
                        ? Wording.current("network.page.april-to-march-so-far", first, first + 1)
                        : Wording.current("network.page.april-to-march", first, first + 1),
                    from: "\(first)-04-01", to: min("\(first + 1)-03-31", today))
            }
    }
}
