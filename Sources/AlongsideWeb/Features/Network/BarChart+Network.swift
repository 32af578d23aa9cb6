import AlongsideCore

extension BarChart {
    /// One published figure per council. Suppressed or missing figures get no bar, only their text, so a
    /// chart never shows more than the table beside it.
    init(id: String, line: NetworkComparison.Line, councils: [String]) {
        self.init(
            id: id, title: line.label,
            figures: zip(councils, line.figures).map { council, figure in
                (council, figure.value, figure.suppressed ? "suppressed (*)" : figure.text)
            }, valueRoom: 90)
    }
}
