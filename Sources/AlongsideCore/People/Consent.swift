import Foundation

/// What a person has agreed to, in the words they agreed to, and when; withdrawal takes effect at once.
public struct Consent: Hashable, Sendable, Codable {
    public typealias ID = Identifier<Consent>

    public enum Kind: String, CaseIterable, Codable, Sendable {
        case keepInformation = "keep-information", shareWithPartner = "share-with-partner", tellStory = "tell-story"

        public var label: String {
            switch self {
            case .keepInformation: return Wording.current("people.label.to-keep-their-information")
            case .shareWithPartner: return Wording.current("people.label.to-share-it-with-a-named")
            case .tellStory: return Wording.current("people.label.to-tell-their-story")
            }
        }

        /// The words the person agrees to.
        public func wording(partner: String?) -> String {
            switch self {
            case .keepInformation:
                return
                    Wording.current("people.label.i-agree-that-the-local-area")
            case .shareWithPartner:
                return
                    Wording.current(
                        "people.label.consent-share", partner ?? Wording.current("people.label.the-partner-named"))
            case .tellStory: return Story.consentWording
            }
        }
    }

    public let id: ID
    public let personID: Person.ID
    public let kind: Kind
    public let partner: String?
    public let wording: String
    /// yyyy-MM-dd
    public let givenOn: String
    public var withdrawnOn: String?

    public init(
        id: ID, personID: Person.ID, kind: Kind, partner: String?, wording: String, givenOn: String,
        withdrawnOn: String? = nil
    ) {
        self.id = id
        self.personID = personID
        self.kind = kind
        self.partner = partner
        self.wording = wording
        self.givenOn = givenOn
        self.withdrawnOn = withdrawnOn
    }

    public var isActive: Bool { withdrawnOn == nil }
}
