/// A problem with what was asked for, in one area's own words: `StaffProblem.nameMissing`,
/// `CouncilProblem.slugTaken("x")`. A case carries only data (values, never a sentence); the web layer
/// words it from the catalog in the reader's language and chooses the status from its kind.
public protocol DomainProblem: Error, Sendable {
    /// The form field it belongs to, if any.
    var field: String? { get }
    var kind: ProblemKind { get }
}

/// What sort of problem it is: what was sent is wrong, or it cannot be done now.
public enum ProblemKind: Sendable {
    case invalid
    case conflict
    case notFound
}

/// Every problem a check of a whole form found, so a form shows them all at once.
public struct AlongsideValidation: Error, Sendable {
    public let problems: [any DomainProblem]

    public init(problems: [any DomainProblem]) { self.problems = problems }
}
