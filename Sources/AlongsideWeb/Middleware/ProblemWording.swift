import AlongsideCore
import Vapor

/// A problem's words: a catalog key and the values for its placeholders, or plain English for the few
/// checks of the JSON API's own fields (English by design, like the rest of the API's field names).
enum ProblemWords: Equatable {
    case catalog(key: String, values: [String])
    case english(String)

    /// The sentence in the reader's language.
    var text: String {
        switch self {
        case .catalog(let key, let values): Wording.current.text(key, values)
        case .english(let text): text
        }
    }
}

/// A problem the web layer can word. Every `DomainProblem` type has one `switch` giving each case its
/// words (`ProblemWording+Domain.swift`), so a new case does not compile until it is worded.
protocol WordedProblem: DomainProblem {
    var words: ProblemWords { get }
}

extension WordedProblem {
    func wording(_ key: String, _ values: any CustomStringConvertible...) -> ProblemWords {
        .catalog(key: key, values: values.map(\.description))
    }

    func english(_ text: String) -> ProblemWords { .english(text) }
}

/// The one mapping from a problem to what a person is told: its sentence and its HTTP status. The error
/// middleware, the API and every form use it.
enum ProblemWording {
    static func words(_ problem: any DomainProblem) -> ProblemWords {
        // Every problem type is worded (ProblemWordingTests checks each); this is never reached.
        (problem as? any WordedProblem)?.words
            ?? .catalog(key: "site.error.something-went-wrong-on-our-side", values: [])
    }

    static func status(_ kind: ProblemKind) -> HTTPStatus {
        switch kind {
        case .invalid: .unprocessableEntity
        case .conflict: .conflict
        case .notFound: .notFound
        }
    }
}

extension DomainProblem {
    /// The sentence for the person who hit it, in their language.
    var message: String { ProblemWording.words(self).text }
}

extension AlongsideError {
    /// A plain sentence for the person who hit it.
    var message: String {
        switch self {
        case .notFound(let kind): Wording.current("site.error.we-could-not-find-that", kind.name)
        case .forbidden: Wording.current("site.error.your-role-does-not-allow-this")
        case .tooManyAttempts(let minutes): Wording.current("site.error.too-many-attempts-to-sign-in", minutes)
        }
    }
}

extension RecordKind {
    /// The record's name in the reader's language. Kinds the catalog has no name for yet are named in
    /// English in every language, as they always have been.
    var name: String {
        switch self {
        case .account: Wording.current("thing.account")
        case .communityResource: Wording.current("thing.community-resource")
        case .connection: Wording.current("thing.connection")
        case .consent: Wording.current("thing.consent")
        case .conversation: Wording.current("thing.conversation")
        case .coordinator: Wording.current("thing.coordinator")
        case .council: Wording.current("thing.council")
        case .groupOrActivity: Wording.current("thing.group-or-activity")
        case .helpRequest: Wording.current("thing.request-for-help")
        case .language: Wording.current("thing.language")
        case .merge: Wording.current("thing.merge")
        case .organization: Wording.current("thing.organization")
        case .person: Wording.current("thing.person")
        case .practiceItem: Wording.current("thing.practice-library-item")
        case .programme: Wording.current("thing.programme")
        case .report: Wording.current("thing.report")
        case .resource: Wording.current("thing.resource")
        case .service: Wording.current("thing.service")
        case .step: Wording.current("thing.step")
        case .story: Wording.current("thing.story")
        case .volunteer: Wording.current("thing.volunteer")
        case .ward: Wording.current("thing.ward")
        case .entry: "entry"
        case .openAPIDocument: "OpenAPI document"
        case .proxy: "proxy"
        case .request: "request"
        case .serviceAtLocation: "service at location"
        case .staffMember: "member of staff"
        case .taxonomy: "taxonomy"
        case .taxonomyTerm: "taxonomy term"
        case .unreadableID: "record (ids are UUIDs)"
        }
    }
}

extension PeriodProblem: WordedProblem {
    var words: ProblemWords { .catalog(key: messageKey, values: []) }
}

extension FormError {
    /// A problem shown on a form: at its field, in the reader's words.
    init(_ problem: any DomainProblem) {
        self.init(field: problem.field ?? "", message: problem.message)
    }
}

extension DeflatorTable.Problem: WordedProblem {
    var words: ProblemWords {
        switch self {
        case .unreadable(let line): wording("sroi.deflators.problem-line", line)
        case .yearOutOfRange(let line): wording("sroi.deflators.problem-line-year", line)
        case .indexOutOfRange(let line): wording("sroi.deflators.problem-line-index", line)
        case .repeated(let line): wording("sroi.deflators.problem-line-repeated", line)
        case .size: wording("sroi.deflators.problem-rows")
        }
    }
}
