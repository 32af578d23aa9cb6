import Foundation

/// The kinds of help a Good Neighbour gives and a person can ask for.
public enum HelpKind: String, CaseIterable, Codable, Sendable {
    case shopping, prescriptions = "prescription-collection", lift, befriending, smallJobs = "small-jobs"

    public var label: String {
        switch self {
        case .shopping: return Wording.current("good-neighbours.page.shopping")
        case .prescriptions: return Wording.current("good-neighbours.page.collecting-a-prescription")
        case .lift: return Wording.current("good-neighbours.page.a-lift")
        case .befriending: return Wording.current("good-neighbours.page.befriending")
        case .smallJobs: return Wording.current("good-neighbours.page.small-jobs")
        }
    }

    /// Help that takes a volunteer into someone's home or car alone needs a criminal record check.
    public var needsClearanceByDefault: Bool { self == .befriending || self == .lift || self == .smallJobs }
}

/// A Disclosure and Barring Service check a volunteer holds.
public struct VolunteerCheck: Hashable, Sendable, Codable {
    public typealias ID = Identifier<VolunteerCheck>

    public enum Kind: String, CaseIterable, Codable, Sendable {
        case basic, standard, enhanced, enhancedWithBarred = "enhanced-with-barred-list"

        public var label: String {
            switch self {
            case .basic: return Wording.current("good-neighbours.page.basic-dbs")
            case .standard: return Wording.current("good-neighbours.page.standard-dbs")
            case .enhanced: return Wording.current("good-neighbours.page.enhanced-dbs")
            case .enhancedWithBarred: return Wording.current("good-neighbours.page.enhanced-dbs-with-barred-list")
            }
        }

        /// Clears a volunteer for work alone with someone (an enhanced check).
        public var clears: Bool { self == .enhanced || self == .enhancedWithBarred }
    }

    public static let reminderDays = [60, 30, 7]

    public let id: ID
    public var kind: Kind
    /// yyyy-MM-dd
    public var issuedOn: String
    public var expiresOn: String

    public init(id: ID, kind: Kind, issuedOn: String, expiresOn: String) {
        self.id = id
        self.kind = kind
        self.issuedOn = issuedOn
        self.expiresOn = expiresOn
    }

    /// What is wrong with a check's days before it is recorded (each yyyy-MM-dd): every problem at once.
    public static func problems(issuedOn: String, expiresOn: String) -> [GoodNeighbourProblem] {
        var problems: [GoodNeighbourProblem] = []
        if ISODay.date(issuedOn) == nil { problems.append(.checkIssuedMissing) }
        if ISODay.date(expiresOn) == nil || expiresOn <= issuedOn { problems.append(.checkExpiryMissing) }
        return problems
    }

    public func isValid(on day: String) -> Bool { issuedOn <= day && day < expiresOn }

    /// Whole days from `day` until it expires (negative once expired).
    public func daysLeft(on day: String) -> Int {
        guard let from = ISODay.date(day), let to = ISODay.date(expiresOn) else { return 0 }
        return Int((to.timeIntervalSince(from) / 86_400).rounded())
    }

    /// The reminder due on `day`, if any: the smallest of 60, 30 and 7 days that the time left has reached.
    public func reminderDue(on day: String) -> Int? {
        let left = daysLeft(on: day)
        guard left >= 0 else { return nil }
        return Self.reminderDays.filter { left <= $0 }.min()
    }
}

/// A Good Neighbour volunteer.
public struct Volunteer: Hashable, Sendable, Codable {
    public typealias ID = Identifier<Volunteer>

    public let id: ID
    public var name: String
    public var phone: String
    public var email: String
    public var postcode: String
    public var wardCode: String?
    public var latitude: Double?
    public var longitude: Double?
    /// How far they are glad to go, in metres.
    public var travelMetres: Int
    public var helpsWith: [HelpKind]
    public var availableDays: [Weekday]
    public var skills: String
    public var checks: [VolunteerCheck]
    /// Offered requests: not while resting or after leaving.
    public var active: Bool
    /// The day they left the scheme (nil while they are with it, resting or not).
    public var leftOn: String?
    /// Their details erased at their request: the record stays, for the hours they gave.
    public var erased: Bool?

    /// With the scheme and offered requests, resting for now, or left.
    public enum Status: String, CaseIterable, Sendable {
        case active, resting, left

        public var label: String {
            switch self {
            case .active: return Wording.current("good-neighbours.status.active")
            case .resting: return Wording.current("good-neighbours.status.resting")
            case .left: return Wording.current("good-neighbours.status.left")
            }
        }
    }

    public var status: Status { leftOn != nil ? .left : active ? .active : .resting }

    public init(
        id: ID, name: String, phone: String = "", email: String = "", postcode: String, wardCode: String? = nil,
        latitude: Double? = nil, longitude: Double? = nil, travelMetres: Int = 2_000, helpsWith: [HelpKind],
        availableDays: [Weekday], skills: String = "", checks: [VolunteerCheck] = [], active: Bool = true
    ) {
        self.id = id
        self.name = name
        self.phone = phone
        self.email = email
        self.postcode = postcode
        self.wardCode = wardCode
        self.latitude = latitude
        self.longitude = longitude
        self.travelMetres = travelMetres
        self.helpsWith = helpsWith
        self.availableDays = availableDays
        self.skills = skills
        self.checks = checks
        self.active = active
    }

    /// Checks to renew on `day`: each that has expired or expires within 60 days, unless a newer check of the
    /// same kind outlasts it.
    public func checksToRenew(on day: String) -> [VolunteerCheck] {
        let warning = VolunteerCheck.reminderDays.max() ?? 60
        return checks.filter { check in
            check.daysLeft(on: day) <= warning
                && !checks.contains { $0.kind == check.kind && $0.expiresOn > check.expiresOn }
        }
    }

    /// The check that clears them on `day`, if they hold one.
    public func clearance(on day: String) -> VolunteerCheck? {
        checks.filter { $0.kind.clears && $0.isValid(on: day) }.max { $0.expiresOn < $1.expiresOn }
    }

    public static func problems(name: String, postcode: String, helpsWith: [HelpKind], travelMetres: Int?)
        -> [any DomainProblem]
    {
        var problems: [any DomainProblem] = []
        if name.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(
                GoodNeighbourProblem.volunteerNameMissing)
        }
        if Postcode(postcode) == nil {
            problems.append(
                GoodNeighbourProblem.volunteerPostcodeUnusable)
        }
        if helpsWith.isEmpty {
            problems.append(
                GoodNeighbourProblem.helpsWithMissing
            )
        }
        if let travelMetres, !(100...50_000).contains(travelMetres) {
            problems.append(
                GoodNeighbourProblem.travelMissing)
        }
        return problems
    }
}

/// A request for a Good Neighbour's help, raised by a coordinator for a person.
public struct HelpRequest: Hashable, Sendable, Codable {
    public typealias ID = Identifier<HelpRequest>

    public enum Status: String, CaseIterable, Codable, Sendable {
        case open, offered, accepted, completed, cancelled

        public var label: String {
            switch self {
            case .open: return Wording.current("good-neighbours.page.looking-for-a-volunteer")
            case .offered: return Wording.current("good-neighbours.page.offered-to-a-volunteer")
            case .accepted: return Wording.current("good-neighbours.page.a-volunteer-is-going")
            case .completed: return Wording.current("good-neighbours.page.done")
            case .cancelled: return Wording.current("good-neighbours.page.cancelled")
            }
        }
    }

    public let id: ID
    /// Whose request it is; changes only when their record is merged into another (or the merge undone).
    public var personID: Person.ID
    public var kind: HelpKind
    public var details: String
    /// yyyy-MM-dd
    public var neededOn: String
    public var postcode: String
    public var wardCode: String?
    public var latitude: Double?
    public var longitude: Double?
    public var needsClearance: Bool
    public var status: Status
    public var volunteerID: Volunteer.ID?
    public var declinedBy: [Volunteer.ID]
    public var minutes: Int?
    public var createdAt: Date
    public var offeredAt: Date?
    public var acceptedAt: Date?
    public var completedAt: Date?

    public init(
        id: ID, personID: Person.ID, kind: HelpKind, details: String, neededOn: String, postcode: String,
        wardCode: String? = nil, latitude: Double? = nil, longitude: Double? = nil, needsClearance: Bool,
        status: Status = .open, volunteerID: Volunteer.ID? = nil, declinedBy: [Volunteer.ID] = [],
        minutes: Int? = nil, createdAt: Date, offeredAt: Date? = nil, acceptedAt: Date? = nil,
        completedAt: Date? = nil
    ) {
        self.id = id
        self.personID = personID
        self.kind = kind
        self.details = details
        self.neededOn = neededOn
        self.postcode = postcode
        self.wardCode = wardCode
        self.latitude = latitude
        self.longitude = longitude
        self.needsClearance = needsClearance
        self.status = status
        self.volunteerID = volunteerID
        self.declinedBy = declinedBy
        self.minutes = minutes
        self.createdAt = createdAt
        self.offeredAt = offeredAt
        self.acceptedAt = acceptedAt
        self.completedAt = completedAt
    }

    public var isOpen: Bool { status == .open || status == .offered || status == .accepted }

    /// The weekday it is needed on.
    public var weekday: Weekday? {
        guard let date = ISODay.date(neededOn) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = ISODay.london
        return Weekday.allCases[(calendar.component(.weekday, from: date) + 5) % 7]
    }
}

extension HelpRequest {
    /// What a request asks for and when, checked before it is raised or corrected: the details (trimmed) and
    /// the day as yyyy-MM-dd, or every problem at once (no details or too many, a day that cannot be read).
    public static func checked(details: String, neededOn: String) throws(AlongsideValidation) -> (
        details: String, neededOn: String
    ) {
        let details = details.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [GoodNeighbourProblem] = []
        if details.isEmpty || details.count > 1_000 { problems.append(.helpDetailsMissing) }
        let day = Person.isoDate(neededOn)
        if day == nil { problems.append(.helpDayUnreadable) }
        guard let day, problems.isEmpty else { throw AlongsideValidation(problems: problems) }
        return (details, day)
    }
}

/// Proposes volunteers for a request, best first, and says why each was proposed or left out.
public enum GoodNeighbourMatching {
    public struct Match: Sendable, Equatable {
        public let volunteer: Volunteer
        public let score: Int
        public let metres: Double?
        /// Why they suit, in words a coordinator reads before ringing them.
        public let reasons: [String]
    }

    public struct LeftOut: Sendable, Equatable {
        public let volunteer: Volunteer
        public let reason: String
    }

    public static func rank(_ request: HelpRequest, volunteers: [Volunteer], wardNames: [String: String] = [:])
        -> (matches: [Match], leftOut: [LeftOut])
    {
        var matches: [Match] = []
        var leftOut: [LeftOut] = []
        let day = request.neededOn
        for volunteer in volunteers where volunteer.active {
            if request.declinedBy.contains(volunteer.id) {
                leftOut.append(
                    LeftOut(
                        volunteer: volunteer, reason: Wording.current("good-neighbours.page.said-no-to-this-request")))
                continue
            }
            guard volunteer.helpsWith.contains(request.kind) else {
                leftOut.append(
                    LeftOut(
                        volunteer: volunteer,
                        reason: Wording.current(
                            "good-neighbours.page.does-not-help-with", request.kind.label.lowercased())))
                continue
            }
            let clearance = volunteer.clearance(on: day)
            if request.needsClearance && clearance == nil {
                leftOut.append(
                    LeftOut(
                        volunteer: volunteer,
                        reason: Wording.current(
                            "good-neighbours.page.not-cleared-needs-an-enhanced-dbs", ISODay.words(day))))
                continue
            }
            var metres: Double? = nil
            if let a = request.latitude, let b = request.longitude, let c = volunteer.latitude,
                let d = volunteer.longitude
            {
                metres = Distance.metres(fromLatitude: a, longitude: b, toLatitude: c, longitude: d)
            }
            let sameWard = request.wardCode != nil && volunteer.wardCode == request.wardCode
            if let metres, metres > Double(volunteer.travelMetres) {
                leftOut.append(
                    LeftOut(
                        volunteer: volunteer,
                        reason:
                            Wording.current(
                                "good-neighbours.page.too-far-away-goes-up-to", Distance.words(metres),
                                Distance.words(Double(volunteer.travelMetres)))
                    ))
                continue
            }
            if metres == nil && !sameWard {
                leftOut.append(
                    LeftOut(volunteer: volunteer, reason: Wording.current("good-neighbours.page.lives-in-another-ward"))
                )
                continue
            }
            var score = 0
            var reasons: [String] = []
            if sameWard {
                score += 30
                reasons.append(
                    Wording.current(
                        "good-neighbours.page.lives-in",
                        volunteer.wardCode.flatMap { wardNames[$0] }
                            ?? Wording.current("good-neighbours.page.the-same-ward")))
            }
            if let metres {
                score += max(0, 30 - Int(metres / 200))
                reasons.append(Wording.current("directory.distance-away", Distance.words(metres)))
            }
            if let weekday = request.weekday, volunteer.availableDays.contains(weekday) {
                score += 25
                reasons.append(Wording.current("good-neighbours.page.free-on-s", weekday.name))
            } else if let weekday = request.weekday {
                reasons.append(Wording.current("good-neighbours.page.not-usually-free-on-s", weekday.name))
            }
            reasons.append(Wording.current("good-neighbours.page.glad-to-help-with", request.kind.label.lowercased()))
            let asked = Set(DirectoryQuery(request.details).words.filter { $0.count > 2 })
            let offered = DirectoryQuery(volunteer.skills).words.filter { asked.contains($0) }
            if !offered.isEmpty {
                score += 10
                reasons.append(Wording.current("good-neighbours.page.skills", volunteer.skills))
            }
            if let clearance {
                if request.needsClearance { score += 5 }
                reasons.append("\(clearance.kind.label) valid until \(ISODay.words(clearance.expiresOn))")
            }
            matches.append(Match(volunteer: volunteer, score: score, metres: metres, reasons: reasons))
        }
        matches.sort {
            ($0.score, -($0.metres ?? 0), $1.volunteer.name) > ($1.score, -($1.metres ?? 0), $0.volunteer.name)
        }
        return (matches, leftOut.sorted { $0.volunteer.name < $1.volunteer.name })
    }
}
