/// What can go wrong with correcting or striking out an entry in a record. Each case names the problem and carries only its data; the web layer
/// words it from the catalog and chooses its status (`ProblemWording`).
public enum CorrectionProblem: DomainProblem, Equatable {
    case dayUnreadable
    case minutesOutOfRange
    case dayInFuture
    case reasonMissing
    case reasonTooLong
    case strikeReasonMissing
    case notesTooLong
    case whoWasThereTooLong
    case entryMissing(field: String)
    case entryTooLong(field: String)
    case entryDayInFuture(field: String)
    case entryDayUnreadable(field: String)
    case entryNotOnTheList(field: String)
    case declinedHasNoAnswers(field: String)
    case answersUnusable(field: String, count: Int)
    case otherwiseMissing

    public var field: String? {
        switch self {
        case .entryMissing(let field): field
        case .entryTooLong(let field): field
        case .entryDayInFuture(let field): field
        case .entryDayUnreadable(let field): field
        case .entryNotOnTheList(let field): field
        case .declinedHasNoAnswers(let field): field
        case .answersUnusable(let field, _): field
        case .dayUnreadable, .dayInFuture: "happenedOn"
        case .minutesOutOfRange: "minutes"
        case .reasonMissing, .reasonTooLong, .strikeReasonMissing: "reason"
        case .notesTooLong: "notes"
        case .whoWasThereTooLong: "whoWasThere"
        case .otherwiseMissing: "otherwise"
        }
    }

    public var kind: ProblemKind {
        .invalid
    }
}
