import Foundation

/// A connection a coordinator helped a person make: to a community resource in the directory, a group
/// not in it, or a neighbour. Whether it lasted is asked three months on.
public struct Connection: Hashable, Sendable, Codable {
    public typealias ID = Identifier<Connection>

    public static let lastingAfterDays = 90

    public enum Kind: String, CaseIterable, Codable, Sendable {
        case resource, group, neighbour

        public var label: String {
            switch self {
            case .resource: return Wording.current("people.label.community-resource")
            case .group: return Wording.current("people.label.group")
            case .neighbour: return Wording.current("people.label.neighbour-or-volunteer")
            }
        }
    }

    public let id: ID
    public let personID: Person.ID
    public var kind: Kind
    public var resourceID: CommunityResource.ID?
    public var name: String
    /// yyyy-MM-dd
    public var startedOn: String
    public var endedOn: String?
    /// Still going three months on: nil until someone asks.
    public var lasting: Bool?
    public var note: String
    public var addedAt: Date

    public init(
        id: ID, personID: Person.ID, kind: Kind, resourceID: CommunityResource.ID? = nil, name: String,
        startedOn: String, endedOn: String? = nil, lasting: Bool? = nil, note: String = "", addedAt: Date
    ) {
        self.id = id
        self.personID = personID
        self.kind = kind
        self.resourceID = resourceID
        self.name = name
        self.startedOn = startedOn
        self.endedOn = endedOn
        self.lasting = lasting
        self.note = note
        self.addedAt = addedAt
    }

    /// Three months have passed and nobody has yet said whether it lasted.
    public func isDueForLastingCheck(on today: String) -> Bool {
        guard lasting == nil, let started = ISODay.date(startedOn), let now = ISODay.date(today) else { return false }
        return now.timeIntervalSince(started) >= Double(Self.lastingAfterDays) * 86_400 - 3_600
    }

    /// A place on the relationship map for a connection that is still going.
    public var mapEntry: PersonInLife {
        PersonInLife(
            id: .init(id.uuid), personID: personID, name: name, kind: kind == .neighbour ? .neighbour : .group,
            closeness: .inBetween, note: "", addedAt: addedAt)
    }
}

/// Something a person gives back: contribution is one of Local Area Coordination's principles.
public struct Contribution: Hashable, Sendable, Codable {
    public typealias ID = Identifier<Contribution>

    public enum Kind: String, CaseIterable, Codable, Sendable {
        case volunteering, helpingNeighbour = "helping-a-neighbour", startingGroup = "starting-a-group"
        case runningGroup = "running-a-group", sharingSkill = "sharing-a-skill", other

        public var label: String {
            switch self {
            case .volunteering: return Wording.current("people.label.volunteering")
            case .helpingNeighbour: return Wording.current("people.label.helping-a-neighbour")
            case .startingGroup: return Wording.current("people.label.starting-a-group")
            case .runningGroup: return Wording.current("people.label.running-a-group")
            case .sharingSkill: return Wording.current("people.label.sharing-a-skill")
            case .other: return Wording.current("people.label.something-else")
            }
        }
    }

    public let id: ID
    public let personID: Person.ID
    public var kind: Kind
    public var what: String
    public var startedOn: String
    public var addedAt: Date

    public init(id: ID, personID: Person.ID, kind: Kind, what: String, startedOn: String, addedAt: Date) {
        self.id = id
        self.personID = personID
        self.kind = kind
        self.what = what
        self.startedOn = startedOn
        self.addedAt = addedAt
    }
}
