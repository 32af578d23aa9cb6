/// Why a file an operator imports (the postcode lookup, a directory spreadsheet) was not loaded: the line,
/// and what is wrong there. Only data: `alongside import` words it for the operator.
public struct FileProblem: Error, Equatable, Sendable {
    public let line: Int
    public let problem: Problem

    public init(line: Int, _ problem: Problem) {
        self.line = line
        self.problem = problem
    }

    public enum Problem: Equatable, Sendable {
        // The postcode lookup.
        case noPostcodeHeader
        case noPostcodeColumn
        case noWardColumn
        case columnCount(expected: Int, found: Int)
        case notAPostcode(String)
        case notAWardCode(String)
        case repeatedPostcode(String, earlierLine: Int)
        case notALocation(latitude: String, longitude: String)
        // A directory spreadsheet.
        case noSpreadsheetHeader
        case missingColumn(String, required: [String])
        case unknownColumn(String, known: [String])
        case emptyCell(column: String)
        case notAnID(String)
        case repeatedResource(earlierLine: Int)
        case notACategory(String, categories: [String])
        case unknownFrequency(String)
        case notAWeekday(String)
        case notWholeYears(column: String, text: String)
        case resource(DirectoryProblem, column: String)
        case noResources
    }
}
