/// What can go wrong with a number read from a request. Each case names the problem and carries only its data; the web layer
/// words it from the catalog and chooses its status (`ProblemWording`).
public enum NumberProblem: DomainProblem, Equatable {
    case notAWholeNumber(field: String, range: ClosedRange<Int>)
    case notANumber(field: String, range: ClosedRange<Double>)

    public var field: String? {
        switch self {
        case .notAWholeNumber(let field, _): field
        case .notANumber(let field, _): field
        }
    }

    public var kind: ProblemKind {
        .invalid
    }
}
