import AlongsideCore

/// What can be wrong with a request itself, before any area's rules see it: a box left empty, a choice not
/// offered, a header that cannot be read. Worded like every `DomainProblem` (`ProblemWording`).
enum RequestProblem: WordedProblem, Equatable {
    case notOneLine(field: String)
    case accessReasonMissing
    case accessReasonTooLong
    case resetNotNow
    case ageNotWholeYears(field: String)
    case oneOffDayUnreadable
    case addressMissing
    case organisationMissing
    case erasureUnconfirmed
    case storyNotSharedHere
    case scopeUnknown
    case modelUnreadable(String)
    case proxyNumbersUnusable(RecordedOutcome.Kind)
    case proxySourceMissing(RecordedOutcome.Kind)
    case lastingUnanswered
    case pageNotANumber
    case duplicateMissing
    case notOneOf(field: String, allowed: [String])
    case closenessUnknown
    case ifMatchUnreadable
    case levelMissing
    case unknownField(field: String, name: String)
    case coordinatorIDUnreadable
    case storyDecisionUnknown
    case stageMissing
    case handoverNoteTooLong
    case coordinatorNotOnList
    case measureMissing
    case volunteerMissing
    case hoursUnusable
    case volunteerStatusUnknown
    case volunteerErasureUnconfirmed
    case travelUnusable
    case checkKindMissing
    case checkExpiryUnreadable
    case introducerMissing
    case sourceMissing
    case level1YearsOutOfRange
    case signInBodyUnreadable
    case tokenScopeUnknown
    case signInRefused
    case twoStepAlreadyOn
    case extensionEndUnreadable
    case programmeMissing
    case defaultCouncilMissing(String)

    var field: String? {
        switch self {
        case .notOneLine(let field): field
        case .ageNotWholeYears(let field): field
        case .proxyNumbersUnusable(let p0): p0.rawValue
        case .proxySourceMissing(let p0): p0.rawValue
        case .notOneOf(let field, _): field
        case .unknownField(let field, _): field
        case .accessReasonMissing, .accessReasonTooLong: "reason"
        case .resetNotNow, .twoStepAlreadyOn, .defaultCouncilMissing: nil
        case .oneOffDayUnreadable: "startsOn"
        case .addressMissing: "address"
        case .organisationMissing: "organisation"
        case .erasureUnconfirmed, .volunteerErasureUnconfirmed: "confirm"
        case .storyNotSharedHere, .checkKindMissing: "kind"
        case .scopeUnknown, .tokenScopeUnknown: "scope"
        case .modelUnreadable: "model"
        case .lastingUnanswered: "connections"
        case .pageNotANumber: "page"
        case .duplicateMissing: "duplicate"
        case .closenessUnknown: "closeness"
        case .ifMatchUnreadable: "If-Match"
        case .levelMissing: "level"
        case .coordinatorIDUnreadable: "coordinatorID"
        case .storyDecisionUnknown: "decision"
        case .stageMissing: "stage"
        case .handoverNoteTooLong: "note"
        case .coordinatorNotOnList: "coordinator"
        case .measureMissing: "measure"
        case .volunteerMissing: "matches"
        case .hoursUnusable: "hours"
        case .volunteerStatusUnknown: "status"
        case .travelUnusable: "travel"
        case .checkExpiryUnreadable: "expiresOn"
        case .introducerMissing: "who"
        case .sourceMissing: "source"
        case .level1YearsOutOfRange: "level1Years"
        case .signInBodyUnreadable: "body"
        case .signInRefused: "email"
        case .extensionEndUnreadable: "extendedTo"
        case .programmeMissing: "programme"
        }
    }

    var kind: ProblemKind {
        switch self {
        case .notOneLine, .accessReasonMissing, .accessReasonTooLong, .ageNotWholeYears, .oneOffDayUnreadable,
            .addressMissing, .organisationMissing, .erasureUnconfirmed, .storyNotSharedHere, .scopeUnknown,
            .modelUnreadable, .proxyNumbersUnusable, .proxySourceMissing, .lastingUnanswered, .pageNotANumber,
            .duplicateMissing, .notOneOf, .closenessUnknown, .ifMatchUnreadable, .levelMissing, .unknownField,
            .coordinatorIDUnreadable, .storyDecisionUnknown, .stageMissing, .handoverNoteTooLong, .coordinatorNotOnList,
            .measureMissing, .volunteerMissing, .hoursUnusable, .volunteerStatusUnknown, .volunteerErasureUnconfirmed,
            .travelUnusable, .checkKindMissing, .checkExpiryUnreadable, .introducerMissing, .sourceMissing,
            .level1YearsOutOfRange, .signInBodyUnreadable, .tokenScopeUnknown, .signInRefused, .extensionEndUnreadable,
            .programmeMissing:
            .invalid
        case .resetNotNow, .twoStepAlreadyOn: .conflict
        case .defaultCouncilMissing: .notFound
        }
    }

    var words: ProblemWords {
        switch self {
        case .notOneLine(let field): wording("site.error.field-on-one-line", field)
        case .accessReasonMissing: wording("people.page.say-why-you-need-to-open")
        case .accessReasonTooLong: wording("people.page.keep-the-reason-short")
        case .resetNotNow: wording("staff.reset.not-now")
        case .ageNotWholeYears: wording("community.page.enter-an-age-in-whole-years")
        case .oneOffDayUnreadable: wording("community.page.enter-the-date-as-day-month")
        case .addressMissing: wording("community.page.enter-the-street-address-and-town")
        case .organisationMissing: wording("community.page.choose-who-runs-it-or-type")
        case .erasureUnconfirmed: wording("rights.page.tick-the-box-to-confirm-erasing")
        case .storyNotSharedHere: wording("network.page.stories-are-shared-from-the-stories")
        case .scopeUnknown: wording("sroi.page.problem-scope")
        case .modelUnreadable(let p0): wording("api.message.the-model-could-not-be-read", p0)
        case .proxyNumbersUnusable(let p0): wording("sroi.proxies.problem-numbers", p0.label)
        case .proxySourceMissing(let p0): wording("sroi.proxies.problem-source", p0.label)
        case .lastingUnanswered: wording("people.page.say-whether-it-is-still-going")
        case .pageNotANumber: wording("people.caseload.page-must-be-a-number")
        case .duplicateMissing: wording("people.page.choose-the-record-to-merge")
        case .notOneOf(let field, let allowed): english("\(field) must be one of \(allowed.joined(separator: ", ")).")
        case .closenessUnknown: english("closeness must be 1 (very close), 2 or 3 (further away).")
        case .ifMatchUnreadable: wording("api.message.if-match-names-a-version")
        case .levelMissing: wording("people.level.choose")
        case .unknownField(_, let name): wording("people.merge.unknown-field", name)
        case .coordinatorIDUnreadable: wording("api.message.give-a-coordinators-id-or-null")
        case .storyDecisionUnknown: wording("api.message.story-decision")
        case .stageMissing: wording("people.page.choose-a-stage")
        case .handoverNoteTooLong: wording("people.handover.note-too-long")
        case .coordinatorNotOnList: wording("people.page.choose-a-coordinator-from-the-list")
        case .measureMissing: wording("people.page.choose-a-measure")
        case .volunteerMissing: wording("good-neighbours.page.choose-a-volunteer-to-offer-it")
        case .hoursUnusable: wording("good-neighbours.page.enter-the-time-given-in-hours")
        case .volunteerStatusUnknown: wording("good-neighbours.page.choose-status")
        case .volunteerErasureUnconfirmed: wording("good-neighbours.page.confirm-erasure")
        case .travelUnusable: wording("good-neighbours.page.say-how-far-they-will-go")
        case .checkKindMissing: wording("good-neighbours.page.choose-the-kind-of-check")
        case .checkExpiryUnreadable: wording("good-neighbours.page.enter-the-day-it-expires-like")
        case .introducerMissing: wording("introduce.error.choose-who")
        case .sourceMissing: wording("introduce.error.choose-how-you-know-them")
        case .level1YearsOutOfRange: wording("wards.page.enter-whole-years-1-to-10")
        case .signInBodyUnreadable: wording("api.message.send-json-with-email-and-password")
        case .tokenScopeUnknown: english("scope is read or read-write.")
        case .signInRefused: wording("sign-in.message.the-email-address-or-password-is")
        case .twoStepAlreadyOn: wording("sign-in.message.two-step-is-already-on")
        case .extensionEndUnreadable: wording("programmes.page.enter-the-extensions-end-date-as")
        case .programmeMissing: wording("programmes.page.choose-a-programme")
        case .defaultCouncilMissing(let p0):
            wording("site.error.we-could-not-find-that", "council (ALONGSIDE_DEFAULT_COUNCIL=\(p0))")
        }
    }
}
