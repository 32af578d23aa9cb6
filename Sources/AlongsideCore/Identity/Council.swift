import Foundation

/// A council that runs Local Area Coordination. Everything a council owns carries its id.
public struct Council: Hashable, Sendable, Codable {
    public typealias ID = Identifier<Council>
    public let id: ID
    /// Short, URL-safe name such as `demo` or `derby`.
    public var slug: String
    public var name: String
    /// Days without contact before a person is flagged on a caseload.
    public var noContactDays: Int

    public init(id: ID, slug: String, name: String, noContactDays: Int = 28) {
        self.id = id
        self.slug = slug
        self.name = name
        self.noContactDays = noContactDays
    }

    /// The moment before which no contact counts as "not seen lately".
    public static func noContactThreshold(days: Int, now: Date) -> Date {
        now.addingTimeInterval(-Double(days) * 86_400)
    }

    /// Lower-case letters, digits and hyphens, 2 to 40 characters, starting with a letter.
    public static func isValidSlug(_ slug: String) -> Bool {
        guard (2...40).contains(slug.count), let first = slug.first, first.isASCII, first.isLetter else {
            return false
        }
        return slug.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }
}
