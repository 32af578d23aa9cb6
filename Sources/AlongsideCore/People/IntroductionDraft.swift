import Foundation

/// What an introduction says, from the public page or from a member of staff, before it is checked.
public struct IntroductionDraft: Sendable, Equatable {
    public var fullName = ""
    public var preferredName = ""
    public var dateOfBirth = ""
    public var phone = ""
    public var email = ""
    public var contactPreference: ContactPreference? = nil
    public var preferredLanguage: Language? = nil
    public var address = ""
    public var postcode = ""
    public var ownWords = ""
    public var categories: [ReportingCategory] = []
    public var level: SupportLevel = .two
    public var source: IntroductionSource = .selfIntroduced
    public var introducerName = ""
    public var introducerContact = ""
    /// When someone else introduces a person, the person must know about it.
    public var personKnows = false
    public var whatMatters = ""
    public var viaPublicPage = false

    public init() {}

    public static let limits: [String: Int] = [
        "fullName": 120, "preferredName": 60, "phone": 30, "email": 254, "address": 300, "postcode": 10,
        "ownWords": 500, "introducerName": 120, "introducerContact": 200, "whatMatters": 2000,
    ]

    /// The checked introduction, or every problem found, each naming its field. `today` (the app's clock)
    /// is the last day a date of birth may be.
    public func validated(today: Date) -> Result<Validated, AlongsideValidation> {
        var problems: [any DomainProblem] = []
        func trimmed(_ value: String) -> String { value.trimmingCharacters(in: .whitespacesAndNewlines) }
        let values: [String: String] = [
            "fullName": trimmed(fullName), "preferredName": trimmed(preferredName), "phone": trimmed(phone),
            "email": trimmed(email), "address": trimmed(address), "postcode": trimmed(postcode),
            "ownWords": trimmed(ownWords), "introducerName": trimmed(introducerName),
            "introducerContact": trimmed(introducerContact), "whatMatters": trimmed(whatMatters),
        ]
        if values["fullName", default: ""].isEmpty {
            problems.append(
                IntroductionProblem.nameMissing)
        }
        var dob: String? = nil
        if !trimmed(dateOfBirth).isEmpty {
            dob = Person.isoDate(dateOfBirth)
            if dob == nil {
                problems.append(
                    IntroductionProblem.dateOfBirthUnreadable)
            } else if let born = dob, born > ISODay.string(today) {
                // A date of birth cannot be after today (told apart from a mistyped year).
                problems.append(
                    IntroductionProblem.dateOfBirthInFuture)
                dob = nil
            }
        }
        let email = values["email", default: ""]
        if !email.isEmpty && !StaffMember.isPlausibleEmail(email) {
            problems.append(
                IntroductionProblem.emailUnusable)
        }
        let phone = values["phone", default: ""]
        if !phone.isEmpty && Person.normalisedPhone(phone).count < 7 {
            problems.append(
                IntroductionProblem.phoneUnusable)
        }
        var postcode: Postcode? = nil
        if !values["postcode", default: ""].isEmpty {
            postcode = Postcode(values["postcode", default: ""])
            if postcode == nil {
                problems.append(
                    IntroductionProblem.postcodeUnusable)
            }
        }
        if level == .two && phone.isEmpty && email.isEmpty && values["address", default: ""].isEmpty {
            problems.append(
                IntroductionProblem.noWayToReach
            )
        }
        if source != .selfIntroduced && viaPublicPage {
            if values["introducerName", default: ""].isEmpty {
                problems.append(
                    IntroductionProblem.introducerNameMissing)
            }
            if !personKnows {
                problems.append(
                    IntroductionProblem.personKnowsUnchecked)
            }
        }
        let raw: [String: String] = [
            "fullName": fullName, "preferredName": preferredName, "phone": phone, "email": email,
            "postcode": self.postcode, "introducerName": introducerName, "introducerContact": introducerContact,
            "dateOfBirth": dateOfBirth,
        ]
        for (field, text) in raw.sorted(by: { $0.key < $1.key }) where !PlainText.isOneLine(text) {
            problems.append(
                IntroductionProblem.notOneLine(field: field))
        }
        for (field, text) in [("address", address), ("ownWords", ownWords), ("whatMatters", whatMatters)]
        where !PlainText.isText(text) {
            problems.append(
                IntroductionProblem.controlCharacters(field: field))
        }
        for (field, limit) in Self.limits where values[field, default: ""].count > limit {
            problems.append(
                IntroductionProblem.tooLong(field: field, limit: limit))
        }
        if !problems.isEmpty { return .failure(AlongsideValidation(problems: problems)) }
        return .success(
            Validated(
                fullName: values["fullName", default: ""], preferredName: values["preferredName", default: ""],
                dateOfBirth: dob, phone: phone, email: email.lowercased(), contactPreference: contactPreference,
                preferredLanguage: preferredLanguage,
                address: values["address", default: ""], postcode: postcode, ownWords: values["ownWords", default: ""],
                categories: categories, level: level, source: source,
                introducerName: source == .selfIntroduced ? "" : values["introducerName", default: ""],
                introducerContact: source == .selfIntroduced ? "" : values["introducerContact", default: ""],
                whatMatters: values["whatMatters", default: ""], viaPublicPage: viaPublicPage))
    }

    public struct Validated: Sendable, Equatable {
        public let fullName: String
        public let preferredName: String
        public let dateOfBirth: String?
        public let phone: String
        public let email: String
        public let contactPreference: ContactPreference?
        public let preferredLanguage: Language?
        public let address: String
        public let postcode: Postcode?
        public let ownWords: String
        public let categories: [ReportingCategory]
        public let level: SupportLevel
        public let source: IntroductionSource
        public let introducerName: String
        public let introducerContact: String
        public let whatMatters: String
        public let viaPublicPage: Bool

        public var candidate: DuplicateCheck.Candidate {
            DuplicateCheck.Candidate(
                fullName: fullName, dateOfBirth: dateOfBirth, phone: phone, email: email,
                postcode: postcode?.value ?? "")
        }
    }
}

/// Several fields were wrong; each problem names its field.
extension IntroductionDraft {
    /// The answers a form or a client gave for the questions with fixed answers (how to get in touch, the
    /// language, what the service reports on) and the household's length, checked as given: an answer that
    /// is not one of those offered is a problem, never quietly dropped.
    public static func choiceProblems(
        contactPreference: String?, preferredLanguage: String?, categories: [String]?, household: String?
    ) -> [any DomainProblem] {
        var problems: [any DomainProblem] = []
        func offered(_ field: String, _ label: String) {
            problems.append(
                IntroductionProblem.notOnTheList(field: field, label: label))
        }
        if let value = contactPreference, !value.isEmpty, ContactPreference(rawValue: value) == nil {
            offered("contactPreference", PersonMerge.Field.contactPreference.label)
        }
        if let value = preferredLanguage, !value.isEmpty, Language(code: value) == nil {
            offered("preferredLanguage", PersonMerge.Field.preferredLanguage.label)
        }
        if let values = categories, values.contains(where: { ReportingCategory(rawValue: $0) == nil }) {
            offered("categories", Wording.current("people.correction.field.categories"))
        }
        if let household, household.count > 300 {
            problems.append(
                IntroductionProblem.householdTooLong)
        }
        return problems
    }
}

extension Person {
    /// The person with their details changed as `draft` says, their journey as it is: the draft and the
    /// answers given for the questions with fixed answers (`contactPreference`, `preferredLanguage`,
    /// `categories`, as sent) checked together, every problem at once. The page and the API both change
    /// details through this.
    public func changingDetails(
        _ draft: IntroductionDraft, household: String, contactPreference: String?, preferredLanguage: String?,
        categories: [String]?, today: Date
    ) throws -> Person {
        var draft = draft
        draft.level = level
        draft.source = .selfIntroduced
        let choices = IntroductionDraft.choiceProblems(
            contactPreference: contactPreference, preferredLanguage: preferredLanguage, categories: categories,
            household: household)
        let valid: IntroductionDraft.Validated
        switch draft.validated(today: today) {
        case .failure(let validation): throw AlongsideValidation(problems: validation.problems + choices)
        case .success(let checked):
            if !choices.isEmpty { throw AlongsideValidation(problems: choices) }
            valid = checked
        }
        var changed = self
        changed.fullName = valid.fullName
        changed.preferredName = valid.preferredName
        changed.dateOfBirth = valid.dateOfBirth
        changed.phone = valid.phone
        changed.email = valid.email
        changed.contactPreference = valid.contactPreference
        changed.preferredLanguage = valid.preferredLanguage
        changed.address = valid.address
        changed.postcode = valid.postcode?.value ?? ""
        changed.household = household
        changed.ownWords = valid.ownWords
        changed.categories = valid.categories
        return changed
    }
}
