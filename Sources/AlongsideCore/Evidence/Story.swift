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
    }

    public static let consentWording =
        "I agree that my story can be shared, without my name or anything that identifies me, to show what Local Area Coordination does."

    public let id: ID
    public let personID: Person.ID
    public var title: String
    public var body: String
    public var status: Status
    public var writtenAt: Date

    public init(id: ID, personID: Person.ID, title: String, body: String, status: Status, writtenAt: Date) {
        self.id = id
        self.personID = personID
        self.title = title
        self.body = body
        self.status = status
        self.writtenAt = writtenAt
    }

    /// Checks a story before it is saved: consent given, and none of the person's names in it.
    public static func problems(title: String, body: String, consent: Bool, person: Person) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if !consent {
            problems.append(
                FieldProblem(field: "consent", message: "A story is only kept when the person has agreed to share it."))
        }
        if title.trimmingCharacters(in: .whitespaces).isEmpty || title.count > 120 {
            problems.append(
                FieldProblem(field: "storyTitle", message: "Give the story a title of up to 120 characters."))
        }
        if body.trimmingCharacters(in: .whitespacesAndNewlines).count < 20 || body.count > 10_000 {
            problems.append(FieldProblem(field: "storyBody", message: "Write the story in 20 to 10,000 characters."))
        }
        let text = DuplicateCheck.normalisedName(title + " " + body).split(separator: " ").map(String.init)
        let names =
            (DuplicateCheck.normalisedName(person.fullName) + " " + DuplicateCheck.normalisedName(person.preferredName))
            .split(separator: " ").map(String.init).filter { $0.count >= 3 }
        if let name = names.first(where: { text.contains($0) }) {
            problems.append(
                FieldProblem(
                    field: "storyBody",
                    message:
                        "The story names them (\"\(name.capitalized)\"). Use a different name or none, so no one can tell who it is."
                ))
        }
        return problems
    }
}
