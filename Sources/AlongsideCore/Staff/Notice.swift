import Foundation

/// What an email tells a member of staff. A notice holds no personal details (email is not a safe place for
/// them): what happened, the ward, and where to sign in to see it. Kept in the outbox as this value (codes,
/// not sentences) and written in words when it is sent.
public enum Notice: Sendable, Equatable, Codable {
    /// Someone new was introduced: in a ward the reader covers, or waiting for the team (no ward named).
    case introduction(ward: String?)
    /// People were handed over to the reader.
    case handover(people: Int)
    /// A Good Neighbour volunteer's check expires in `days` days.
    case checkExpiring(days: Int)
    /// The morning's summary: new introductions waiting, steps falling due today or overdue, connections
    /// due their three-month question.
    case morningSummary(introductions: Int, steps: Int, connections: Int)
    /// An invitation to set a password (`link` is single-use, for 72 hours).
    case invitation(link: String, council: String)
    /// A link to choose a new password (single-use, for an hour).
    case passwordReset(link: String)

    /// How a member of staff wants their notices.
    public enum Preference: String, Sendable, CaseIterable, Codable {
        case atOnce = "at-once"
        case morning
        case none

        public var label: String {
            switch self {
            case .atOnce: return Wording.current("notices.preference.at-once")
            case .morning: return Wording.current("notices.preference.morning")
            case .none: return Wording.current("notices.preference.none")
            }
        }
    }

    /// Sign-in and security messages always go, whatever the member chose.
    public var alwaysSent: Bool {
        switch self {
        case .invitation, .passwordReset: return true
        default: return false
        }
    }

    /// The notice with its one-time link changed by `transform` (sealed for the outbox, opened to send,
    /// emptied once sent); other notices as they are.
    public func mappingLink(_ transform: (String) throws -> String) rethrows -> Notice {
        switch self {
        case .invitation(let link, let council): return .invitation(link: try transform(link), council: council)
        case .passwordReset(let link): return .passwordReset(link: try transform(link))
        default: return self
        }
    }

    /// A short code for lists and logs.
    public var code: String {
        switch self {
        case .introduction: return "introduction"
        case .handover: return "handover"
        case .checkExpiring: return "check-expiring"
        case .morningSummary: return "morning-summary"
        case .invitation: return "invitation"
        case .passwordReset: return "password-reset"
        }
    }

    /// The subject line, in `wording`'s language.
    public func subject(_ wording: Wording) -> String {
        switch self {
        case .introduction: return wording("notices.introduction.subject")
        case .handover: return wording("notices.handover.subject")
        case .checkExpiring(let days): return wording("notices.check-expiring.subject", days)
        case .morningSummary: return wording("notices.morning-summary.subject")
        case .invitation(_, let council): return wording("notices.invitation.subject", council)
        case .passwordReset: return wording("notices.password-reset.subject")
        }
    }

    /// The message, in `wording`'s language; `signIn` is where the reader signs in.
    public func body(_ wording: Wording, signIn: String) -> String {
        let lines: [String]
        switch self {
        case .introduction(let ward):
            lines = [
                ward.map { wording("notices.introduction.in-ward", $0) }
                    ?? wording("notices.introduction.for-the-team"),
                wording("notices.sign-in-to-see", signIn),
            ]
        case .handover(let people):
            lines = [wording("notices.handover.body", people), wording("notices.sign-in-to-see", signIn)]
        case .checkExpiring(let days):
            lines = [wording("notices.check-expiring.body", days), wording("notices.sign-in-to-see", signIn)]
        case .morningSummary(let introductions, let steps, let connections):
            lines = [
                wording("notices.morning-summary.introductions", introductions),
                wording("notices.morning-summary.steps", steps),
                wording("notices.morning-summary.connections", connections),
                wording("notices.sign-in-to-see", signIn),
            ]
        case .invitation(let link, let council):
            lines = [wording("notices.invitation.body", council), link, wording("notices.invitation.expires")]
        case .passwordReset(let link):
            lines = [wording("notices.password-reset.body"), link, wording("notices.password-reset.not-you")]
        }
        return lines.joined(separator: "\n\n") + "\n\n" + wording("notices.footer") + "\n"
    }
}
