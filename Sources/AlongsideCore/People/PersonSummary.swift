import Foundation

/// The few things a list of people shows of each: name, stage, level, ward, coordinator and when they
/// were last in contact. Lists read only these (not the whole record), so a caseload of hundreds stays
/// quick to read.
public struct PersonSummary: Hashable, Sendable {
    public let id: Person.ID
    public let fullName: String
    public let preferredName: String
    public let stage: JourneyStage
    public let level: SupportLevel
    public let wardID: Ward.ID?
    public let coordinatorID: StaffMember.ID?
    public let createdAt: Date
    public let lastContactAt: Date?
    public let nextStepDue: String?
    /// Whether their personal details were erased: their name is then empty.
    public let erased: Bool

    public init(
        id: Person.ID, fullName: String, preferredName: String, stage: JourneyStage, level: SupportLevel,
        wardID: Ward.ID?, coordinatorID: StaffMember.ID?, createdAt: Date, lastContactAt: Date?, nextStepDue: String?,
        erased: Bool = false
    ) {
        self.id = id
        self.fullName = fullName
        self.preferredName = preferredName
        self.stage = stage
        self.level = level
        self.wardID = wardID
        self.coordinatorID = coordinatorID
        self.createdAt = createdAt
        self.lastContactAt = lastContactAt
        self.nextStepDue = nextStepDue
        self.erased = erased
    }

    /// When they were last in contact (or introduced, if never since).
    public var lastSeen: Date { lastContactAt ?? createdAt }

    /// Someone walked alongside now who has not been in contact for the council's threshold.
    public func isNotSeen(noContactDays: Int, now: Date) -> Bool {
        Person.isNotSeen(stage: stage, level: level, lastSeen: lastSeen, noContactDays: noContactDays, now: now)
    }
}

extension Person {
    public var summary: PersonSummary {
        PersonSummary(
            id: id, fullName: fullName, preferredName: preferredName, stage: stage, level: level, wardID: wardID,
            coordinatorID: coordinatorID, createdAt: createdAt, lastContactAt: lastContactAt, nextStepDue: nextStepDue,
            erased: isErased)
    }
}
