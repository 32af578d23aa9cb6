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
    /// Years after the last contact that a Level 1 (information only) record is kept.
    public var retentionLevel1Years: Int
    /// Years after the relationship ended that a Level 2 record is kept.
    public var retentionLevel2Years: Int
    /// Every member of staff must set up two-step sign-in before using Alongside.
    public var requireTwoStep: Bool
    /// The council has chosen to share its (disclosure-controlled) figures with the Network.
    public var sharesWithNetwork: Bool
    /// What the council invests in Local Area Coordination a year, in pence, for the SROI ratio the
    /// Network compares. Nil until the council says.
    public var annualInvestmentPence: Int?
    /// The languages its pages offer: English always, Cymraeg beside it for a council in Wales.
    public var languages: [Language]
    /// Goes up each time the council changes its own reviewed wording, so servers know to reload it.
    public var wordingVersion: Int

    public init(
        id: ID, slug: String, name: String, noContactDays: Int = 28, retentionLevel1Years: Int = 2,
        retentionLevel2Years: Int = 8, requireTwoStep: Bool = false, sharesWithNetwork: Bool = false,
        annualInvestmentPence: Int? = nil, languages: [Language] = [.english], wordingVersion: Int = 0
    ) {
        self.languages = languages
        self.wordingVersion = wordingVersion
        self.id = id
        self.slug = slug
        self.name = name
        self.noContactDays = noContactDays
        self.retentionLevel1Years = retentionLevel1Years
        self.retentionLevel2Years = retentionLevel2Years
        self.requireTwoStep = requireTwoStep
        self.sharesWithNetwork = sharesWithNetwork
        self.annualInvestmentPence = annualInvestmentPence
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

extension Council {
    /// How residents reach the council's Local Area Coordination team, shown on its public pages (the
    /// thank-you page after an introduction): the team's phone number and when it answers, and the
    /// council's out-of-hours line for urgent help when the team is closed. Each may be empty (not shown).
    public struct PublicContact: Hashable, Sendable, Codable {
        public var phone: String
        public var hours: String
        public var outOfHoursPhone: String
        /// The hours as the council writes them in Welsh, for Welsh readers; empty shows `hours`.
        public var hoursWelsh: String

        public init(phone: String = "", hours: String = "", outOfHoursPhone: String = "", hoursWelsh: String = "") {
            self.phone = phone
            self.hours = hours
            self.outOfHoursPhone = outOfHoursPhone
            self.hoursWelsh = hoursWelsh
        }

        /// The hours for a reader of `language`: the council's Welsh words for a Welsh reader when it wrote
        /// them, else the hours as typed.
        public func hours(in language: Language) -> String {
            language == .welsh && !hoursWelsh.isEmpty ? hoursWelsh : hours
        }

        public static let phoneLimit = 30
        public static let hoursLimit = 150

        /// The contact details as typed, checked together: every problem at once, each naming its field.
        /// A phone number has 7 to 15 digits, written with spaces, brackets, hyphens or a leading +; the
        /// hours fit on one line in 150 characters. Surrounding spaces are trimmed; empty means "not given".
        public static func checked(
            phone: String?, hours: String?, outOfHoursPhone: String?, hoursWelsh: String? = nil
        ) -> Result<PublicContact, AlongsideValidation> {
            func trimmed(_ text: String?) -> String { (text ?? "").trimmingCharacters(in: .whitespaces) }
            let contact = PublicContact(
                phone: trimmed(phone), hours: trimmed(hours), outOfHoursPhone: trimmed(outOfHoursPhone),
                hoursWelsh: trimmed(hoursWelsh))
            var problems: [any DomainProblem] = []
            for (field, number) in [("publicPhone", contact.phone), ("outOfHoursPhone", contact.outOfHoursPhone)]
            where !number.isEmpty && !isPhoneNumber(number) {
                problems.append(
                    CouncilProblem.phoneUnusable(field: field))
            }
            for (field, hours) in [("publicHours", contact.hours), ("publicHoursWelsh", contact.hoursWelsh)]
            where hours.count > hoursLimit || !PlainText.isOneLine(hours) {
                problems.append(
                    CouncilProblem.hoursUnusable(field: field, limit: hoursLimit))
            }
            return problems.isEmpty ? .success(contact) : .failure(AlongsideValidation(problems: problems))
        }

        /// A number a resident can dial: 7 to 15 digits, only digits, spaces, brackets and hyphens, with
        /// at most a leading +, in 30 characters or fewer.
        static func isPhoneNumber(_ text: String) -> Bool {
            guard text.count <= phoneLimit else { return false }
            let digits = text.filter { $0.isASCII && $0.isNumber }.count
            guard (7...15).contains(digits) else { return false }
            for (index, character) in text.enumerated() {
                if character.isASCII && character.isNumber { continue }
                if character == "+" && index == 0 { continue }
                if " ()-".contains(character) { continue }
                return false
            }
            return true
        }
    }
}
