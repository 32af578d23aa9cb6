import Foundation

/// A funded programme with its own money, cohort and period: for example a Department for Education
/// funded programme for young people with experience of care, with extra coordinators, two years,
/// extended by twelve months.
public struct Programme: Hashable, Sendable, Codable {
    public typealias ID = Identifier<Programme>
    public let id: ID
    public let councilID: Council.ID
    public var name: String
    public var funder: String
    public var purpose: String
    public var cohort: String
    /// yyyy-MM-dd
    public var startsOn: String
    public var endsOn: String
    public var extendedTo: String?
    /// In pence: money is never a binary floating point number.
    public var budgetPence: Int
    public var extraCoordinators: Int

    public init(
        id: ID, councilID: Council.ID, name: String, funder: String, purpose: String, cohort: String, startsOn: String,
        endsOn: String, extendedTo: String?, budgetPence: Int, extraCoordinators: Int
    ) {
        self.id = id
        self.councilID = councilID
        self.name = name
        self.funder = funder
        self.purpose = purpose
        self.cohort = cohort
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.extendedTo = extendedTo
        self.budgetPence = budgetPence
        self.extraCoordinators = extraCoordinators
    }

    /// The day the programme ends, counting any extension.
    public var finalDay: String { extendedTo ?? endsOn }

    public var budget: Decimal { Decimal(budgetPence) / 100 }

    /// Checks a programme as typed, returning every problem.
    public static func problems(
        name: String, funder: String, startsOn: String?, endsOn: String?, extendedTo: String?, budget: Decimal?,
        extraCoordinators: Int?
    ) -> [any DomainProblem] {
        var problems: [any DomainProblem] = []
        if name.trimmingCharacters(in: .whitespaces).isEmpty || name.count > 120 {
            problems.append(
                ProgrammeProblem.nameUnusable
            )
        }
        if funder.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(
                ProgrammeProblem.funderMissing)
        }
        if startsOn == nil {
            problems.append(
                ProgrammeProblem.startDayUnreadable
            )
        }
        if endsOn == nil {
            problems.append(
                ProgrammeProblem.endDayUnreadable)
        }
        if let start = startsOn, let end = endsOn, end < start {
            problems.append(
                ProgrammeProblem.endsBeforeStart)
        }
        if let end = endsOn, let extended = extendedTo, extended <= end {
            problems.append(
                ProgrammeProblem.extensionBeforeEnd)
        }
        if budget == nil || budget! < 0 {
            problems.append(
                ProgrammeProblem.budgetUnusable)
        }
        if extraCoordinators == nil || extraCoordinators! < 0 || extraCoordinators! > 200 {
            problems.append(
                ProgrammeProblem.extraCoordinatorsUnusable)
        }
        return problems
    }
}
