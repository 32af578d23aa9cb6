import AlongsideCore
import AlongsideStore
import Foundation

/// One defined figure as a page shows it: its name and definition, its value for the period, the value for
/// the period before and the change. The dashboard, its CSV and the quarterly report show these rows.
struct FigureRow: Encodable {
    let id: String
    let name: String
    let definition: String
    let value: String
    let previous: String
    let change: String
    /// "up", "down" or "" for the change's colour (better or worse is the reader's to judge).
    let direction: String

    init(_ figure: Figure, current: PeriodFigures, previous: PeriodFigures) {
        id = figure.rawValue
        name = figure.name
        definition = figure.definition
        value = Self.text(figure, current)
        self.previous = Self.text(figure, previous)
        if let now = current.value(figure), let then = previous.value(figure) {
            let difference = now - then
            change =
                figure.isCount
                ? Self.signed(Wording.current.number(NSDecimalNumber(decimal: difference).intValue), difference)
                : Self.signed(Self.decimal(difference.magnitude, figure), difference)
            direction = difference > 0 ? "up" : difference < 0 ? "down" : ""
        } else {
            change = "–"
            direction = ""
        }
    }

    static func rows(_ figures: [Figure] = Figure.allCases, current: PeriodFigures, previous: PeriodFigures)
        -> [FigureRow]
    {
        figures.map { FigureRow($0, current: current, previous: previous) }
    }

    /// A figure's value as text: a count in the reader's style, points to two places, pounds, or "£3.68" for
    /// each £1; "–" when it cannot be worked out.
    static func text(_ figure: Figure, _ values: PeriodFigures) -> String {
        guard let value = values.value(figure) else {
            return figure == .sroi ? Wording.current("figures.no-investment") : "–"
        }
        if figure.isCount { return Wording.current.number(NSDecimalNumber(decimal: value).intValue) }
        if figure == .wellbeingChange { return value > 0 ? "+" + decimal(value, figure) : decimal(value, figure) }
        return decimal(value, figure)
    }

    static func decimal(_ value: Decimal, _ figure: Figure) -> String {
        switch figure {
        case .socialValue: return Money.text(value)
        case .sroi: return Money.text(value)
        default: return String(format: "%.2f", NSDecimalNumber(decimal: SROI.round(value, 2)).doubleValue)
        }
    }

    static func signed(_ text: String, _ difference: Decimal) -> String {
        difference > 0 ? "+" + text : difference < 0 ? (text.hasPrefix("-") ? text : "-" + text) : text
    }
}

/// One ward's figures for the period (the ward each person was in on its last day), with the council's
/// total beneath: the wards add up to it.
struct WardFiguresRow: Encodable {
    static let figures: [Figure] = [
        .peopleSupported, .levelOneContacts, .walkedAlongside, .introductions, .connections, .avoidedCrises,
        .pairedReadings,
    ]
    let name: String
    let cells: [Cell]

    struct Cell: Encodable {
        let label: String
        let value: String
    }

    init(name: String, _ values: PeriodFigures) {
        self.name = name
        cells = Self.figures.map { Cell(label: $0.name, value: FigureRow.text($0, values)) }
    }

    /// A row for each ward in `wards` (by name), one for people in no ward when there are any, and the
    /// council's total last.
    static func rows(
        _ figures: [FiguresStore.Key: PeriodFigures], council: Council.ID, wards: [(Ward.ID, String)]
    ) -> [WardFiguresRow] {
        var rows = wards.map { id, name in
            WardFiguresRow(name: name, figures[.init(councilID: council, ward: .ward(id))] ?? PeriodFigures())
        }
        if let none = figures[.init(councilID: council, ward: FiguresStore.WardKey.none)],
            Self.figures.contains(where: { none[$0] > 0 })
        {
            rows.append(WardFiguresRow(name: Wording.current("dashboard.page.no-ward"), none))
        }
        rows.append(
            WardFiguresRow(
                name: Wording.current("figures.whole-council"), figures[.init(councilID: council)] ?? PeriodFigures()))
        return rows
    }
}
