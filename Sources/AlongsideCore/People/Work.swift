import Foundation

/// A conversation with the person: the heart of the record.
public struct Conversation: Hashable, Sendable, Codable {
    public typealias ID = Identifier<Conversation>

    public enum Place: String, CaseIterable, Codable, Sendable {
        case home, venue = "community-venue", phone, video, message

        public var label: String {
            switch self {
            case .home: return Wording.current("people.label.at-home")
            case .venue: return Wording.current("people.label.community-venue")
            case .phone: return Wording.current("people.label.phone")
            case .video: return Wording.current("people.label.video-call")
            case .message: return Wording.current("people.label.message")
            }
        }
    }

    public let id: ID
    public let personID: Person.ID
    public let staffID: StaffMember.ID
    public var staffName: String
    /// The day it happened, yyyy-MM-dd.
    public var happenedOn: String
    public var minutes: Int?
    public var place: Place
    public var whoWasThere: String
    public var notes: String
    public var level: SupportLevel
    /// For a Level 1 contact: what it was about and what was shared or connected.
    public var about: String
    public var shared: String
    /// Goes up by one with each correction.
    public var version: Int
    /// When it was written down (a correction of anything older than a day asks for a reason).
    public var recordedAt: Date?

    public init(
        id: ID, personID: Person.ID, staffID: StaffMember.ID, staffName: String, happenedOn: String, minutes: Int?,
        place: Place, whoWasThere: String, notes: String, level: SupportLevel = .two, about: String = "",
        shared: String = "", version: Int = 0, recordedAt: Date? = nil
    ) {
        self.version = version
        self.recordedAt = recordedAt
        self.id = id
        self.personID = personID
        self.staffID = staffID
        self.staffName = staffName
        self.happenedOn = happenedOn
        self.minutes = minutes
        self.place = place
        self.whoWasThere = whoWasThere
        self.notes = notes
        self.level = level
        self.about = about
        self.shared = shared
    }
}

/// The person's vision of a good life, in their own words.
public struct GoodLifeVision: Hashable, Sendable, Codable {
    public var vision: String
    public var strengths: String
    public var giftsAndInterests: String
    public var whatMatters: String
    public var updatedAt: Date?
    /// Goes up with each save, so a form opened on one version cannot overwrite a later one.
    public var version: Int

    public init(
        vision: String = "", strengths: String = "", giftsAndInterests: String = "", whatMatters: String = "",
        updatedAt: Date? = nil, version: Int = 0
    ) {
        self.version = version
        self.vision = vision
        self.strengths = strengths
        self.giftsAndInterests = giftsAndInterests
        self.whatMatters = whatMatters
        self.updatedAt = updatedAt
    }

    public var isEmpty: Bool { vision.isEmpty && strengths.isEmpty && giftsAndInterests.isEmpty && whatMatters.isEmpty }
}

/// An agreed next step: who does what by when.
public struct Step: Hashable, Sendable, Codable {
    public typealias ID = Identifier<Step>
    public let id: ID
    public let personID: Person.ID
    public var what: String
    public var who: String
    public var dueOn: String?
    public var doneAt: Date?

    public init(id: ID, personID: Person.ID, what: String, who: String, dueOn: String?, doneAt: Date?) {
        self.id = id
        self.personID = personID
        self.what = what
        self.who = who
        self.dueOn = dueOn
        self.doneAt = doneAt
    }

    public var isDone: Bool { doneAt != nil }
}

/// Someone in the person's life: family, friends, neighbours, groups, professionals.
public struct PersonInLife: Hashable, Sendable, Codable {
    public typealias ID = Identifier<PersonInLife>

    public enum Kind: String, CaseIterable, Codable, Sendable {
        case family, friend, neighbour, group, professional

        public var label: String {
            switch self {
            case .family: return Wording.current("people.label.family")
            case .friend: return Wording.current("people.label.friend")
            case .neighbour: return Wording.current("people.label.neighbour")
            case .group: return Wording.current("people.label.group-or-community")
            case .professional: return Wording.current("people.label.professional")
            }
        }
    }

    public enum Closeness: Int, CaseIterable, Codable, Sendable {
        case close = 1, inBetween = 2, further = 3

        public var label: String {
            switch self {
            case .close: return Wording.current("people.label.very-close")
            case .inBetween: return Wording.current("people.label.in-touch")
            case .further: return Wording.current("people.label.further-away")
            }
        }
    }

    public let id: ID
    public let personID: Person.ID
    public var name: String
    public var kind: Kind
    public var closeness: Closeness
    public var note: String
    public var addedAt: Date

    public init(
        id: ID, personID: Person.ID, name: String, kind: Kind, closeness: Closeness, note: String, addedAt: Date
    ) {
        self.id = id
        self.personID = personID
        self.name = name
        self.kind = kind
        self.closeness = closeness
        self.note = note
        self.addedAt = addedAt
    }
}

/// A change of stage or of coordinator, kept forever as the person's history.
public struct JourneyEvent: Hashable, Sendable, Codable {
    public let at: Date
    public let staffName: String
    public let summary: String

    public init(at: Date, staffName: String, summary: String) {
        self.at = at
        self.staffName = staffName
        self.summary = summary
    }
}

/// An introduction as it arrived.
public struct Introduction: Hashable, Sendable, Codable {
    public typealias ID = Identifier<Introduction>
    public let id: ID
    public var personID: Person.ID
    public var source: IntroductionSource
    public var introducerName: String
    public var introducerContact: String
    public var whatMatters: String
    public var receivedAt: Date
    public var viaPublicPage: Bool
    public var routeNote: String

    public init(
        id: ID, personID: Person.ID, source: IntroductionSource, introducerName: String, introducerContact: String,
        whatMatters: String, receivedAt: Date, viaPublicPage: Bool, routeNote: String
    ) {
        self.id = id
        self.personID = personID
        self.source = source
        self.introducerName = introducerName
        self.introducerContact = introducerContact
        self.whatMatters = whatMatters
        self.receivedAt = receivedAt
        self.viaPublicPage = viaPublicPage
        self.routeNote = routeNote
    }
}

/// A page of results, in the shape Fluent pages use: `{"items": […], "metadata": {…}}`.
public struct Paged<Item: Sendable & Codable>: Sendable, Codable {
    public struct Metadata: Sendable, Codable, Equatable {
        public let page: Int
        public let per: Int
        public let total: Int
        public let pageCount: Int

        public init(page: Int, per: Int, total: Int) {
            self.page = page
            self.per = per
            self.total = total
            // Never (total + per - 1), which overflows for a huge total or per.
            self.pageCount = per < 1 ? 0 : total / per + (total % per == 0 ? 0 : 1)
        }
    }

    public let items: [Item]
    public let metadata: Metadata

    public init(items: [Item], metadata: Metadata) {
        self.items = items
        self.metadata = metadata
    }

    public func map<T>(_ transform: (Item) throws -> T) rethrows -> Paged<T> {
        Paged<T>(
            items: try items.map(transform),
            metadata: .init(page: metadata.page, per: metadata.per, total: metadata.total))
    }

    public static var maximumPer: Int { 100 }

    /// Page and per from a query: page from 1 to `CheckedNumber.maximumPage`, per from 1 (larger sizes give
    /// `maximumPer`), 25 when absent. Anything that is not a whole number in range is a problem to fix.
    public static func request(page: String?, per: String?) throws(NumberProblem) -> (page: Int, per: Int) {
        let page = try CheckedNumber.page(page)
        let per = try CheckedNumber.parse(per, field: "per", in: 1...Int.max) ?? 25
        return (page, min(per, maximumPer))
    }
}

extension Conversation {
    /// A conversation's values checked before it is recorded: its day as yyyy-MM-dd, or every problem at
    /// once (a day that cannot be read, or is after tomorrow; a length out of range; texts too long).
    public static func checked(
        happenedOn: String, minutes: Int?, whoWasThere: String, notes: String, about: String, shared: String,
        at now: Date
    ) throws(AlongsideValidation) -> String {
        var problems: [WorkProblem] = []
        let day = Person.isoDate(happenedOn)
        if let day {
            if (ISODay.date(day) ?? now) > now.addingTimeInterval(24 * 60 * 60) { problems.append(.dayInFuture) }
        } else {
            problems.append(.dayMissing)
        }
        if let minutes, !(0...1440).contains(minutes) { problems.append(.minutesUnusable) }
        if notes.count > 20_000 || whoWasThere.count > 300 || about.count > 500 || shared.count > 2_000 {
            problems.append(.notesTooLong)
        }
        guard let day, problems.isEmpty else { throw AlongsideValidation(problems: problems) }
        return day
    }
}

extension Step {
    /// A step's values checked before it is added: what (trimmed), who (trimmed) and the day it is due as
    /// yyyy-MM-dd (nil when left empty), or every problem at once (nothing said, too long, a due day that
    /// cannot be read).
    public static func checked(what: String, who: String, dueOn: String) throws(AlongsideValidation) -> (
        what: String, who: String, dueOn: String?
    ) {
        let what = what.trimmingCharacters(in: .whitespacesAndNewlines)
        let who = who.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [WorkProblem] = []
        if what.isEmpty {
            problems.append(.stepMissing)
        } else if what.count > 500 || who.count > 120 {
            problems.append(.stepTooLong)
        }
        var due: String? = nil
        if !dueOn.trimmingCharacters(in: .whitespaces).isEmpty {
            due = Person.isoDate(dueOn)
            if due == nil { problems.append(.dueDayUnreadable) }
        }
        guard problems.isEmpty else { throw AlongsideValidation(problems: problems) }
        return (what, who, due)
    }
}

extension GoodLifeVision {
    /// What is wrong with a vision before it is saved: every part longer than 5,000 characters, each by its
    /// field.
    public var problems: [WorkProblem] {
        [
            ("vision", vision), ("strengths", strengths), ("giftsAndInterests", giftsAndInterests),
            ("whatMatters", whatMatters),
        ].filter { $0.1.count > 5_000 }.map { .tooLong(field: $0.0) }
    }
}

extension PersonInLife {
    /// Someone in the person's life checked before they are added: their name trimmed, or the problem with it
    /// (no name; a name or note too long).
    public static func checked(name: String, note: String) throws(AlongsideValidation) -> String {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [WorkProblem] = []
        if name.isEmpty {
            problems.append(.nameMissing)
        } else if name.count > 120 || note.count > 500 {
            problems.append(.nameTooLong)
        }
        guard problems.isEmpty else { throw AlongsideValidation(problems: problems) }
        return name
    }
}
