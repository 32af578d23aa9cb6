import Foundation

/// Pounds of different years brought to one year before they are added, with the GDP deflator series
/// HM Treasury publishes ("GDP deflators at market prices, and money GDP",
/// https://www.gov.uk/government/collections/gdp-deflators-at-market-prices-and-money-gdp): a value in
/// the prices of year P is worth `value × index(report year) ÷ index(P)` in the report year's prices.
///
/// Deflators index by financial year: `2025` is 2025/26 (April 2025 to March 2026). A proxy's price year
/// is read as the financial year that starts in it (a unit cost "in 2019 prices" is taken as 2019/20), the
/// same reading the Green Book's wellbeing values get. A value whose price year, or whose report year, the
/// table lacks is not converted, and the report lists it as such, never guessing an index.
public struct DeflatorTable: Sendable, Equatable, Codable {
    /// Financial years a table or a price year may name: anything else is a typing mistake.
    public static let years = 1990...2100
    /// The range an index may take (the series is about 100 in its base year).
    public static let indexRange: ClosedRange<Decimal> = Decimal(string: "0.001")!...10_000
    /// The most rows one table holds.
    public static let maximumRows = 200

    /// The index for each financial year (the year it starts in).
    public var indexes: [Int: Decimal]
    /// Where the figures come from: a web address or a short note, as the council typed it.
    public var source: String
    /// When the release was published, as written ("30 June 2026"; empty when not known).
    public var published: String

    public init(indexes: [Int: Decimal], source: String, published: String) {
        self.indexes = indexes
        self.source = source
        self.published = published
    }

    /// The financial years the table holds, earliest first.
    public var financialYears: [Int] { indexes.keys.sorted() }

    /// The latest financial year in the table.
    public var latestYear: Int? { indexes.keys.max() }

    /// The factor that brings a value in `priceYear` prices to `reportYear` prices; nil when the table
    /// lacks either year.
    public func factor(from priceYear: Int, to reportYear: Int) -> Decimal? {
        if priceYear == reportYear { return 1 }
        guard let from = indexes[priceYear], let to = indexes[reportYear], from > 0 else { return nil }
        return to / from
    }

    /// `value` in `priceYear` prices, in `reportYear` prices; nil when the table lacks either year.
    public func convert(_ value: Decimal, from priceYear: Int, to reportYear: Int) -> Decimal? {
        factor(from: priceYear, to: reportYear).map { value * $0 }
    }

    /// "2025/26" for the financial year starting in April 2025.
    public static func label(_ year: Int) -> String {
        "\(year)/" + String(format: "%02d", ((year + 1) % 100 + 100) % 100)
    }

    /// A financial year as a person types it: "2025/26", "2025-26" or "2025"; nil when it is none.
    public static func year(typed: String) -> Int? {
        let text = typed.trimmingCharacters(in: .whitespaces)
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "-" }).map(String.init)
        guard let first = parts.first, first.count == 4, let year = Int(first), years.contains(year) else {
            return nil
        }
        if parts.count == 1 { return year }
        guard parts.count == 2, let second = Int(parts[1]) else { return nil }
        let expected = parts[1].count == 2 ? (year + 1) % 100 : year + 1
        return second == expected ? year : nil
    }

    /// Why a table typed in could not be read.
    public enum Problem: DomainProblem, Equatable {
        /// Line `line` is not "year index" (e.g. "2025/26 104.6").
        case unreadable(line: Int)
        /// Line `line` names a year outside 1990 to 2100.
        case yearOutOfRange(line: Int)
        /// Line `line` has an index that is not a number from 0.001 to 10,000.
        case indexOutOfRange(line: Int)
        /// Line `line` repeats a year given earlier.
        case repeated(line: Int)
        /// No rows, or more than `maximumRows`.
        case size

        public var field: String? { "rows" }
        public var kind: ProblemKind { .invalid }
    }

    /// A table as pasted: one financial year a line, its index after it ("2025/26 104.6", "2025-26,104.6"
    /// or "2025 104.6"); blank lines and lines starting with `#` are left out. Every line must be read.
    public static func parse(rows text: String) throws(Problem) -> [Int: Decimal] {
        var indexes: [Int: Decimal] = [:]
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard lines.count <= maximumRows * 2 else { throw .size }
        for (offset, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == ";" })
            guard parts.count == 2, parts[0].count <= 9, parts[1].count <= 20 else {
                throw .unreadable(line: offset + 1)
            }
            guard parts[0].allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "/" || $0 == "-") }),
                let first = Int(parts[0].prefix(4))
            else { throw .unreadable(line: offset + 1) }
            guard years.contains(first) else { throw .yearOutOfRange(line: offset + 1) }
            guard let year = Self.year(typed: String(parts[0])) else { throw .unreadable(line: offset + 1) }
            guard let index = Money.number(String(parts[1])),
                indexRange.contains(index)
            else { throw .indexOutOfRange(line: offset + 1) }
            guard indexes[year] == nil else { throw .repeated(line: offset + 1) }
            indexes[year] = index
        }
        guard !indexes.isEmpty, indexes.count <= maximumRows else { throw .size }
        return indexes
    }

    /// The rows as a person would type them, one a line ("2025/26 104.6").
    public var rowsText: String {
        financialYears.map { "\(Self.label($0)) \(indexes[$0] ?? 0)" }.joined(separator: "\n")
    }

    /// The table shipped with Alongside (`Resources/SROI/gdp-deflators.csv`): lines "year,index", with
    /// `# source:` and `# published:` lines naming the release.
    public static func load(shipped text: String) -> DeflatorTable {
        var source = ""
        var published = ""
        var data: [String] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("# source:") {
                source = trimmed.dropFirst(9).trimmingCharacters(in: .whitespaces)
            } else if trimmed.hasPrefix("# published:") {
                published = trimmed.dropFirst(12).trimmingCharacters(in: .whitespaces)
            } else if !trimmed.hasPrefix("#"), !trimmed.lowercased().hasPrefix("financial_year") {
                data.append(trimmed)
            }
        }
        let indexes = (try? parse(rows: data.joined(separator: "\n"))) ?? [:]
        return DeflatorTable(indexes: indexes, source: source, published: published)
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var installed: DeflatorTable?

    /// The shipped table: installed when the application starts (`install(fromRoot:)`), else read from
    /// `Resources/SROI/gdp-deflators.csv` under the working directory on first use, as the string catalog
    /// is. Empty when the file cannot be read: then no value is converted, and reports say so.
    public static var shipped: DeflatorTable {
        get {
            lock.withLock {
                if let installed { return installed }
                let loaded = read(root: FileManager.default.currentDirectoryPath)
                installed = loaded
                return loaded
            }
        }
        set { lock.withLock { installed = newValue } }
    }

    /// Reads the shipped table under the application's root directory.
    public static func install(fromRoot root: String) {
        shipped = read(root: root)
    }

    static func read(root: String) -> DeflatorTable {
        let url = URL(fileURLWithPath: root).appendingPathComponent("Resources/SROI/gdp-deflators.csv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            return DeflatorTable(indexes: [:], source: "", published: "")
        }
        return load(shipped: text)
    }
}
