import AlongsideCore

/// A horizontal bar chart drawn as SVG by Alongside, with its numbers for the table beside it.
struct BarChart: Encodable {
    struct Bar: Encodable {
        let label: String
        /// The count behind the bar (0 for a bar with no number, such as a suppressed figure).
        let value: Int
        /// What is written at the end of the bar.
        let text: String
        let y: Int
        let width: Double
        let textY: Int
        let valueX: Double
    }

    let id: String
    let title: String
    let bars: [Bar]
    let height: Int
    /// The sum of the bars' counts, for the table's total row.
    let total: Int
    let labelX = labelWidth - 6
    let barX = labelWidth
    let viewWidth: Double

    static let labelWidth = 270.0
    static let barArea = 300.0
    static let rowHeight = 26

    /// Counts, each written as its number.
    init(id: String, title: String, rows: [(String, Int)]) {
        self.init(id: id, title: title, figures: rows.map { ($0.0, Double($0.1), String($0.1)) }, valueRoom: 60)
    }

    /// Figures that may have no number (drawn as text only, with no bar), each with the text to write.
    init(id: String, title: String, figures: [(label: String, value: Double?, text: String)], valueRoom: Double) {
        self.id = id
        self.title = title
        let largest = max(figures.compactMap(\.value).map(abs).max() ?? 0, 0.000_001)
        bars = figures.enumerated().map { index, figure in
            let width = figure.value.map { Self.barArea * abs($0) / largest } ?? 0
            return Bar(
                label: figure.label, value: Int(saturating: figure.value ?? 0), text: figure.text,
                y: index * Self.rowHeight + 4, width: (width * 10).rounded() / 10, textY: index * Self.rowHeight + 20,
                valueX: Self.labelWidth + width + 6)
        }
        height = max(figures.count * Self.rowHeight + 8, 30)
        total = Int(saturating: figures.compactMap(\.value).map { $0.rounded() }.reduce(0, +))
        viewWidth = Self.labelWidth + Self.barArea + valueRoom
    }
}
