import Testing

@testable import AlongsideCore

@Suite("Postcodes")
struct PostcodeTests {
    @Test(arguments: [
        ("de1 2fs", "DE1 2FS"), ("DE12FS", "DE1 2FS"), ("  De1   2fs ", "DE1 2FS"), ("sw1a1aa", "SW1A 1AA"),
        ("M1 1AE", "M1 1AE"), ("ec1a 1bb", "EC1A 1BB"),
    ])
    func postcodesAreWrittenOneWay(raw: String, normalised: String) {
        #expect(Postcode(raw)?.value == normalised)
    }

    @Test(arguments: ["", "DE1", "12345", "DE1 2F5", "DE1-2FS", "TOOLONG12", "1E1 2FS"])
    func notAPostcode(raw: String) {
        #expect(Postcode(raw) == nil)
    }
}

@Suite("Postcode directory files")
struct PostcodeDirectoryTests {
    @Test func readsTheONSLayoutIgnoringOtherColumns() throws {
        let entries = try PostcodeDirectory.parse(
            "pcd,pcds,dointr,osward,lat\r\nDE1 2FS,de1 2fs,202001,E05001234,52.9\r\n\"DE221AB\",\"DE22 1AB\",202001,e05001235,52.9\r\n"
        )
        #expect(entries.map(\.postcode.value) == ["DE1 2FS", "DE22 1AB"])
        #expect(entries.map(\.wardCode) == ["E05001234", "E05001235"])
    }

    @Test func prefersTheNewestYearlyWardColumn() throws {
        let entries = try PostcodeDirectory.parse("pcds,wd23cd,wd24cd\nDE1 2FS,E05000001,E05000002\n")
        #expect(entries.first?.wardCode == "E05000002")
    }

    @Test(arguments: [
        ("", 1, FileProblem.Problem.noPostcodeHeader),
        ("postcode,osward\nDE1 2FS,E05000001\n", 1, .noPostcodeColumn),
        ("pcds,lat\nDE1 2FS,52\n", 1, .noWardColumn),
        ("pcds,osward\nDE1 2FS,E05000001\nBAD,E05000001\n", 3, .notAPostcode("BAD")),
        ("pcds,osward\nDE1 2FS,X123\n", 2, .notAWardCode("X123")),
        ("pcds,osward\nDE1 2FS,E05000001\nde12fs,E05000002\n", 3, .repeatedPostcode("DE1 2FS", earlierLine: 2)),
        ("pcds,dointr,osward\nDE1 2FS\n", 2, .columnCount(expected: 3, found: 1)),
    ])
    func aBadFileNamesItsFirstBadLine(text: String, line: Int, problem: FileProblem.Problem) {
        #expect(throws: FileProblem(line: line, problem)) { try PostcodeDirectory.parse(text) }
    }

    @Test func csvHandlesQuotedCommasAndEscapedQuotes() {
        #expect(CSV.rows("a,\"b, c\",\"say \"\"hi\"\"\"\nd,e,f") == [["a", "b, c", "say \"hi\""], ["d", "e", "f"]])
    }
}
