import Foundation

/// Something a council shares with the Network's practice library: an approved story (already anonymised
/// and approved in its council), an idea or approach that worked, or an event. Nothing personal is ever
/// attached: an item holds no link to a person, and its words are checked for contact details.
public struct PracticeItem: Hashable, Sendable, Codable {
    public typealias ID = Identifier<PracticeItem>

    public enum Kind: String, CaseIterable, Codable, Sendable {
        case story
        case idea
        case event

        public var label: String {
            switch self {
            case .story: return Wording.current("network.page.story")
            case .idea: return Wording.current("network.page.idea-or-approach-that-worked")
            case .event: return Wording.current("network.page.event")
            }
        }
    }

    /// The themes items are tagged with, so councils can find what is relevant to them.
    public enum Theme: String, CaseIterable, Codable, Sendable {
        case loneliness
        case olderPeople = "older-people"
        case disability
        case mentalHealth = "mental-health"
        case carers
        case childrenAndFamilies = "children-and-families"
        case careExperienced = "care-experienced"
        case housing
        case moneyAndWork = "money-and-work"
        case goodNeighbours = "good-neighbours"
        case communityGroups = "community-groups"
        case avoidingCrises = "avoiding-crises"
        case evidence

        public var label: String {
            switch self {
            case .loneliness: return Wording.current("network.page.loneliness-and-isolation")
            case .olderPeople: return Wording.current("network.page.older-people")
            case .disability: return Wording.current("network.page.disability")
            case .mentalHealth: return Wording.current("network.page.mental-health")
            case .carers: return Wording.current("network.page.carers")
            case .childrenAndFamilies: return Wording.current("network.page.children-and-families")
            case .careExperienced: return Wording.current("network.page.care-experienced-young-people")
            case .housing: return Wording.current("network.page.housing")
            case .moneyAndWork: return Wording.current("network.page.money-and-work")
            case .goodNeighbours: return Wording.current("network.page.good-neighbours")
            case .communityGroups: return Wording.current("network.page.starting-and-growing-community-groups")
            case .avoidingCrises: return Wording.current("network.page.avoiding-crises")
            case .evidence: return Wording.current("network.page.evidence-and-sroi")
            }
        }
    }

    public let id: ID
    /// The council that shared it.
    public let councilID: Council.ID
    public var kind: Kind
    public var title: String
    public var body: String
    public var themes: [Theme]
    /// For events: the day (yyyy-MM-dd) and where it is.
    public var eventOn: String?
    public var eventPlace: String?
    public var publishedAt: Date

    public init(
        id: ID, councilID: Council.ID, kind: Kind, title: String, body: String, themes: [Theme],
        eventOn: String? = nil, eventPlace: String? = nil, publishedAt: Date
    ) {
        self.id = id
        self.councilID = councilID
        self.kind = kind
        self.title = title
        self.body = body
        self.themes = themes
        self.eventOn = eventOn
        self.eventPlace = eventPlace
        self.publishedAt = publishedAt
    }

    /// What is wrong with an item before it is shared; empty when it may be published.
    public static func problems(
        kind: Kind, title: String, body: String, themes: [Theme], eventOn: String?, eventPlace: String?
    ) -> [PracticeProblem] {
        var problems: [PracticeProblem] = []
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        let body = body.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty || title.count > 120 {
            problems.append(
                PracticeProblem.titleUnusable)
        }
        if body.count < 20 || body.count > 10_000 {
            problems.append(
                PracticeProblem.bodyUnusable
            )
        }
        if themes.isEmpty {
            problems.append(
                PracticeProblem.themesMissing)
        }
        if kind == .event {
            if eventOn == nil {
                problems.append(
                    PracticeProblem.eventDayMissing)
            }
            if (eventPlace ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(
                    PracticeProblem.eventPlaceMissing)
            }
        }
        for (field, text) in [("title", title), ("body", body), ("eventPlace", eventPlace ?? "")] {
            if let found = PersonalDetails.first(in: text) {
                problems.append(
                    PracticeProblem.personalDetails(field: field, found: found.description))
            }
        }
        return problems
    }
}

/// Spots contact details in free text: email addresses, UK phone numbers and full postcodes.
public enum PersonalDetails {
    public enum Found: Equatable, Sendable, CustomStringConvertible {
        case email(String)
        case phone(String)
        case postcode(String)

        public var description: String {
            switch self {
            case .email(let text): return Wording.current("network.found.email", text)
            case .phone(let text): return Wording.current("network.found.phone", text)
            case .postcode(let text): return Wording.current("network.found.postcode", text)
            }
        }
    }

    public static func first(in text: String) -> Found? {
        let words = text.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == ";" || $0 == "(" || $0 == ")" })
            .map(String.init)
        for word in words where word.contains("@") {
            let parts = word.split(separator: "@")
            if parts.count == 2, parts[1].contains(".") {
                return .email(word.trimmingCharacters(in: .punctuationCharacters))
            }
        }
        // Phone numbers: 10 or 11 digits (0…, or +44…), possibly spread over words with spaces or dashes.
        var digits = ""
        var shown = ""
        for character in text + " " {
            if character.isASCII, character.isNumber || (character == "+" && digits.isEmpty) {
                if character.isNumber { digits.append(character) }
                shown.append(character)
            } else if !digits.isEmpty, character == " " || character == "-" {
                shown.append(character)
            } else {
                let national = digits.hasPrefix("44") && shown.hasPrefix("+") ? "0" + digits.dropFirst(2) : digits
                if national.hasPrefix("0"), (10...11).contains(national.count) {
                    return .phone(shown.trimmingCharacters(in: .whitespaces))
                }
                digits = ""
                shown = ""
            }
        }
        // Postcodes: an outward code and an inward code (digit then two letters), as two words or one.
        for index in words.indices {
            let word = words[index].trimmingCharacters(in: .punctuationCharacters).uppercased()
            if index + 1 < words.count {
                let next = words[index + 1].trimmingCharacters(in: .punctuationCharacters).uppercased()
                if Postcode(word + next) != nil, isInward(next) { return .postcode(word + " " + next) }
            }
            if (5...7).contains(word.count), isInward(String(word.suffix(3))), Postcode(word) != nil {
                return .postcode(word)
            }
        }
        return nil
    }

    static func isInward(_ text: String) -> Bool {
        let characters = Array(text)
        return characters.count == 3 && characters[0].isNumber && characters[1].isLetter && characters[2].isLetter
    }
}
