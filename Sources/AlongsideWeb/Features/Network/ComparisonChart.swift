import AlongsideCore

/// One published figure per council as a horizontal SVG bar chart. Suppressed or missing figures get
/// no bar, only their text, so a chart never shows more than the table beside it.
struct ComparisonChart: Encodable {
    struct Bar: Encodable {
        let label: String
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
    let labelX = BarChart.labelWidth - 6
    let barX = BarChart.labelWidth
    let viewWidth = BarChart.labelWidth + BarChart.barArea + 90

    init(id: String, line: NetworkComparison.Line, councils: [String]) {
        self.id = id
        title = line.label
        let largest = max(line.figures.compactMap(\.value).map(abs).max() ?? 0, 0.000_001)
        bars = zip(councils, line.figures).enumerated().map { index, pair in
            let width = pair.1.value.map { BarChart.barArea * abs($0) / largest } ?? 0
            return Bar(
                label: pair.0, text: pair.1.suppressed ? "suppressed (*)" : pair.1.text,
                y: index * BarChart.rowHeight + 4, width: (width * 10).rounded() / 10,
                textY: index * BarChart.rowHeight + 20, valueX: BarChart.labelWidth + width + 6)
        }
        height = max(councils.count * BarChart.rowHeight + 8, 30)
    }
}
