import Foundation

/// A person's story, told with their consent and anonymised, that a team leader approves before anyone
/// else sees it.
public struct Story: Hashable, Sendable, Codable {
    public typealias ID = Identifier<Story>

    public enum Status: String, Codable, Sendable {
        case awaitingApproval = "awaiting-approval"
        case approved
        /// The person withdrew their consent: never shown again.
        case withdrawn
        /// A team leader asked for a change before approving it (their note says what).
        case sentBack = "sent-back"
        /// A team leader decided not to use it (their note says why).
        case rejected

        /// Still the writer's to change: before a team leader approves or rejects it.
        public var isEditable: Bool { self == .awaitingApproval || self == .sentBack }

        public var label: String {
            switch self {
            case .awaitingApproval: return Wording.current("stories.status.awaiting-approval")
            case .approved: return Wording.current("stories.status.approved")
            case .withdrawn: return Wording.current("stories.status.withdrawn")
            case .sentBack: return Wording.current("stories.status.sent-back")
            case .rejected: return Wording.current("stories.status.rejected")
            }
        }
    }

    /// A team leader's note when it was sent back or not used.
    public var reviewNote: String?
    public var writtenByID: StaffMember.ID?

    public static var consentWording: String {
        Wording.current("stories.page.i-agree-that-my-story-can")
    }

    public let id: ID
    public let personID: Person.ID
    public var title: String
    public var body: String
    public var status: Status
    public var writtenAt: Date

    public init(
        id: ID, personID: Person.ID, title: String, body: String, status: Status, writtenAt: Date,
        reviewNote: String? = nil, writtenByID: StaffMember.ID? = nil
    ) {
        self.reviewNote = reviewNote
        self.writtenByID = writtenByID
        self.id = id
        self.personID = personID
        self.title = title
        self.body = body
        self.status = status
        self.writtenAt = writtenAt
    }

    /// Checks a story before it is saved: consent given, and none of the person's names in it.
    public static func problems(title: String, body: String, consent: Bool, person: Person) -> [any DomainProblem] {
        var problems: [any DomainProblem] = []
        if !consent {
            problems.append(
                StoryProblem.consentMissing)
        }
        if title.trimmingCharacters(in: .whitespaces).isEmpty || title.count > 120 {
            problems.append(
                StoryProblem.titleUnusable)
        }
        if body.trimmingCharacters(in: .whitespacesAndNewlines).count < 20 || body.count > 10_000 {
            problems.append(
                StoryProblem.bodyUnusable)
        }
        let text = DuplicateCheck.normalisedName(title + " " + body).split(separator: " ").map(String.init)
        let names =
            (DuplicateCheck.normalisedName(person.fullName) + " " + DuplicateCheck.normalisedName(person.preferredName))
            .split(separator: " ").map(String.init).filter { $0.count >= 3 }
        if let name = names.first(where: { text.contains($0) }) {
            problems.append(
                StoryProblem.namesThem(name))
        }
        return problems
    }
}
