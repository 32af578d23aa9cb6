import AlongsideCore
import Vapor

/// The fields of an introduction as posted, by the public page or by staff.
struct IntroductionForm: Content {
    var fullName: String?
    var preferredName: String?
    var dateOfBirth: String?
    var phone: String?
    var email: String?
    var contactPreference: String?
    var preferredLanguage: String?
    var address: String?
    var postcode: String?
    var ownWords: String?
    var household: String?
    var categories: [String]?
    var level: String?
    var who: String?
    var source: String?
    var introducerName: String?
    var introducerContact: String?
    var personKnows: String?
    var whatMatters: String?
    /// The honeypot: people never see it; robots fill it in.
    var website: String?

    func draft(viaPublicPage: Bool) -> IntroductionDraft {
        var draft = IntroductionDraft()
        draft.fullName = fullName ?? ""
        draft.preferredName = preferredName ?? ""
        draft.dateOfBirth = dateOfBirth ?? ""
        draft.phone = phone ?? ""
        draft.email = email ?? ""
        draft.contactPreference = contactPreference.flatMap(ContactPreference.init(rawValue:))
        draft.preferredLanguage = preferredLanguage.flatMap(Language.init(code:))
        draft.address = address ?? ""
        draft.postcode = postcode ?? ""
        draft.ownWords = ownWords ?? ""
        draft.categories = (categories ?? []).compactMap(ReportingCategory.init(rawValue:))
        draft.level = level == "1" ? .one : .two
        if viaPublicPage && who != "someone-else" {
            draft.source = .selfIntroduced
        } else {
            draft.source =
                source.flatMap(IntroductionSource.init(rawValue:)) ?? (viaPublicPage ? .other : .selfIntroduced)
        }
        draft.introducerName = introducerName ?? ""
        draft.introducerContact = introducerContact ?? ""
        draft.personKnows = personKnows == "yes"
        draft.whatMatters = whatMatters ?? ""
        draft.viaPublicPage = viaPublicPage
        return draft
    }
}

extension IntroductionForm {
    /// The public page's answers with fixed choices, as sent: who is being introduced, how the introducer
    /// knows them, how to get in touch and in which language. An answer the page did not offer is a problem
    /// to put right, never quietly changed into another.
    var publicChoiceProblems: [any DomainProblem] {
        var problems: [any DomainProblem] = []
        if let who, who != "me", who != "someone-else" {
            problems.append(RequestProblem.introducerMissing)
        }
        if who == "someone-else", let source, !source.isEmpty,
            IntroductionSource(rawValue: source) == nil || source == IntroductionSource.selfIntroduced.rawValue
        {
            problems.append(RequestProblem.sourceMissing)
        }
        return problems
            + IntroductionDraft.choiceProblems(
                contactPreference: contactPreference, preferredLanguage: preferredLanguage, categories: nil,
                household: nil)
    }
}

/// Options for the form's select boxes and checkboxes, with what was chosen.
struct ChoiceOption: Encodable {
    let value: String
    let label: String
    let selected: Bool
}

extension IntroductionForm {
    func sourceOptions(includeSelf: Bool) -> [ChoiceOption] {
        IntroductionSource.allCases.filter { includeSelf || $0 != .selfIntroduced }.map {
            ChoiceOption(value: $0.rawValue, label: $0.label, selected: source == $0.rawValue)
        }
    }

    var contactOptions: [ChoiceOption] {
        [
            ChoiceOption(
                value: "", label: Wording.current("introduce.form.no-preference"),
                selected: (contactPreference ?? "").isEmpty)
        ]
            + ContactPreference.allCases.map {
                ChoiceOption(value: $0.rawValue, label: $0.label, selected: contactPreference == $0.rawValue)
            }
    }

    /// The languages the council offers, to say which one to be contacted in; none when it offers only
    /// English. The public page starts on the language it is read in; staff forms on "not said".
    func languageOptions(notSaid: Bool) -> [ChoiceOption] {
        let wording = Wording.current
        guard wording.offered.count > 1 else { return [] }
        let chosen = preferredLanguage ?? (notSaid ? "" : wording.language.rawValue)
        let languages = wording.offered.map {
            ChoiceOption(value: $0.rawValue, label: wording("language.\($0.rawValue)"), selected: chosen == $0.rawValue)
        }
        guard notSaid else { return languages }
        return [ChoiceOption(value: "", label: wording("language.not-said"), selected: chosen.isEmpty)] + languages
    }

    var categoryOptions: [ChoiceOption] {
        ReportingCategory.allCases.map {
            ChoiceOption(value: $0.rawValue, label: $0.label, selected: (categories ?? []).contains($0.rawValue))
        }
    }
}

extension IntroductionForm {
    /// The date of birth as typed: its three boxes (`dateOfBirth-day`, `-month`, `-year`), or the single field
    /// API clients and older forms send.
    struct DateOfBirth {
        let typed: DayInput
        /// What is wrong with it, naming the box to correct; nil when it is empty or a real day.
        let problem: FormError?

        /// The field as three boxes, showing what was typed (and the problem) when the form comes back.
        func markup(shown: Bool, errors: [FormError]) -> String {
            DateField(
                id: "dateOfBirth", name: "dateOfBirth",
                legend: Wording.current("introduce.person-fields.date-of-birth"),
                optional: true, iso: nil, posted: shown ? typed.posted(as: "dateOfBirth") : nil, errors: errors
            ).markup.markup
        }
    }

    /// Reads the date of birth from the request and puts it in the form as yyyy-MM-dd for the introduction's
    /// own checks (which then have nothing to add about it), or empty when it is wrong: the problem says which
    /// box, as on the record's forms.
    mutating func readDateOfBirth(_ req: Request) -> DateOfBirth {
        let typed = req.typedDay("dateOfBirth")
        var problems = FormProblems()
        let born = problems.day(typed, field: "dateOfBirth", required: false, latest: ISODay.string(req.now))
        dateOfBirth = born ?? ""
        return DateOfBirth(typed: typed, problem: problems.errors.first)
    }
}

extension IntroductionForm {
    /// The form to show again after a refusal, each answer cut to what its field could hold (4,000 characters,
    /// above every field's own limit): what a person typed comes back whole, a robot's megabyte does not.
    func cappedForEcho() -> IntroductionForm {
        func cap(_ text: String?) -> String? { text.map { String($0.prefix(4_000)) } }
        var form = self
        form.fullName = cap(fullName)
        form.preferredName = cap(preferredName)
        form.dateOfBirth = cap(dateOfBirth)
        form.phone = cap(phone)
        form.email = cap(email)
        form.address = cap(address)
        form.postcode = cap(postcode)
        form.ownWords = cap(ownWords)
        form.household = cap(household)
        form.introducerName = cap(introducerName)
        form.introducerContact = cap(introducerContact)
        form.whatMatters = cap(whatMatters)
        form.categories = categories.map { Array($0.prefix(50)) }
        return form
    }
}
