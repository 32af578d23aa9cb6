import Foundation
import Testing

@testable import AlongsideCore

@Suite("Disclosure control")
struct DisclosureControlTests {
    @Test(
        arguments: [
            (0, "0"), (1, "*"), (9, "*"), (10, "10"), (12, "10"), (13, "15"), (17, "15"), (18, "20"), (601, "600"),
        ] as [(Int, String)])
    func countsFrom1To9AreSuppressedAndOthersRoundedToFive(value: Int, shown: String) {
        #expect(DisclosureControl.count(value).description == shown)
    }

    @Test func ratesOnFewerThanTenPeopleAreSuppressed() {
        #expect(DisclosureControl.measure(3.93, basedOn: 9) == nil)
        #expect(DisclosureControl.measure(3.93, basedOn: 10) == 3.93)
    }

    @Test func aSuppressedCellThatTotalsWouldRevealGetsASecondOne() {
        // Row 0 has one small cell (4): with the row total shown it could be worked out, so the next
        // smallest (20) goes too; the columns then each have one hidden cell, so more follow.
        let (cells, rowTotals, columnTotals) = DisclosureControl.table([
            [4, 20, 30],
            [25, 40, 50],
        ])
        #expect(cells[0][0] == .suppressed)
        #expect(cells[0][1] == .suppressed)
        // Column 0 had one hidden cell (4): its smallest other (25) is hidden; column 1 likewise (40).
        #expect(cells[1][0] == .suppressed)
        #expect(cells[1][1] == .suppressed)
        #expect(cells[0][2] == .shown(30))
        #expect(rowTotals == [.shown(55), .shown(115)])
        #expect(columnTotals == [.shown(30), .shown(60), .shown(80)])
        // No line with a shown total has exactly one hidden cell.
        for row in cells where row.filter(\.isSuppressed).count == 1 { Issue.record("a row could be worked out") }
        for column in 0..<3 where cells.map({ $0[column] }).filter(\.isSuppressed).count == 1 {
            Issue.record("a column could be worked out")
        }
    }

    @Test func aLineWithNoOtherCellToHideHidesItsTotal() {
        let (cells, rowTotals, _) = DisclosureControl.table([[3, 0, 0]])
        #expect(cells[0] == [.suppressed, .shown(0), .shown(0)])
        #expect(rowTotals == [.suppressed])
    }

    @Test func aTableOfLargeCountsIsOnlyRounded() {
        let (cells, rowTotals, columnTotals) = DisclosureControl.table([[12, 33], [48, 101]])
        #expect(cells == [[.shown(10), .shown(35)], [.shown(50), .shown(100)]])
        #expect(rowTotals == [.shown(45), .shown(150)])
        #expect(columnTotals == [.shown(60), .shown(135)])
    }
}
