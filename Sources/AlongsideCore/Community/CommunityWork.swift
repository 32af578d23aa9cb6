import Foundation

/// Work a coordinator does with the community itself, not tied to one person: meeting a group, helping
/// a new group start, finding a venue, mapping what a ward already has.
public struct CommunityWork: Hashable, Sendable, Codable {
    public typealias ID = Identifier<CommunityWork>

    public enum Kind: String, CaseIterable, Codable, Sendable {
        case metGroup = "met-a-group", newGroup = "helped-a-group-start", foundVenue = "found-a-venue"
        case mappedAsset = "mapped-an-asset", partners = "worked-with-partners", other

        public var label: String {
            switch self {
            case .metGroup: return Wording.current("community.page.met-a-group")
            case .newGroup: return Wording.current("community.page.helped-a-new-group-start")
            case .foundVenue: return Wording.current("community.page.found-a-venue")
            case .mappedAsset: return Wording.current("community.page.mapped-a-community-asset")
            case .partners: return Wording.current("community.page.worked-with-local-partners")
            case .other: return Wording.current("community.page.something-else")
            }
        }
    }

    public let id: ID
    public var wardID: Ward.ID
    public var staffID: StaffMember.ID
    public var staffName: String
    public var kind: Kind
    /// yyyy-MM-dd
    public var happenedOn: String
    public var minutes: Int?
    public var notes: String

    public init(
        id: ID, wardID: Ward.ID, staffID: StaffMember.ID, staffName: String, kind: Kind, happenedOn: String,
        minutes: Int?, notes: String
    ) {
        self.id = id
        self.wardID = wardID
        self.staffID = staffID
        self.staffName = staffName
        self.kind = kind
        self.happenedOn = happenedOn
        self.minutes = minutes
        self.notes = notes
    }
}

extension CommunityWork {
    /// What is wrong with a piece of work before it is recorded (notes trimmed): every problem at once.
    public static func problems(notes: String, happenedOn: String, minutes: Int?, today: String)
        -> [CommunityWorkProblem]
    {
        var problems: [CommunityWorkProblem] = []
        if notes.isEmpty || notes.count > 4_000 { problems.append(.notesMissing) }
        if ISODay.date(happenedOn) == nil || happenedOn > today { problems.append(.dayMissing) }
        if let minutes, !(1...1_440).contains(minutes) { problems.append(.timeMissing) }
        return problems
    }
}
