import AlongsideCore
import Foundation
import Testing

@Suite("Days typed in three boxes")
struct DayInputTests {
    func boxes(_ day: String, _ month: String, _ year: String, latest: String? = nil) -> Result<
        String?, DayInput.Problem
    > {
        DayInput(day: day, month: month, year: year).parsed(latest: latest)
    }

    @Test func aRealDayIsReadAsIsoAndNothingTypedIsNoDay() {
        #expect(boxes("3", "4", "2026") == .success("2026-04-03"))
        #expect(boxes(" 03 ", "04", "2026") == .success("2026-04-03"))
        #expect(boxes("29", "2", "2024") == .success("2024-02-29"))
        #expect(boxes("", "", "") == .success(nil))
    }

    @Test func anImpossibleDayNamesThePartThatIsWrong() {
        #expect(boxes("31", "11", "2025") == .failure(.noSuchDay(lastDay: 30, month: 11)))
        #expect(boxes("31", "11", "2025").failureValue?.part == .day)
        #expect(boxes("29", "2", "2025") == .failure(.noSuchDay(lastDay: 28, month: 2)))
        // Day 0 is not "November has only 30 days": no month has it.
        #expect(boxes("0", "11", "2025") == .failure(.dayZero(lastDay: 30)))
        #expect(boxes("00", "2", "2024") == .failure(.dayZero(lastDay: 29)))
        #expect(boxes("0", "11", "2025").failureValue?.part == .day)
        #expect(boxes("12", "13", "2025") == .failure(.noSuchMonth))
        #expect(boxes("12", "13", "2025").failureValue?.part == .month)
        #expect(boxes("1", "1", "1899") == .failure(.yearTooEarly(earliest: 1900)))
        #expect(boxes("1", "1", "1899").failureValue?.part == .year)
        #expect(boxes("1", "1", "26") == .failure(.yearNotFourDigits))
        #expect(boxes("", "4", "2026") == .failure(.incomplete(missing: [.day])))
        #expect(boxes("3", "", "") == .failure(.incomplete(missing: [.month, .year])))
        #expect(boxes("3", "April", "2026") == .failure(.notNumbers(.month)))
    }

    @Test func aDayAfterTodayIsRefusedWhereTheFormSaysSo() {
        #expect(boxes("21", "7", "2026", latest: "2026-07-20") == .failure(.afterToday))
        #expect(boxes("20", "7", "2026", latest: "2026-07-20") == .success("2026-07-20"))
        #expect(boxes("21", "7", "2026") == .success("2026-07-21"))
    }

    @Test func theOldSingleFieldIsReadIntoTheSameParts() {
        #expect(DayInput(single: "10/7/2026").parsed() == .success("2026-07-10"))
        #expect(DayInput(single: "2026-07-10").parsed() == .success("2026-07-10"))
        #expect(DayInput(single: "31/11/2026").parsed() == .failure(.noSuchDay(lastDay: 30, month: 11)))
        #expect(DayInput(single: "next week").parsed() == .failure(.unreadable))
        #expect(DayInput(iso: "1958-03-27") == DayInput(day: "27", month: "3", year: "1958"))
    }

    @Test func nothingAClientSendsCanOverflow() {
        let huge = String(repeating: "9", count: 40)
        #expect(boxes(huge, "1", "2026") == .failure(.notNumbers(.day)))
        #expect(boxes("1", "1", huge) == .failure(.notNumbers(.year)))
        #expect(boxes("-1", "1", "2026") == .failure(.notNumbers(.day)))
        #expect(boxes("١", "1", "2026") == .failure(.notNumbers(.day)))
    }
}

@Suite("Relationship map labels")
struct RelationshipMapLabelTests {
    @Test func labelsSitOutsideTheRingsWithoutOverlappingAndLongNamesAreShortened() {
        let person = Person.ID(UUID())
        let start = Date(timeIntervalSince1970: 0)
        let people = (0..<14).map { index in
            PersonInLife(
                id: .init(UUID()), personID: person,
                name: index == 0 ? "St Anne's Community Choir and Friends" : "Person \(index)",
                kind: .friend, closeness: PersonInLife.Closeness.allCases[index % 3], note: "",
                addedAt: start.addingTimeInterval(Double(index)))
        }
        let nodes = RelationshipMap.layout(people)
        #expect(nodes.count == 14)
        for node in nodes {
            #expect(abs(node.labelX - RelationshipMap.centre) > RelationshipMap.radius(for: .further))
            #expect(node.name.count <= RelationshipMap.nameLimit)
        }
        for anchor in ["start", "end"] {
            let ys = nodes.filter { $0.anchor == anchor }.map(\.labelY).sorted()
            for (above, below) in zip(ys, ys.dropFirst()) { #expect(below - above >= RelationshipMap.labelGap - 0.1) }
        }
        let long = nodes.first { $0.fullName.hasPrefix("St Anne") }
        #expect(long?.name == "St Anne's Commu…")
        #expect(long?.fullName == "St Anne's Community Choir and Friends")
        // Every label is inside the picture's box.
        let box = RelationshipMap.viewBox(nodes).split(separator: " ").compactMap { Double($0) }
        #expect(nodes.allSatisfy { $0.labelY < box[1] + box[3] })
        #expect(nodes.allSatisfy { $0.anchor == "start" || $0.labelX - Double($0.name.count) * 12 >= box[0] })
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
