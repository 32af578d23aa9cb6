import Foundation

/// How a person found their way to Local Area Coordination.
public enum IntroductionSource: String, CaseIterable, Codable, Sendable {
    case selfIntroduced = "self"
    case familyOrFriend = "family-or-friend"
    case neighbour = "neighbour-or-community"
    case gpOrHealth = "gp-or-health"
    case adultSocialCare = "adult-social-care"
    case childrensServices = "childrens-services"
    case housing = "housing"
    case police = "police"
    case school = "school"
    case voluntaryGroup = "voluntary-group"
    case other = "other"

    public var label: String {
        switch self {
        case .selfIntroduced: return "Themselves"
        case .familyOrFriend: return "Family or friend"
        case .neighbour: return "Neighbour or community member"
        case .gpOrHealth: return "GP or health"
        case .adultSocialCare: return "Adult social care"
        case .childrensServices: return "Children's services"
        case .housing: return "Housing"
        case .police: return "Police"
        case .school: return "School"
        case .voluntaryGroup: return "Voluntary group"
        case .other: return "Other"
        }
    }
}

/// The two levels of support.
public enum SupportLevel: Int, CaseIterable, Codable, Sendable {
    /// Information, advice, a connection, a short conversation.
    case one = 1
    /// Walking alongside over months.
    case two = 2

    public var label: String { self == .one ? "Level 1: information and connection" : "Level 2: walking alongside" }
}

/// Where a Level 2 relationship has got to.
public enum JourneyStage: String, CaseIterable, Codable, Sendable {
    case introduced = "introduced"
    case gettingToKnow = "getting-to-know"
    case walkingAlongside = "walking-alongside"
    case stayingConnected = "staying-connected"
    case ended = "ended"

    public var label: String {
        switch self {
        case .introduced: return "Introduced"
        case .gettingToKnow: return "Getting to know"
        case .walkingAlongside: return "Walking alongside"
        case .stayingConnected: return "Staying connected"
        case .ended: return "Ended"
        }
    }

    public var isActive: Bool { self != .ended }
}

/// Why a relationship ended, in the person's terms.
public enum EndReason: String, CaseIterable, Codable, Sendable {
    case goalsReached = "goals-reached"
    case choseToStop = "chose-to-stop"
    case movedAway = "moved-away"
    case died = "died"
    case noContact = "no-contact"

    public var label: String {
        switch self {
        case .goalsReached: return "Their goals were reached"
        case .choseToStop: return "They chose to stop"
        case .movedAway: return "They moved away"
        case .died: return "They died"
        case .noContact: return "No contact"
        }
    }
}

/// The rules for moving a person between stages. The person can end or change the relationship at any
/// time, so every move is allowed except standing still; ending needs a reason, and coming back after an
/// ending starts again at "introduced" with the history kept.
public enum JourneyRules {
    public static func check(from: JourneyStage, to: JourneyStage, reason: EndReason?) throws(AlongsideError) {
        if from == to {
            throw .invalid(field: "stage", message: "They are already at \"\(to.label)\". Choose a different stage.")
        }
        if to == .ended && reason == nil {
            throw .invalid(field: "reason", message: "Say why the relationship is ending.")
        }
        if from == .ended && to != .introduced {
            throw .invalid(
                field: "stage",
                message: "Someone coming back starts again at \"Introduced\"; their history stays with them.")
        }
    }
}

/// The categories the service reports on. People also describe themselves in their own words.
public enum ReportingCategory: String, CaseIterable, Codable, Sendable {
    case olderPerson = "older-person"
    case disability = "disability"
    case mentalHealth = "mental-health"
    case physicalHealth = "physical-health"
    case childrenAndFamilies = "children-and-families"
    case carer = "carer"
    case careExperienced = "care-experienced-young-person"

    public var label: String {
        switch self {
        case .olderPerson: return "Older person"
        case .disability: return "Disability"
        case .mentalHealth: return "Mental health"
        case .physicalHealth: return "Physical health"
        case .childrenAndFamilies: return "Children and families"
        case .carer: return "Carer"
        case .careExperienced: return "Care-experienced young person"
        }
    }
}

/// How the person likes to be contacted.
public enum ContactPreference: String, CaseIterable, Codable, Sendable {
    case phone, text, email, visit, letter, throughSomeone = "through-someone"

    public var label: String {
        switch self {
        case .phone: return "Phone call"
        case .text: return "Text message"
        case .email: return "Email"
        case .visit: return "A visit"
        case .letter: return "Letter"
        case .throughSomeone: return "Through someone they trust"
        }
    }
}
