import AlongsideCore
import Foundation
import Testing

@testable import AlongsideStore

/// A person's part of the figures' summaries (`FigureSummaries.Contribution`) keeps its periods, codes and
/// wards as numbers, yet is written out as the text parts were always kept in (`figure_contributions`), so
/// a part kept before reads back as the same part, whatever order the numbers were given in.
@Suite("A person's part of the figures: kept as the same text, whatever the numbering")
struct ContributionTests {
    typealias Contribution = FigureSummaries.Contribution

    static let ward = "6F9619FF-8B86-D011-B42D-00C04FC964FF"

    /// Introduced by themselves on 10 May 2026, a conversation on 2 June, an older person, level 1, in one
    /// ward all along.
    static var rows: FigureSummaries.PersonRows {
        var rows = FigureSummaries.PersonRows()
        rows.exists = true
        rows.level = 1
        rows.categories = [ReportingCategory.olderPerson.rawValue]
        rows.introductions = [(Date(timeIntervalSince1970: 1_778_414_400), IntroductionSource.selfIntroduced.rawValue)]
        rows.conversationDays = ["2026-06-02"]
        rows.wardID = UUID(uuidString: ward)
        return rows
    }

    /// Periods in the order of their keys, codes in the order of theirs, the ward after the key: as every
    /// part kept so far was written.
    static let text = [
        "2026-05 \(ward) introductions=1 introductions:self=1 label:older-person=1 level-1-contacts=1 people-supported=1",
        "2026-06 \(ward) label:older-person=1 level-1-contacts=1 people-supported=1",
        "fy2026 \(ward) introductions=1 introductions:self=1 label:older-person=1 level-1-contacts=1 people-supported=1",
        "fy2026-q1 \(ward) introductions=1 introductions:self=1 label:older-person=1 level-1-contacts=1 people-supported=1",
    ].joined(separator: "\n")

    @Test("a person's part is written out as parts always were")
    func writtenAsBefore() {
        var names = Contribution.PeriodCache()
        let part = Contribution.of(Self.rows, calendar: &names)
        #expect(part.text(names) == Self.text)
    }

    @Test("a kept part reads back as the part worked out, whatever order the numbers were given in")
    func readBackWhateverTheNumbering() {
        var names = Contribution.PeriodCache()
        let worked = Contribution.of(Self.rows, calendar: &names)
        #expect(Contribution(text: Self.text, names: &names) == worked)

        // Another cache that met other periods, codes and wards first numbers them all differently.
        var other = Contribution.PeriodCache()
        let first = Contribution(
            text:
                "fy2025 none outcome:new-friendship=1 people-supported=1 walked-alongside=1\n2025-11 - label:disability=1",
            names: &other)
        #expect(first.text(other).hasPrefix("2025-11 - label:disability=1\nfy2025 none outcome:new-friendship=1"))
        let read = Contribution(text: Self.text, names: &other)
        #expect(read.text(other) == Self.text)
        #expect(Contribution.of(Self.rows, calendar: &other) == read)
        #expect(read != first)
    }

    @Test("a period written twice counts under its last line's ward, as it always did")
    func aPeriodWrittenTwice() {
        var names = Contribution.PeriodCache()
        let read = Contribution(
            text:
                "2026-05 none people-supported=1\nfy2026 none people-supported=1\n2026-05 \(Self.ward) level-1-contacts=1",
            names: &names)
        #expect(
            read.text(names)
                == "2026-05 \(Self.ward) level-1-contacts=1 people-supported=1\nfy2026 none people-supported=1")
    }

    @Test("the totals of parts count the figures kept by ward under the ward too, and a part taken away leaves none")
    func totalsByWard() {
        var names = Contribution.PeriodCache()
        let part = Contribution.of(Self.rows, calendar: &names)
        var totals: [Int: Int] = [:]
        var byWard: [Int: Int] = [:]
        part.add(to: &totals, byWard: &byWard, names: names)
        part.add(to: &totals, byWard: &byWard, names: names)
        let named = Contribution.named(totals: totals, byWard: byWard, names: names)
        #expect(named["2026-05"]?["introductions:self"] == 2)
        #expect(named["2026-05"]?["ward=\(Self.ward)/introductions"] == 2)
        #expect(named["2026-06"]?["ward=\(Self.ward)/people-supported"] == 2)
        // A label is not kept by ward.
        #expect(named["fy2026"]?["ward=\(Self.ward)/label:older-person"] == nil)
        #expect(named["fy2026"]?["label:older-person"] == 2)
        #expect(named.keys.sorted() == ["2026-05", "2026-06", "fy2026", "fy2026-q1"])

        part.add(to: &totals, byWard: &byWard, sign: -1, names: names)
        part.add(to: &totals, byWard: &byWard, sign: -1, names: names)
        let none = Contribution.named(totals: totals, byWard: byWard, names: names)
        #expect(none.values.allSatisfy { $0.values.allSatisfy { $0 == 0 } })
    }
}
