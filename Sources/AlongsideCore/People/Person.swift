import Foundation

/// Someone a coordinator knows: introduced, supported, or supported once and come back.
public struct Person: Hashable, Sendable, Codable {
    public typealias ID = Identifier<Person>
    public let id: ID
    public let councilID: Council.ID
    public var fullName: String
    /// How they like to be called.
    public var preferredName: String
    public var dateOfBirth: String?
    public var ageBand: String?
    public var phone: String
    public var email: String
    public var contactPreference: ContactPreference?
    /// The language they would like to be contacted in, when they have said.
    public var preferredLanguage: Language?
    public var address: String
    public var postcode: String
    public var wardID: Ward.ID?
    public var household: String
    /// Labels in the person's own words.
    public var ownWords: String
    public var categories: [ReportingCategory]
    public var level: SupportLevel
    public var stage: JourneyStage
    public var endReason: EndReason?
    public var coordinatorID: StaffMember.ID?
    /// Why the person is waiting in the team leader's queue, when they have no coordinator.
    public var queueReason: String?
    public var createdAt: Date
    public var lastContactAt: Date?
    public var nextStepDue: String?
    /// Goes up by one with every change to the record's own details, stage or level, so a form opened on
    /// one version cannot silently overwrite a later one.
    public var version: Int
    /// When their personal details were erased (right to erasure), if they were. An erased record keeps no
    /// name and no words in its place: its name is empty, worded by whoever shows it.
    public var erasedAt: Date?

    public init(
        id: ID, councilID: Council.ID, fullName: String, preferredName: String = "", dateOfBirth: String? = nil,
        ageBand: String? = nil, phone: String = "", email: String = "", contactPreference: ContactPreference? = nil,
        preferredLanguage: Language? = nil,
        address: String = "", postcode: String = "", wardID: Ward.ID? = nil, household: String = "",
        ownWords: String = "", categories: [ReportingCategory] = [], level: SupportLevel = .two,
        stage: JourneyStage = .introduced, endReason: EndReason? = nil, coordinatorID: StaffMember.ID? = nil,
        queueReason: String? = nil, createdAt: Date, lastContactAt: Date? = nil, nextStepDue: String? = nil,
        version: Int = 0, erasedAt: Date? = nil
    ) {
        self.id = id
        self.councilID = councilID
        self.fullName = fullName
        self.preferredName = preferredName
        self.dateOfBirth = dateOfBirth
        self.ageBand = ageBand
        self.phone = phone
        self.email = email
        self.contactPreference = contactPreference
        self.preferredLanguage = preferredLanguage
        self.address = address
        self.postcode = postcode
        self.wardID = wardID
        self.household = household
        self.ownWords = ownWords
        self.categories = categories
        self.level = level
        self.stage = stage
        self.endReason = endReason
        self.coordinatorID = coordinatorID
        self.queueReason = queueReason
        self.createdAt = createdAt
        self.lastContactAt = lastContactAt
        self.nextStepDue = nextStepDue
        self.version = version
        self.erasedAt = erasedAt
    }

    /// Whether their personal details were erased.
    public var isErased: Bool { erasedAt != nil }

    /// When they were last in contact (or introduced, if never since).
    public var lastSeen: Date { lastContactAt ?? createdAt }

    /// Someone walked alongside now who has not been in contact for the council's threshold.
    public func isNotSeen(noContactDays: Int, now: Date) -> Bool {
        Self.isNotSeen(stage: stage, level: level, lastSeen: lastSeen, noContactDays: noContactDays, now: now)
    }

    /// The not-seen rule, for a whole record or a list's summary of one.
    static func isNotSeen(stage: JourneyStage, level: SupportLevel, lastSeen: Date, noContactDays: Int, now: Date)
        -> Bool
    {
        stage.isActive && level == .two && lastSeen < Council.noContactThreshold(days: noContactDays, now: now)
    }

    /// The name to greet them by.
    public var calledName: String { preferredName.isEmpty ? fullName : preferredName }

    /// Phone numbers compared by digits alone, with a UK leading 44 read as 0.
    public static func normalisedPhone(_ phone: String) -> String {
        var digits = phone.filter(\.isNumber)
        if digits.hasPrefix("44") && digits.count == 12 { digits = "0" + digits.dropFirst(2) }
        return digits
    }

    /// A date of birth as typed ("3/4/1950", "1950-04-03") to ISO form, or nil if it is not a real date.
    public static func isoDate(_ raw: String) -> String? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        let parts: [Int]
        if text.contains("-") {
            parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { return nil }
            return validated(year: parts[0], month: parts[1], day: parts[2])
        }
        parts = text.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == " " }).compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return validated(year: parts[2], month: parts[1], day: parts[0])
    }

    static func validated(year: Int, month: Int, day: Int) -> String? {
        guard (1900...2100).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components),
            calendar.component(.day, from: date) == day
        else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }
}
