/// What can go wrong with the work with a person: conversations, steps, the people in their life. Each case names the problem and carries only its data; the web layer
/// words it from the catalog and chooses its status (`ProblemWording`).
public enum WorkProblem: DomainProblem, Equatable {
    case dayMissing
    case dueDayUnreadable
    case minutesUnusable
    case nameMissing
    case nameTooLong
    case stepTooLong
    case dayInFuture
    case notesTooLong
    case stepMissing
    case tooLong(field: String)

    public var field: String? {
        switch self {
        case .tooLong(let field): field
        case .dayMissing, .dayInFuture: "happenedOn"
        case .dueDayUnreadable: "dueOn"
        case .minutesUnusable: "minutes"
        case .nameMissing, .nameTooLong: "name"
        case .stepTooLong, .stepMissing: "what"
        case .notesTooLong: "notes"
        }
    }

    public var kind: ProblemKind {
        .invalid
    }
}
