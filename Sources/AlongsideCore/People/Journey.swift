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
        case .selfIntroduced: return Wording.current("people.label.themselves")
        case .familyOrFriend: return Wording.current("people.label.family-or-friend")
        case .neighbour: return Wording.current("people.label.neighbour-or-community-member")
        case .gpOrHealth: return Wording.current("people.label.gp-or-health")
        case .adultSocialCare: return Wording.current("people.label.adult-social-care")
        case .childrensServices: return Wording.current("people.label.childrens-services")
        case .housing: return Wording.current("people.label.housing")
        case .police: return Wording.current("people.label.police")
        case .school: return Wording.current("people.label.school")
        case .voluntaryGroup: return Wording.current("people.label.voluntary-group")
        case .other: return Wording.current("people.label.other")
        }
    }
}

/// The two levels of support.
public enum SupportLevel: Int, CaseIterable, Codable, Sendable {
    /// Information, advice, a connection, a short conversation.
    case one = 1
    /// Walking alongside over months.
    case two = 2

    public var label: String {
        self == .one
            ? Wording.current("people.label.level-1-information-and-connection")
            : Wording.current("people.label.level-2-walking-alongside")
    }
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
        case .introduced: return Wording.current("people.label.introduced")
        case .gettingToKnow: return Wording.current("people.label.getting-to-know")
        case .walkingAlongside: return Wording.current("people.label.walking-alongside")
        case .stayingConnected: return Wording.current("people.label.staying-connected")
        case .ended: return Wording.current("people.label.ended")
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
        case .goalsReached: return Wording.current("people.label.their-goals-were-reached")
        case .choseToStop: return Wording.current("people.label.they-chose-to-stop")
        case .movedAway: return Wording.current("people.label.they-moved-away")
        case .died: return Wording.current("people.label.they-died")
        case .noContact: return Wording.current("people.label.no-contact")
        }
    }
}

/// The rules for moving a person between stages. The person can end or change the relationship at any
/// time, so every move is allowed except standing still; ending needs a reason, and coming back after an
/// ending starts again at "introduced" with the history kept.
public enum JourneyRules {
    /// The stage that goes with a change of level, so level and stage always agree: walking alongside a
    /// Level 1 contact who was only introduced starts getting to know them; going back to light touch from
    /// getting to know or walking alongside is staying connected. A change of level is for someone whose
    /// relationship is active (someone who has ended comes back first).
    public static func stage(forLevel level: SupportLevel, from current: SupportLevel, at stage: JourneyStage)
        throws(JourneyProblem) -> JourneyStage
    {
        if level == current {
            throw JourneyProblem.alreadyAtLevel(level)
        }
        guard stage.isActive else {
            throw JourneyProblem.levelAfterEnding
        }
        switch (level, stage) {
        case (.two, .introduced): return .gettingToKnow
        case (.one, .gettingToKnow), (.one, .walkingAlongside): return .stayingConnected
        default: return stage
        }
    }

    public static func check(from: JourneyStage, to: JourneyStage, reason: EndReason?) throws(JourneyProblem) {
        if from == to {
            throw JourneyProblem.alreadyAtStage(to)
        }
        if to == .ended && reason == nil {
            throw JourneyProblem.endingReasonMissing
        }
        if from == .ended && to != .introduced {
            throw JourneyProblem.comingBackStartsAgain
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
        case .olderPerson: return Wording.current("people.label.older-person")
        case .disability: return Wording.current("people.label.disability")
        case .mentalHealth: return Wording.current("people.label.mental-health")
        case .physicalHealth: return Wording.current("people.label.physical-health")
        case .childrenAndFamilies: return Wording.current("people.label.children-and-families")
        case .carer: return Wording.current("people.label.carer")
        case .careExperienced: return Wording.current("people.label.care-experienced-young-person")
        }
    }
}

/// How the person likes to be contacted.
public enum ContactPreference: String, CaseIterable, Codable, Sendable {
    case phone, text, email, visit, letter, throughSomeone = "through-someone"

    public var label: String {
        switch self {
        case .phone: return Wording.current("people.label.phone-call")
        case .text: return Wording.current("people.label.text-message")
        case .email: return Wording.current("people.label.email")
        case .visit: return Wording.current("people.label.a-visit")
        case .letter: return Wording.current("people.label.letter")
        case .throughSomeone: return Wording.current("people.label.through-someone-they-trust")
        }
    }
}
