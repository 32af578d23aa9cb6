import AlongsideCore

// Why `alongside import` did not load a file, for the operator at the command line (English, like the
// rest of the commands; a directory problem is worded from the catalog like on the page).
extension FileProblem {
    var message: String { Wording.current("site.error.line", line, problem.english) }
}

extension FileProblem.Problem {
    var english: String {
        switch self {
        case .noPostcodeHeader: "The file is empty. It needs a header row with pcds and a ward column."
        case .noPostcodeColumn: "The header has no pcds column (the postcode)."
        case .noWardColumn: "The header has no ward code column (osward, wd24cd or similar, or ward_code)."
        case .columnCount(let expected, let found): "Expected \(expected) columns, found \(found)."
        case .notAPostcode(let text): "\"\(text)\" is not a postcode."
        case .notAWardCode(let text): "\"\(text)\" is not a ward code (a letter and eight digits, like E05012345)."
        case .repeatedPostcode(let postcode, let earlier): "\(postcode) already appears on line \(earlier)."
        case .notALocation(let latitude, let longitude):
            "\"\(latitude)\", \"\(longitude)\" is not a latitude and longitude."
        case .noSpreadsheetHeader: "The file is empty. It needs a header row naming the columns."
        case .missingColumn(let missing, let required):
            "The header has no \(missing) column. Required: \(required.joined(separator: ", "))."
        case .unknownColumn(let unknown, let known):
            "\"\(unknown)\" is not a column Alongside knows. Known: \(known.joined(separator: ", "))."
        case .emptyCell(let column): "The \(column) column is empty."
        case .notAnID(let given): "id \"\(given)\" is not a UUID. Leave it empty for a new one."
        case .repeatedResource(let earlier): "This is the same resource as line \(earlier). Give it a different name."
        case .notACategory(let wanted, let categories):
            "\"\(wanted)\" is not a category. Use one of: \(categories.joined(separator: "; "))."
        case .unknownFrequency(let text): "frequency \"\(text)\" must be weekly, monthly or once."
        case .notAWeekday(let text): "\"\(text)\" is not a day of the week."
        case .notWholeYears(let column, let text): "\(column) \"\(text)\" must be a whole number of years."
        case .resource(let problem, let column): "\(problem.message) (column \(column))"
        case .noResources: "The file has a header but no resources."
        }
    }
}
