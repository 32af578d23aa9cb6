/// A horizontal bar chart drawn as SVG by Alongside, with its numbers for the table beside it.
struct BarChart: Encodable {
    struct Bar: Encodable {
        let label: String
        let value: Int
        let y: Int
        let width: Double
        let textY: Int
        let valueX: Double
    }

    let id: String
    let title: String
    let bars: [Bar]
    let height: Int
    let total: Int
    let labelX = labelWidth - 6
    let barX = labelWidth
    let viewWidth = labelWidth + barArea + 60

    static let labelWidth = 270.0
    static let barArea = 300.0
    static let rowHeight = 26

    init(id: String, title: String, rows: [(String, Int)]) {
        self.id = id
        self.title = title
        let largest = max(rows.map(\.1).max() ?? 0, 1)
        bars = rows.enumerated().map { index, row in
            let width = Self.barArea * Double(row.1) / Double(largest)
            return Bar(
                label: row.0, value: row.1, y: index * Self.rowHeight + 4, width: (width * 10).rounded() / 10,
                textY: index * Self.rowHeight + 20, valueX: Self.labelWidth + width + 6)
        }
        height = max(rows.count * Self.rowHeight + 8, 30)
        total = rows.reduce(0) { $0 + $1.1 }
    }
}
