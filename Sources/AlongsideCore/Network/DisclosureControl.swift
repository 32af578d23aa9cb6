import Foundation

/// Statistical disclosure control for every figure that leaves a council (network pages, public
/// dashboards, exports), so no published number can identify a person:
/// - a count from 1 to 9 is suppressed; 0 is shown; other counts are rounded to the nearest 5;
/// - a rate or average built on fewer than 10 people is suppressed;
/// - in a table published with totals, wherever a suppressed cell could be worked out from its row or
///   column total, a second cell (the smallest other non-zero one) is suppressed too, until none can be.
public enum DisclosureControl {
    public static let smallestShown = 10
    public static let roundTo = 5

    /// One published cell: a (rounded) number, or suppressed ("*").
    public enum Cell: Equatable, Sendable, Codable, CustomStringConvertible {
        case shown(Int)
        case suppressed

        public var description: String {
            switch self {
            case .shown(let value): return String(value)
            case .suppressed: return "*"
            }
        }

        public var isSuppressed: Bool { self == .suppressed }
    }

    /// A single count, as it may be published.
    public static func count(_ value: Int) -> Cell {
        if value == 0 { return .shown(0) }
        if value < smallestShown { return .suppressed }
        return .shown(((value + roundTo / 2) / roundTo) * roundTo)
    }

    /// A rate, mean or ratio, published only when built on at least 10 people.
    public static func measure<T>(_ value: T, basedOn people: Int) -> T? {
        people >= smallestShown ? value : nil
    }

    /// A table of counts published with row and column totals. Returns the cells, the row totals and the
    /// column totals as they may be shown, with primary and secondary suppression applied.
    public static func table(_ counts: [[Int]]) -> (cells: [[Cell]], rowTotals: [Cell], columnTotals: [Cell]) {
        let rows = counts.count
        let columns = counts.map(\.count).max() ?? 0
        let values = counts.map { $0 + Array(repeating: 0, count: columns - $0.count) }
        var hidden = values.map { $0.map { $0 > 0 && $0 < smallestShown } }
        let rowSums = values.map { $0.reduce(0, +) }
        let columnSums = (0..<columns).map { column in values.reduce(0) { $0 + $1[column] } }
        var rowTotalHidden = rowSums.map { $0 > 0 && $0 < smallestShown }
        var columnTotalHidden = columnSums.map { $0 > 0 && $0 < smallestShown }

        /// In one line (its cells' positions and whether its total is shown): if exactly one cell is hidden and
        /// the total is shown, hide the smallest other non-zero cell, or else the total. True if it changed.
        func protect(_ line: [(Int, Int)], totalHidden: inout Bool) -> Bool {
            guard !totalHidden else { return false }
            let hiddenCells = line.filter { hidden[$0.0][$0.1] }
            guard hiddenCells.count == 1 else { return false }
            let candidates = line.filter { !hidden[$0.0][$0.1] && values[$0.0][$0.1] > 0 }
            if let smallest = candidates.min(by: { values[$0.0][$0.1] < values[$1.0][$1.1] }) {
                hidden[smallest.0][smallest.1] = true
            } else {
                totalHidden = true
            }
            return true
        }

        var changed = true
        while changed {
            changed = false
            for row in 0..<rows {
                changed = protect((0..<columns).map { (row, $0) }, totalHidden: &rowTotalHidden[row]) || changed
            }
            for column in 0..<columns {
                changed = protect((0..<rows).map { ($0, column) }, totalHidden: &columnTotalHidden[column]) || changed
            }
        }
        let cells = (0..<rows).map { row in
            (0..<columns).map { column in hidden[row][column] ? Cell.suppressed : count(values[row][column]) }
        }
        return (
            cells, rowSums.enumerated().map { rowTotalHidden[$0.offset] ? .suppressed : count($0.element) },
            columnSums.enumerated().map { columnTotalHidden[$0.offset] ? .suppressed : count($0.element) }
        )
    }
}
