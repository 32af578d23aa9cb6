import AlongsideCore
import Vapor

/// The period a figures page shows, read from its query (`period=fy2026-q2`, or `period=dates` with
/// `from` and `to`), with the period before it and the choices the period picker offers
/// (`Resources/Views/period-picker.leaf`). The dashboard, its CSV, the quarterly report, SROI, programme
/// reports and the Network page all read it this way, so a link keeps its period from page to page.
struct PeriodChoice: Encodable {
    struct Option: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    let period: Period
    let previous: Period
    /// The chosen period's key (`fy2026-q2`, or `dates`).
    let key: String
    let label: String
    let previousLabel: String
    /// The query that keeps this period on a link: `period=fy2026-q2`, or `period=dates&from=…&to=…`.
    let query: String
    /// The days as typed in the picker's date fields ("1/4/2026").
    let fromText: String
    let toText: String
    let quarters: [Option]
    let years: [Option]
    let months: [Option]
    let datesSelected: Bool
    /// Where the picker's form goes (the page it is on).
    let action: String

    /// The period asked for, or `fallback` (this quarter, unless the page says otherwise) when none is.
    /// A period that cannot be read is refused with a sentence saying what to fix.
    init(_ req: Request, action: String, fallback: Period? = nil) throws {
        struct Query: Decodable {
            var period: String?
            var from: String?
            var to: String?
        }
        // A period sent in a shape no form makes (`period[]=…`) is refused, not quietly replaced.
        guard let query = try? req.query.decode(Query.self) else {
            throw PeriodProblem.unknown
        }
        let today = ISODay.string(req.now)
        let chosen = try Self.read(
            key: query.period, from: query.from, to: query.to,
            fallback: fallback ?? Period.quarter(containing: today))
        self.init(chosen, today: today, action: action)
    }

    /// The period named by a key, or by days typed as day/month/year or yyyy-MM-dd; one that cannot be read
    /// is refused with the sentence that says what to fix. The one way every page and API reads a period.
    static func read(key: String?, from: String?, to: String?, fallback: Period) throws -> Period {
        try Period.chosen(
            key: key, from: from.map { Person.isoDate($0) ?? $0 }, to: to.map { Person.isoDate($0) ?? $0 },
            fallback: fallback)
    }

    init(_ period: Period, today: String, action: String) {
        self.period = period
        previous = period.previous
        key = period.key
        label = period.label(today: today)
        previousLabel = period.previous.label
        query = period.query
        fromText = LondonTime.slashDate(period.from)
        toText = LondonTime.slashDate(period.to)
        let options = Period.options(today: today)
        func group(_ kind: Period.Kind) -> [Option] {
            options.filter { $0.kind == kind }.map {
                Option(value: $0.key, label: $0.label(today: today), selected: $0 == period)
            }
        }
        quarters = group(.quarter)
        years = group(.financialYear)
        months = group(.month)
        datesSelected = period.kind == .dates || !options.contains(period)
        self.action = action
    }

    /// `path` with this period's query added.
    func link(_ path: String) -> String {
        path + (path.contains("?") ? "&" : "?") + query
    }
}
