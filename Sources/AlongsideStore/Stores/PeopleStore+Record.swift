import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Everything held about one person that a view of their record shows: the one read model the record's
/// page, the subject access export and the API's record are built from. `PeopleStore.record(of:reading:)`
/// reads it, once a request; a view asks for the parts it shows (`Parts`), and a part not asked for is
/// left empty.
public struct PersonRecord: Sendable {
    /// The parts of a record a view shows.
    public struct Parts: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        public static let introductions = Parts(rawValue: 1 << 0)
        /// Stage changes and handovers, and everyone who has been their coordinator.
        public static let journey = Parts(rawValue: 1 << 1)
        public static let conversations = Parts(rawValue: 1 << 2)
        public static let vision = Parts(rawValue: 1 << 3)
        public static let steps = Parts(rawValue: 1 << 4)
        public static let peopleInLife = Parts(rawValue: 1 << 5)
        public static let measures = Parts(rawValue: 1 << 6)
        public static let outcomes = Parts(rawValue: 1 << 7)
        public static let connections = Parts(rawValue: 1 << 8)
        public static let contributions = Parts(rawValue: 1 << 9)
        public static let helpRequests = Parts(rawValue: 1 << 10)
        public static let stories = Parts(rawValue: 1 << 11)
        public static let programmes = Parts(rawValue: 1 << 12)
        public static let consents = Parts(rawValue: 1 << 13)
        public static let erasure = Parts(rawValue: 1 << 14)
        public static let corrections = Parts(rawValue: 1 << 15)
        public static let merges = Parts(rawValue: 1 << 16)
        /// The council's active staff and wards, for naming them and for the record's choices.
        public static let council = Parts(rawValue: 1 << 17)
        /// Other records likely to be the same person.
        public static let duplicates = Parts(rawValue: 1 << 18)
        /// Each correctable entry as its correction form shows it (`entryStates`).
        public static let entryStates = Parts(rawValue: 1 << 19)
        /// The council's programmes, for joining one.
        public static let programmeChoices = Parts(rawValue: 1 << 20)
        /// The named coordinator of the person's ward now.
        public static let wardCoordinator = Parts(rawValue: 1 << 21)
        /// Who has seen or changed the record (the audit log about them), for a subject access request.
        public static let access = Parts(rawValue: 1 << 22)
    }

    public struct Membership: Sendable {
        public let programme: Programme
        public let joined: String
        public let left: String?
    }

    public let person: Person
    /// Every member of staff the council has had (former ones too), by id: who did what.
    public let staffNames: [UUID: String]
    /// The council's active staff, by name.
    public let staff: [StaffMember]
    public let wards: [Ward]
    public let introductions: [Introduction]
    /// Newest first.
    public let history: [JourneyEvent]
    /// Everyone who has been their coordinator, earliest first.
    public let coordinators: [String]
    /// Newest first.
    public let conversations: [Conversation]
    public let vision: GoodLifeVision
    public let steps: [Step]
    public let peopleInLife: [PersonInLife]
    public let measures: [MeasureReading]
    public let outcomes: [RecordedOutcome]
    public let connections: [Connection]
    public let contributions: [Contribution]
    public let helpRequests: [HelpRequest]
    /// Withdrawn ones too.
    public let stories: [Story]
    /// In the order they joined.
    public let memberships: [Membership]
    public let consents: [Consent]
    public let erasure: (at: Date, reason: String)?
    public let corrections: [Correction]
    /// Newest first.
    public let merges: [PersonMerge.Record]
    public let duplicates: [(person: Person, reasons: [String])]
    public let entryStates: [Correction.Entry: [UUID: EntryState]]
    public let programmeChoices: [Programme]
    public let wardCoordinator: StaffMember.ID?
    /// Newest first.
    public let access: [AuditEntry]

    /// The kinds of entry a correction form edits field by field.
    public static let correctable: [Correction.Entry] = [
        .step, .personInLife, .measure, .outcome, .connection, .contribution,
    ]
}

extension PeopleStore {
    /// Reads the parts of a person's record a view shows, for a person the caller has already opened. The
    /// reads that do not depend on one another are started together (`async let`): each is one statement
    /// on `database`, and a pooled database gives each its connection as one is free (Fluent keeps one
    /// connection an event loop on SQLite and, as configured, on PostgreSQL, so there they take turns
    /// without waiting on Swift in between); on a transaction's database they all go to its one connection.
    public func record(of person: Person, reading parts: PersonRecord.Parts) async throws -> PersonRecord {
        let id = person.id
        let database = self.database
        let councilID = self.councilID
        @Sendable func read<T: Sendable>(
            _ part: PersonRecord.Parts, _ empty: T, _ body: @Sendable () async throws -> T
        ) async throws -> T {
            parts.contains(part) ? try await body() : empty
        }
        async let names = self.staffNames()
        async let staff = read(.council, []) { try await StaffStore(database).list(councilID: councilID) }
        async let wards = read(.council, []) { try await WardStore(database, councilID: councilID).all() }
        async let introductions = read(.introductions, []) { try await self.introductions(of: id) }
        async let vision = read(.vision, GoodLifeVision()) { try await self.vision(of: id) }
        async let steps = read(.steps, []) { try await self.steps(of: id) }
        async let peopleInLife = read(.peopleInLife, []) { try await self.peopleInLife(of: id) }
        async let measures = read(.measures, []) { try await self.measures(of: id) }
        async let outcomes = read(.outcomes, []) { try await self.outcomes(of: id) }
        async let connections = read(.connections, []) { try await self.connections(of: id) }
        async let contributions = read(.contributions, []) { try await self.contributions(of: id) }
        async let helpRequests = read(.helpRequests, []) {
            try await GoodNeighbourStore(database, councilID: councilID).requests(for: id)
        }
        async let stories = read(.stories, []) { try await StoryStore(database, councilID: councilID).stories(of: id) }
        async let memberships = read(.programmes, []) {
            try await ProgrammeStore(database, councilID: councilID).memberships(for: id).map {
                PersonRecord.Membership(programme: $0.programme, joined: $0.joined, left: $0.left)
            }
        }
        async let consents = read(.consents, []) { try await self.consents(of: id) }
        async let erasure = read(.erasure, nil) { try await self.erasure(of: id) }
        async let corrections = read(.corrections, []) { try await self.corrections(of: id) }
        async let merges = read(.merges, []) { try await self.merges(into: id) }
        async let duplicates = read(.duplicates, []) {
            try await self.likelyDuplicates(
                of: DuplicateCheck.Candidate(
                    fullName: person.fullName, dateOfBirth: person.dateOfBirth, phone: person.phone,
                    email: person.email, postcode: person.postcode),
                excluding: id, nameAloneCounts: false)
        }
        async let entryStates = read(.entryStates, [Correction.Entry: [UUID: EntryState]]()) {
            try await withThrowingTaskGroup(of: (Correction.Entry, [UUID: EntryState]).self) { group in
                for entry in PersonRecord.correctable {
                    group.addTask { (entry, try await self.entryStates(entry, of: id)) }
                }
                return try await group.reduce(into: [Correction.Entry: [UUID: EntryState]]()) { $0[$1.0] = $1.1 }
            }
        }
        async let programmeChoices = read(.programmeChoices, []) {
            try await ProgrammeStore(database, councilID: councilID).all()
        }
        async let wardCoordinator = read(.wardCoordinator, StaffMember.ID?.none) {
            guard let ward = person.wardID else { return nil }
            return try await WardStore(database, councilID: councilID).namedCoordinator(of: ward)
        }
        async let access = read(.access, []) {
            try await AuditStore(database, councilID: councilID).entries(about: id, limit: 100_000)
        }
        // The journey and conversations name staff: they start once the names are read.
        let everyone = try await names
        async let journey = read(.journey, ([], [])) { try await self.journey(of: id, names: everyone) }
        async let conversations = read(.conversations, []) { try await self.conversations(of: id, names: everyone) }
        let (history, coordinators) = try await journey
        return PersonRecord(
            person: person, staffNames: everyone, staff: try await staff, wards: try await wards,
            introductions: try await introductions, history: history, coordinators: coordinators,
            conversations: try await conversations, vision: try await vision, steps: try await steps,
            peopleInLife: try await peopleInLife, measures: try await measures, outcomes: try await outcomes,
            connections: try await connections, contributions: try await contributions,
            helpRequests: try await helpRequests, stories: try await stories, memberships: try await memberships,
            consents: try await consents, erasure: try await erasure, corrections: try await corrections,
            merges: try await merges, duplicates: try await duplicates, entryStates: try await entryStates,
            programmeChoices: try await programmeChoices, wardCoordinator: try await wardCoordinator,
            access: try await access)
    }
}
