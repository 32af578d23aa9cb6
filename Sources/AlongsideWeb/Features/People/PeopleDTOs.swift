import AlongsideCore
import AlongsideStore
import Vapor

/// JSON shapes of the people API. Described in Resources/openapi.json.
enum PeopleAPI {
    /// A person. Contact details (date of birth, phone, email, address, household, their own words) are
    /// given only where the caller may see them without opening the record: on their own caseload, or
    /// opening the record itself (audited). Lists and searches give the rest a summary, as the pages do:
    /// name, stage, level, postcode, ward and coordinator, with `detailsShown` false.
    struct PersonDTO: Content {
        let id: String
        let fullName: String
        let preferredName: String
        let detailsShown: Bool
        /// The record was erased: its name and details are empty (the API gives no words in their place).
        let erased: Bool
        let dateOfBirth: String?
        let phone: String?
        let email: String?
        let contactPreference: String?
        let preferredLanguage: String?
        let address: String?
        let postcode: String
        let wardID: String?
        let household: String?
        let ownWords: String?
        let categories: [String]
        let level: Int
        let stage: String
        let endReason: String?
        let coordinatorID: String?
        let queueReason: String?
        let createdAt: Date
        let lastContactAt: Date?
        let nextStepDue: String?
        /// The record's version, on a single record (also its `ETag`): send it back as `If-Match` with a
        /// change, so a record changed since is not overwritten.
        let version: Int?

        init(_ person: Person) { self.init(person, details: true, version: true) }

        init(_ person: Person, details: Bool, version withVersion: Bool = false) {
            version = withVersion ? person.version : nil
            id = person.id.description
            fullName = person.fullName
            preferredName = person.preferredName
            detailsShown = details
            erased = person.isErased
            dateOfBirth = details ? person.dateOfBirth : nil
            phone = details ? person.phone : nil
            email = details ? person.email : nil
            contactPreference = details ? person.contactPreference?.rawValue : nil
            preferredLanguage = details ? person.preferredLanguage?.rawValue : nil
            address = details ? person.address : nil
            postcode = person.postcode
            wardID = person.wardID?.description
            household = details ? person.household : nil
            ownWords = details ? person.ownWords : nil
            categories = person.categories.map(\.rawValue)
            level = person.level.rawValue
            stage = person.stage.rawValue
            endReason = person.endReason?.rawValue
            coordinatorID = person.coordinatorID?.description
            queueReason = person.queueReason
            createdAt = person.createdAt
            lastContactAt = person.lastContactAt
            nextStepDue = person.nextStepDue
        }

        /// As a list or a search shows the person to `staff`: in full on their own caseload, else a summary.
        static func listed(_ person: Person, for staff: SignedInStaff) -> PersonDTO {
            PersonDTO(person, details: person.coordinatorID == staff.member.id)
        }
    }

    struct IntroductionRequest: Content {
        var fullName: String
        var preferredName: String?
        var dateOfBirth: String?
        var phone: String?
        var email: String?
        var contactPreference: String?
        var preferredLanguage: String?
        var address: String?
        var postcode: String?
        var ownWords: String?
        var categories: [String]?
        var level: Int?
        var source: String?
        var introducerName: String?
        var introducerContact: String?
        var whatMatters: String?

        /// The same reading of an introduction as the staff form's.
        var draft: IntroductionDraft {
            var form = IntroductionForm()
            form.fullName = fullName
            form.preferredName = preferredName
            form.dateOfBirth = dateOfBirth
            form.phone = phone
            form.email = email
            form.contactPreference = contactPreference
            form.preferredLanguage = preferredLanguage
            form.address = address
            form.postcode = postcode
            form.ownWords = ownWords
            form.categories = categories
            form.level = level.map(String.init)
            form.source = source
            form.introducerName = introducerName
            form.introducerContact = introducerContact
            form.whatMatters = whatMatters
            return form.draft(viaPublicPage: false)
        }
    }

    struct RouteDTO: Content {
        let coordinatorID: String?
        let wardID: String?
        let queueReason: String?

        init(_ route: IntroductionRoute) {
            switch route {
            case .coordinator(let id, let ward):
                coordinatorID = id.description
                wardID = ward.id.description
                queueReason = nil
            case .teamLeaderQueue(let reason, let ward):
                coordinatorID = nil
                wardID = ward?.id.description
                queueReason = reason.rawValue
            }
        }
    }

    struct MatchDTO: Content {
        let id: String
        let fullName: String
        let reasons: [String]
    }

    struct IntroductionResponse: Content {
        let person: PersonDTO
        let route: RouteDTO
        let likelyDuplicates: [MatchDTO]
    }

    struct ConversationDTO: Content {
        let id: String
        let staffID: String
        let staffName: String
        let happenedOn: String
        let minutes: Int?
        let place: String
        let whoWasThere: String
        let notes: String
        let level: Int
        let about: String
        let shared: String
        /// Goes up with each correction; send it back as `If-Match` when correcting.
        let version: Int

        init(_ conversation: Conversation) {
            version = conversation.version
            id = conversation.id.description
            staffID = conversation.staffID.description
            staffName = conversation.staffName
            happenedOn = conversation.happenedOn
            minutes = conversation.minutes
            place = conversation.place.rawValue
            whoWasThere = conversation.whoWasThere
            notes = conversation.notes
            level = conversation.level.rawValue
            about = conversation.about
            shared = conversation.shared
        }
    }

    /// A change of a person's details: only the fields sent change.
    struct DetailsRequest: Content {
        var fullName: String?
        var preferredName: String?
        var dateOfBirth: String?
        var phone: String?
        var email: String?
        var contactPreference: String?
        var preferredLanguage: String?
        var address: String?
        var postcode: String?
        var household: String?
        var ownWords: String?
        var categories: [String]?
        var reason: String?
    }

    struct CorrectionRequest: Content {
        var happenedOn: String?
        var minutes: Int?
        var place: String?
        var whoWasThere: String?
        var notes: String?
        var reason: String?
    }

    /// An entry on a record as a correction sees it: the values it may change (days as yyyy-MM-dd, "" when
    /// empty) and its version, for `If-Match`.
    struct EntryDTO: Content {
        let id: String
        let entry: String
        let version: Int
        let values: [String: String]

        init(entry: Correction.Entry, state: EntryState) {
            id = state.id.uuidString
            self.entry = entry.rawValue
            version = state.version
            let fields = RecordEntry.of(entry)?.fields.map(\.name) ?? []
            values = state.values.filter { fields.contains($0.key) }
        }
    }

    struct StoryDTO: Content {
        let id: String
        let title: String
        let body: String
        /// awaiting-approval, approved, withdrawn, sent-back or rejected.
        let status: String
        let reviewNote: String?
        let writtenAt: Date

        init(_ story: Story) {
            id = story.id.description
            title = story.title
            body = story.body
            status = story.status.rawValue
            reviewNote = story.reviewNote
            writtenAt = story.writtenAt
        }
    }

    struct StoryChange: Content {
        var title: String?
        var body: String?
    }

    struct StoryReview: Content {
        /// What a team leader decides of a story awaiting approval.
        enum Decision: String {
            case approve
            case sendBack = "send-back"
            case reject
        }

        /// approve, send-back or reject.
        var decision: String
        /// What to change (send-back) or why it is not used (reject).
        var note: String?
    }

    struct HelpRequestDTO: Content {
        let id: String
        let kind: String
        let details: String
        let neededOn: String
        /// open, offered, accepted, completed or cancelled.
        let status: String

        init(_ request: HelpRequest) {
            id = request.id.description
            kind = request.kind.rawValue
            details = request.details
            neededOn = request.neededOn
            status = request.status.rawValue
        }
    }

    struct HelpRequestChange: Content {
        var details: String?
        var neededOn: String?
    }

    struct StrikeRequest: Content {
        var reason: String
    }

    struct LevelRequest: Content {
        var level: Int
    }

    struct ConversationRequest: Content {
        var happenedOn: String
        var minutes: Int?
        var place: String?
        var whoWasThere: String?
        var notes: String?
    }

    struct StepDTO: Content {
        let id: String
        let what: String
        let who: String
        let dueOn: String?
        let doneAt: Date?

        init(_ step: Step) {
            id = step.id.description
            what = step.what
            who = step.who
            dueOn = step.dueOn
            doneAt = step.doneAt
        }
    }

    struct StepRequest: Content {
        var what: String
        var who: String?
        var dueOn: String?
    }

    struct StepUpdate: Content {
        var done: Bool
    }

    struct RelationshipDTO: Content {
        let id: String
        let name: String
        let kind: String
        let closeness: Int
        let note: String
        let addedAt: Date

        init(_ person: PersonInLife) {
            id = person.id.description
            name = person.name
            kind = person.kind.rawValue
            closeness = person.closeness.rawValue
            note = person.note
            addedAt = person.addedAt
        }
    }

    struct RelationshipRequest: Content {
        var name: String
        var kind: String
        var closeness: Int
        var note: String?
    }

    struct VisionDTO: Content {
        var vision: String
        var strengths: String
        var giftsAndInterests: String
        var whatMatters: String
        /// Its version (on reading): send it back as `If-Match` when saving.
        var version: Int? = nil
    }

    struct StageRequest: Content {
        var stage: String
        var reason: String?
    }

    struct CoordinatorRequest: Content {
        var coordinatorID: String?
    }

    struct MergeRequest: Content {
        var duplicateID: String
        /// The details to take from the duplicate (`fullName`, `phone`, `address` …); the kept record's
        /// own otherwise, with anything empty on it filled from the duplicate.
        var take: [String]?
    }

    struct EventDTO: Content {
        let at: Date
        let staffName: String
        let summary: String
    }

    struct IntroductionDTO: Content {
        let id: String
        let source: String
        let introducerName: String
        let whatMatters: String
        let receivedAt: Date
        let viaPublicPage: Bool
        let routeNote: String
    }

    struct PersonDetail: Content {
        let person: PersonDTO
        let vision: VisionDTO
        let steps: [StepDTO]
        let relationships: [RelationshipDTO]
        let introductions: [IntroductionDTO]
        let history: [EventDTO]

        /// The parts of the record the API's record shows.
        static let parts: PersonRecord.Parts = [.vision, .steps, .peopleInLife, .introductions, .journey]

        /// From the record read once (`parts`); it reads nothing.
        init(_ record: PersonRecord) {
            let vision = record.vision
            person = .init(record.person)
            self.vision = .init(
                vision: vision.vision, strengths: vision.strengths, giftsAndInterests: vision.giftsAndInterests,
                whatMatters: vision.whatMatters, version: vision.version)
            steps = record.steps.map(StepDTO.init)
            relationships = record.peopleInLife.map(RelationshipDTO.init)
            introductions = record.introductions.map {
                .init(
                    id: $0.id.description, source: $0.source.rawValue, introducerName: $0.introducerName,
                    whatMatters: $0.whatMatters, receivedAt: $0.receivedAt, viaPublicPage: $0.viaPublicPage,
                    routeNote: IntroductionRoute.describe(note: $0.routeNote))
            }
            history = record.history.map { .init(at: $0.at, staffName: $0.staffName, summary: $0.summary) }
        }
    }

    struct List<Item: Content>: Content {
        let items: [Item]
    }
}

extension Paged: Content, RequestDecodable, ResponseEncodable, AsyncRequestDecodable, AsyncResponseEncodable
where Item: Content {}

extension PeopleAPI.PersonDTO {
    /// This person as `JSONEncoder` writes them (keys in declaration order, nil fields left out), written
    /// directly: the people list writes 50 of them a request.
    func write(to json: inout JSONBytes) {
        json.key("id", first: true)
        json.string(id)
        json.key("fullName")
        json.string(fullName)
        json.key("preferredName")
        json.string(preferredName)
        json.key("detailsShown")
        json.bool(detailsShown)
        json.key("erased")
        json.bool(erased)
        json.string("dateOfBirth", dateOfBirth)
        json.string("phone", phone)
        json.string("email", email)
        json.string("contactPreference", contactPreference)
        json.string("preferredLanguage", preferredLanguage)
        json.string("address", address)
        json.key("postcode")
        json.string(postcode)
        json.string("wardID", wardID)
        json.string("household", household)
        json.string("ownWords", ownWords)
        json.key("categories")
        json.raw("[")
        for (index, category) in categories.enumerated() {
            if index > 0 { json.raw(",") }
            json.string(category)
        }
        json.raw("]")
        json.key("level")
        json.int(level)
        json.key("stage")
        json.string(stage)
        json.string("endReason", endReason)
        json.string("coordinatorID", coordinatorID)
        json.string("queueReason", queueReason)
        json.key("createdAt")
        json.date(createdAt)
        json.date("lastContactAt", lastContactAt)
        json.string("nextStepDue", nextStepDue)
        json.int("version", version)
    }
}

extension Paged where Item == PeopleAPI.PersonDTO {
    /// The page as the JSON `Encodable` gives (`{"items":[…],"metadata":{…}}`), written directly.
    func json() -> JSONBytes {
        var json = JSONBytes(capacity: 700 * items.count + 100)
        json.raw("{\"items\":[")
        for (index, item) in items.enumerated() {
            if index > 0 { json.raw(",") }
            json.raw("{")
            item.write(to: &json)
            json.raw("}")
        }
        json.raw("],\"metadata\":{")
        json.key("page", first: true)
        json.int(metadata.page)
        json.key("per")
        json.int(metadata.per)
        json.key("total")
        json.int(metadata.total)
        json.key("pageCount")
        json.int(metadata.pageCount)
        json.raw("}}")
        return json
    }

    /// A response of the page's JSON, with the headers Vapor's JSON encoding gives.
    func response() -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(buffer: json().buffer))
    }
}
