import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Everything the person's record page shows.
struct PersonPage: Encodable {
    struct Detail: Encodable {
        let label: String
        let value: String
        /// A link the value opens: `tel:` for a phone number (one tap to call on a phone), `mailto:` for email.
        var href: String? = nil
    }

    struct DuplicateRow: Encodable {
        let id: String
        let name: String
        let href: String
        let reasons: String
        let stage: String
        let comparePath: String
    }

    struct MergeRow: Encodable {
        let name: String
        let summary: String
        /// Only for a team leader, within 30 days of a merge not yet undone.
        let undoPath: String?
    }

    struct StepRow: Encodable {
        let id: String
        let what: String
        let who: String?
        let due: String?
        let done: Bool
        let togglePath: String
        /// The correction forms (markup made in Swift), when this member of staff may correct it.
        let edit: String?
        let corrected: Bool
    }

    struct ConversationRow: Encodable {
        let id: String
        let date: String
        let place: String
        let minutes: Int?
        let whoWasThere: String?
        let notes: String?
        let staffName: String
        let levelOne: Bool
        let about: String?
        let shared: String?
        /// Corrected at least once: the record says so, and its history is below.
        let corrected: Bool
        /// Whoever recorded it and team leaders may correct it or strike it out.
        let canCorrect: Bool
        let correctPath: String
        let strikePath: String
        let version: Int
        /// The form's values: what was posted when this conversation's correction was refused, else as saved.
        let editMinutes: String
        let editWhoWasThere: String
        let editNotes: String
        let editReason: String
        let editPlaces: [ChoiceOption]
        let needsReason: Bool
        /// Its correction form or strike-out form was just refused: open it again.
        let open: Bool
        let strikeOpen: Bool
        /// The correction form's date, as three boxes (markup made in Swift).
        let dateField: String
    }

    struct ProgrammeRow: Encodable {
        let name: String
        let joined: String
        let left: String?
        /// Only while they still belong to it.
        let leavePath: String?
        /// The day they left, as three boxes named for this programme (markup made in Swift).
        let leftOnField: String
        /// Its form was the one refused: open it again.
        let refused: Bool

        /// The name of a programme's "left on" date, unique on the page.
        static func leftOnField(_ id: Programme.ID) -> String { "leftOn-\(id)" }
    }

    struct CorrectionRow: Encodable {
        let date: String
        let staffName: String
        let what: String
        let changes: [String]
        let reason: String?
    }

    struct EventRow: Encodable {
        let date: String
        let summary: String
        let staffName: String
    }

    struct IntroductionRow: Encodable {
        let date: String
        let source: String
        let introducer: String?
        let whatMatters: String?
        let route: String
        let viaPublicPage: Bool
    }

    struct LifeRow: Encodable {
        let name: String
        let kind: String
        let closeness: String
        let note: String?
        let edit: String?
        let corrected: Bool
    }

    /// The good life, with empty parts as nil so templates can leave them out.
    struct VisionView: Encodable {
        let vision: String?
        let strengths: String?
        let giftsAndInterests: String?
        let whatMatters: String?
        let raw: GoodLifeVision

        /// As saved; `form` (what was typed, when a save was refused) fills the form instead.
        init(_ vision: GoodLifeVision, form: GoodLifeVision? = nil) {
            self.vision = vision.vision.nonEmpty
            self.strengths = vision.strengths.nonEmpty
            self.giftsAndInterests = vision.giftsAndInterests.nonEmpty
            self.whatMatters = vision.whatMatters.nonEmpty
            self.raw = form ?? vision
        }
    }

    struct StoryRow: Encodable {
        let id: String
        let title: String
        let body: String
        let status: String
        let reviewNote: String?
        /// Before approval, for whoever wrote it or a team leader.
        let editPath: String?
        let open: Bool
        let editTitle: String
        let editBody: String
    }

    struct MeasureRow: Encodable {
        let date: String
        let kind: String
        let summary: String
        let edit: String?
        let corrected: Bool
    }

    struct OutcomeRow: Encodable {
        let date: String
        let label: String
        let avoided: Bool
        let otherwise: String?
        let confidence: String
        let edit: String?
        let corrected: Bool
    }

    /// One question of a measure form: its field name, text and answer choices (radio buttons, one group each).
    struct Question: Encodable {
        let name: String
        /// The id of the group and of its first answer, which the error summary links to.
        let id: String
        let number: Int
        let text: String
        let options: [Answer]
        /// Why the answer given was refused, or that none was given.
        let error: String?
    }

    struct Answer: Encodable {
        let id: String
        let value: String
        let label: String
        let selected: Bool
    }

    struct MeasureForm: Encodable {
        let kind: String
        let title: String
        let questions: [Question]
        let note: String?
        /// Read in another language while the questions are still as published in English (the council has
        /// not loaded a licensed translation): says so, and where a published version is known.
        let languageNote: String?
        /// This measure's form was just refused: it opens again with the answers given.
        let open: Bool
        let declined: Bool
        /// The day it was taken, as three boxes (markup made in Swift).
        let takenOn: String
        /// The ONS4 scale has eleven answers a question, laid out in a row.
        let scale: Bool
    }

    let page: PageContext
    /// The section the confirmation of a save is shown in (nil: at the top), so it is beside what was saved.
    let noticeIn: NoticeIn
    let noticeAtTop: Bool

    /// Which section of the record holds the confirmation of a save.
    struct NoticeIn: Encodable {
        var conversations = false, goodLife = false, steps = false, theirPeople = false, connections = false
        var wellbeing = false, outcomes = false, story = false, journey = false, consent = false, about = false

        init(_ section: String?) {
            switch section {
            case "conversations": conversations = true
            case "good-life": goodLife = true
            case "steps": steps = true
            case "their-people": theirPeople = true
            case "connections": connections = true
            case "wellbeing": wellbeing = true
            case "outcomes": outcomes = true
            case "story": story = true
            case "journey": journey = true
            case "consent": consent = true
            case "about": about = true
            default: break
            }
        }
    }
    let notice: String?
    let errors: [FormError]
    let fieldErrors: [String: String]
    let posted: [String: String]
    /// The dates of the record's forms, as three boxes each (markup made in Swift), by field.
    let dates: [String: String]
    let paths: Paths
    let id: String
    let name: String
    let calledName: String
    let canLeadTeam: Bool
    let today: String
    /// The record's version the details form was opened on.
    let version: Int
    /// The person's details as form values, for the edit form (what was typed, when it was refused).
    let form: IntroductionForm
    let contactOptions: [ChoiceOption]
    let languageOptions: [ChoiceOption]
    /// The top of the record: who they are, where they are on their journey, and at a glance what a
    /// coordinator needs first on a phone.
    let summary: Summary
    let duplicates: [DuplicateRow]
    let conversations: Conversations
    let vision: VisionView
    let steps: [StepRow]
    /// The people in their life, as a table and as a map of how close each is.
    let theirPeople: TheirPeople
    let community: PersonCommunity
    let wellbeing: Wellbeing
    let outcomes: Outcomes
    let stories: Stories
    /// Their stage, coordinator, level, merges, history, corrections and introductions.
    let journey: Journey
    let rights: PersonRights
    /// Their details, what the service reports them under, and their programmes.
    let about: About

    struct Summary: Encodable {
        let level: String
        let stage: String
        let stageValue: String
        /// "Prefers Welsh", when they have said they prefer a language other than English.
        let prefersLanguage: String?
        let prefersLanguageTag: String?
        let coordinatorName: String?
        let wardName: String?
        let queueReason: String?
        let pastCoordinators: [String]
        /// The record at a glance, at its top: what a coordinator needs first on a phone.
        let glance: Glance
    }

    struct Conversations: Encodable {
        let rows: [ConversationRow]
        /// Conversations after the newest three fold away behind "Show all"; open when one of them is in use.
        let olderOpen: Bool
        let placeOptions: [ChoiceOption]
    }

    struct TheirPeople: Encodable {
        let rows: [LifeRow]
        /// The first name, short enough for the middle of the relationship map.
        let centreLabel: String
        let mapNodes: [RelationshipMap.Node]
        let mapViewBox: String
        let mapSize: Double
        let mapCentre: Double
        let rings: [Double]
        let kindOptions: [ChoiceOption]
        let closenessOptions: [ChoiceOption]
    }

    struct Wellbeing: Encodable {
        let rows: [MeasureRow]
        let forms: [MeasureForm]
    }

    struct Outcomes: Encodable {
        let rows: [OutcomeRow]
        let kindOptions: [ChoiceOption]
        let avoidedOptions: [ChoiceOption]
        let confidenceOptions: [ChoiceOption]
    }

    struct Stories: Encodable {
        let rows: [StoryRow]
        let consentWording: String
        let path: String
    }

    struct Journey: Encodable {
        let stageOptions: [ChoiceOption]
        let endReasonOptions: [ChoiceOption]
        let coordinatorOptions: [ChoiceOption]
        /// Level 1: offer to walk alongside; Level 2: offer to go back to light touch.
        let levelOne: Bool
        let levelPath: String
        /// For a team leader: the ward's named coordinator, when the person's ward has one who is not theirs.
        let wardHandover: ChoiceOption?
        let merges: [MergeRow]
        let history: [EventRow]
        let corrections: [CorrectionRow]
        let introductions: [IntroductionRow]
    }

    struct About: Encodable {
        let details: [Detail]
        let categories: [String]
        let categoryOptions: [ChoiceOption]
        let programmes: [ProgrammeRow]
        let programmeOptions: [ChoiceOption]
        let joinProgrammePath: String
    }

    struct Glance: Encodable {
        let lastContact: String
        let nextStep: String?
        let nextStepOverdue: Bool
        let phone: String?
        let phoneHref: String?
        /// Their good-life vision in a line.
        let vision: String?
    }

    struct Paths: Encodable {
        let conversations: String
        let vision: String
        let steps: String
        let people: String
        let stage: String
        let coordinator: String
        let merge: String
        let details: String
        let measures: String
        let outcomes: String
        let export: String
    }

    /// The questions of a measure, in order, as the form asks them.
    static func questionTexts(_ kind: MeasureKind) -> [String] {
        switch kind {
        case .swemwbs: SWEMWBS.items
        case .ons4: ONS4.Question.allCases.map(\.text)
        case .ucla3: UCLA3.items
        }
    }

    /// The three measure forms, each question a group of radio buttons; the form just refused (its kind in
    /// `posted["measureKind"]`) comes back open with the answers given chosen and the missing ones named.
    static func measureForms(posted: [String: String], errors: [FormError], today: String) -> [MeasureForm] {
        let forms: [(MeasureKind, String, [(String, String)], String?)] = [
            (
                .swemwbs, Wording.current("people.measure.title.swemwbs"),
                SWEMWBS.answers.enumerated().map { (String($0.offset + 1), $0.element) }, SWEMWBS.copyright
            ),
            (
                .ons4, Wording.current("people.measure.title.ons4"), (0...10).map { (String($0), String($0)) },
                Wording.current("people.page.the-four-answers-are-kept-separately")
            ),
            (
                .ucla3, Wording.current("people.measure.title.ucla3"),
                UCLA3.answers.enumerated().map { (String($0.offset + 1), $0.element) }, nil
            ),
        ]
        let english = Wording(catalog: Wording.current.catalog, language: .english)
        return forms.map { kind, title, answers, note in
            let refused = posted["measureKind"] == kind.rawValue
            let asPublished =
                Wording.current.language != .english
                && zip(questionTexts(kind), Wording.$chosen.withValue(english) { questionTexts(kind) }).contains {
                    $0 == $1
                }
            let messages = refused ? errors.byField : [:]
            return MeasureForm(
                kind: kind.rawValue, title: title,
                questions: questionTexts(kind).enumerated().map { index, text in
                    let name = "a\(index + 1)"
                    let id = "\(kind.rawValue)-\(name)"
                    return Question(
                        name: name, id: id, number: index + 1, text: text,
                        options: answers.enumerated().map { position, answer in
                            Answer(
                                id: position == 0 ? id : "\(id)-\(answer.0)", value: answer.0, label: answer.1,
                                selected: refused && posted[name] == answer.0)
                        }, error: messages[id])
                }, note: note,
                // Read in Welsh: as published in English (said so), or the council's loaded wording, with the
                // source the council named for it.
                languageNote: Wording.current.language == .english
                    ? nil
                    : Wording.current(
                        asPublished
                            ? "people.measure.as-published.\(kind.rawValue)"
                            : "people.measure.loaded-source.\(kind.rawValue)"),
                open: refused, declined: refused && posted["declined"] == "yes",
                takenOn: DateField(
                    id: "\(kind.rawValue)-takenOn", name: "takenOn", legend: Wording.current("people.show.date"),
                    iso: today, posted: refused ? posted : nil, errors: errors
                ).markup.markup, scale: kind == .ons4)
        }
    }

    /// The newest conversations shown open on the record; older ones fold away behind "Show all".
    static let conversationsShown = 3

    /// The parts of the record the page shows to this member of staff (a team leader also sees who covers
    /// the person's ward, to hand them over).
    static func parts(for staff: SignedInStaff) -> PersonRecord.Parts {
        var parts: PersonRecord.Parts = [
            .introductions, .journey, .conversations, .vision, .steps, .peopleInLife, .measures, .outcomes,
            .connections, .contributions, .helpRequests, .stories, .programmes, .consents, .erasure, .corrections,
            .merges, .council, .duplicates, .entryStates, .programmeChoices,
        ]
        if staff.may(.leadTeam) { parts.insert(.wardCoordinator) }
        return parts
    }

    /// The page, from the record read once (`PeopleStore.record(of:reading: parts(for:))`); it reads nothing.
    static func build(
        req: Request, staff: SignedInStaff, record: PersonRecord, notice: String? = nil, noticeSection: String? = nil,
        errors: [FormError] = [], posted: [String: String] = [:], detailsPosted: IntroductionForm? = nil
    ) -> PersonPage {
        let person = record.person
        let staffList = record.staff
        let names = Dictionary(uniqueKeysWithValues: staffList.map { ($0.id, $0.name) })
        let wards = record.wards
        let wardName = person.wardID.flatMap { id in wards.first { $0.id == id }?.name }
        let duplicates = record.duplicates
        let life = record.peopleInLife
        let corrections = record.corrections
        let corrected = Set(corrections.map(\.entryID))
        let editor = EntryEditor(
            person: person, staff: staff, csrf: CSRFMiddleware.token(for: req), now: req.now, posted: posted,
            fieldErrors: errors.byField,
            parts: Dictionary(errors.compactMap { error in error.part.map { (error.field, $0) } }) { first, _ in first
            },
            wording: req.wording)
        let (community, activeConnections) = PersonCommunity.build(
            req: req, record: record, posted: posted, editor: editor, corrected: corrected)
        let everyone = record.staffNames
        let past = record.coordinators
        let coordinatorName = person.coordinatorID.flatMap { names[$0] }

        var details: [Detail] = []
        func add(_ label: String, _ value: String?, href: String? = nil) {
            if let value, !value.isEmpty { details.append(Detail(label: label, value: value, href: href)) }
        }
        add(Wording.current("people.page.full-name"), person.fullName)
        add(Wording.current("people.page.likes-to-be-called"), person.preferredName)
        add(Wording.current("people.page.date-of-birth"), person.dateOfBirth.map(LondonTime.day))
        add(Wording.current("common.phone"), person.phone, href: SitePath.tel(person.phone))
        add(
            Wording.current("common.email"), person.email,
            href: StaffMember.isPlausibleEmail(person.email) ? "mailto:" + person.email : nil)
        add(Wording.current("people.page.best-way-to-get-in-touch"), person.contactPreference?.label)
        add(
            Wording.current("people.page.language-for-contact"),
            person.preferredLanguage.map { Wording.current("language.\($0.rawValue)") })
        add(Wording.current("people.page.address"), person.address)
        add(Wording.current("common.postcode"), person.postcode)
        add(Wording.current("people.page.household"), person.household)
        add(Wording.current("people.page.in-their-own-words"), person.ownWords)

        let coordinators = staffList.filter { $0.role.canCoverWard }
        var detailsForm = IntroductionForm()
        detailsForm.fullName = person.fullName
        detailsForm.preferredName = person.preferredName
        detailsForm.dateOfBirth = person.dateOfBirth.map(LondonTime.slashDate) ?? ""
        detailsForm.phone = person.phone
        detailsForm.email = person.email
        detailsForm.contactPreference = person.contactPreference?.rawValue
        detailsForm.preferredLanguage = person.preferredLanguage?.rawValue ?? ""
        detailsForm.address = person.address
        detailsForm.postcode = person.postcode
        detailsForm.household = person.household
        detailsForm.ownWords = person.ownWords
        detailsForm.categories = person.categories.map(\.rawValue)
        if let detailsPosted { detailsForm = detailsPosted }
        let savedVision = record.vision
        func edit(_ entry: Correction.Entry, _ id: UUID) -> String? {
            editor.markup(entry, record.entryStates[entry]?[id])
        }
        let conversations = record.conversations
        let conversationDays = Dictionary(
            uniqueKeysWithValues: conversations.map { ($0.id.uuid, LondonTime.day($0.happenedOn)) })
        var wardHandover: ChoiceOption? = nil
        if staff.may(.leadTeam), let wardID = person.wardID, let named = record.wardCoordinator,
            named != person.coordinatorID, let ward = wards.first(where: { $0.id == wardID }),
            let namedName = everyone[named.uuid]
        {
            wardHandover = ChoiceOption(
                value: named.description,
                label: Wording.current("people.show.hand-over-to-ward-coordinator", ward.name, namedName),
                selected: false)
        }
        // The record's dates, each as three boxes: what was typed when its form was refused, else the default.
        let today = LondonTime.isoDay(req.now)
        let adding = posted["correcting"] == nil && posted["striking"] == nil
        func typed(_ name: String, when refused: Bool) -> [String: String]? {
            refused && DayInput.posted(posted, as: name) != nil ? posted : nil
        }
        let dates: [String: String] = [
            "happenedOn": DateField(
                id: "happenedOn", name: "happenedOn", legend: Wording.current("people.show.date"), iso: today,
                posted: typed("happenedOn", when: adding), errors: errors
            ).markup.markup,
            "dueOn": DateField(
                id: "dueOn", name: "dueOn", legend: Wording.current("people.show.by-when"), optional: true, iso: nil,
                posted: typed("dueOn", when: adding), errors: errors
            ).markup.markup,
            "outcomeDate": DateField(
                id: "outcomeDate", name: "outcomeDate", legend: Wording.current("people.show.date"), iso: today,
                posted: typed("outcomeDate", when: posted["outcomeOpen"] == "yes"), errors: errors
            ).markup.markup,
            "connectionStarted": DateField(
                id: "connectionStarted", name: "connectionStarted", legend: Wording.current("people.show.since"),
                iso: today, posted: typed("connectionStarted", when: adding), errors: errors
            ).markup.markup,
            "contributionStarted": DateField(
                id: "contributionStarted", name: "contributionStarted", legend: Wording.current("people.show.since"),
                iso: today, posted: typed("contributionStarted", when: adding), errors: errors
            ).markup.markup,
            "helpNeededOn": DateField(
                id: "helpNeededOn", name: "helpNeededOn", legend: Wording.current("people.show.needed-on"), iso: today,
                posted: typed("helpNeededOn", when: true), errors: errors
            ).markup.markup,
            "givenOn": DateField(
                id: "givenOn", name: "givenOn", legend: Wording.current("people.show.agreed-on"), iso: today,
                posted: typed("givenOn", when: true), errors: errors
            ).markup.markup,
            "dateOfBirth": DateField(
                id: "dateOfBirth", name: "dateOfBirth", legend: Wording.current("people.page.date-of-birth"),
                optional: true, iso: person.dateOfBirth,
                posted: typed("dateOfBirth", when: posted["detailsOpen"] == "yes"), errors: errors
            ).markup.markup,
        ]
        let mapNodes = RelationshipMap.layout(life + activeConnections.map(\.mapEntry))
        let refusedConversation = conversations.firstIndex {
            posted["correcting"] == $0.id.description || posted["striking"] == $0.id.description
        }
        return PersonPage(
            page: PageContext(
                request: req,
                title: errors.isEmpty
                    ? person.shownCalledName : Wording.current("people.page.error-2", person.shownCalledName)),
            noticeIn: NoticeIn(notice == nil ? nil : noticeSection),
            noticeAtTop: notice != nil && noticeSection == nil,
            notice: notice,
            errors: errors,
            fieldErrors: errors.byField,
            posted: posted,
            dates: dates,
            paths: Paths(
                conversations: SitePath.person(.value(person.id), .conversations).path,
                vision: SitePath.person(.value(person.id), .vision).path,
                steps: SitePath.person(.value(person.id), .steps).path,
                people: SitePath.person(.value(person.id), .people).path,
                stage: SitePath.person(.value(person.id), .stage).path,
                coordinator: SitePath.person(.value(person.id), .coordinator).path,
                merge: SitePath.person(.value(person.id), .merge).path,
                details: SitePath.person(.value(person.id), .details).path,
                measures: SitePath.person(.value(person.id), .measures).path,
                outcomes: SitePath.person(.value(person.id), .outcomes).path,
                export: SitePath.person(.value(person.id), .export).path),
            id: person.id.description,
            name: person.shownName,
            calledName: person.shownCalledName,
            canLeadTeam: staff.may(.leadTeam),
            today: LondonTime.inputDate(req.now),
            version: person.version,
            form: detailsForm,
            contactOptions: detailsForm.contactOptions,
            languageOptions: detailsForm.languageOptions(notSaid: true),
            summary: Summary(
                level: person.level.label,
                stage: person.stage.label,
                stageValue: person.stage.rawValue,
                prefersLanguage: person.preferredLanguage.flatMap {
                    $0 == .english ? nil : Wording.current("language.prefers.\($0.rawValue)")
                },
                prefersLanguageTag: person.preferredLanguage?.tag,
                coordinatorName: coordinatorName,
                wardName: wardName,
                queueReason: person.coordinatorID == nil
                    ? IntroductionRoute.QueueReason.explain(person.queueReason) : nil,
                pastCoordinators: past.filter { $0 != coordinatorName },
                glance: Glance(
                    lastContact: person.lastContactAt.map(LondonTime.date) ?? Wording.current("people.page.none-yet"),
                    nextStep: person.nextStepDue.map(LondonTime.day),
                    nextStepOverdue: person.nextStepDue.map { $0 < LondonTime.isoDay(req.now) } ?? false,
                    phone: person.phone.nonEmpty, phoneHref: SitePath.tel(person.phone),
                    vision: savedVision.vision.nonEmpty.map {
                        let line = $0.split(whereSeparator: \.isNewline).first.map(String.init) ?? $0
                        return line.count > 140 ? String(line.prefix(139)) + "…" : line
                    })),
            duplicates: duplicates.map {
                DuplicateRow(
                    id: $0.person.id.description, name: $0.person.shownName,
                    href: SitePath.person(.value($0.person.id)).path,
                    reasons: $0.reasons.joined(separator: "; "), stage: $0.person.stage.label,
                    comparePath: SitePath.person(.value(person.id), .merge).with(query: ["duplicate": "\($0.person.id)"]
                    ))
            },
            conversations: Conversations(
                rows: conversations.map { conversation in
                    let refused = posted["correcting"] == conversation.id.description
                    let struck = posted["striking"] == conversation.id.description
                    let place = refused ? posted["place"] ?? "" : conversation.place.rawValue
                    return ConversationRow(
                        id: conversation.id.description, date: LondonTime.day(conversation.happenedOn),
                        place: conversation.place.label, minutes: conversation.minutes,
                        whoWasThere: conversation.whoWasThere.nonEmpty, notes: conversation.notes.nonEmpty,
                        staffName: conversation.staffName, levelOne: conversation.level == .one,
                        about: conversation.about.nonEmpty, shared: conversation.shared.nonEmpty,
                        corrected: corrected.contains(conversation.id.uuid),
                        canCorrect: staff.may(.leadTeam) || conversation.staffID == staff.member.id,
                        correctPath: SitePath.person(.value(person.id), .conversation(.value(conversation.id))).path,
                        strikePath: SitePath.person(.value(person.id), .strikeConversation(.value(conversation.id)))
                            .path,
                        version: conversation.version,
                        editMinutes: refused ? posted["minutes"] ?? "" : conversation.minutes.map(String.init) ?? "",
                        editWhoWasThere: refused ? posted["whoWasThere"] ?? "" : conversation.whoWasThere,
                        editNotes: refused ? posted["notes"] ?? "" : conversation.notes,
                        editReason: refused || struck ? posted["reason"] ?? "" : "",
                        editPlaces: Conversation.Place.allCases.map {
                            ChoiceOption(value: $0.rawValue, label: $0.label, selected: place == $0.rawValue)
                        },
                        needsReason: conversation.recordedAt.map {
                            Correction.needsReason(recordedAt: $0, now: req.now)
                        }
                            ?? true,
                        open: refused, strikeOpen: struck,
                        dateField: DateField(
                            id: "happenedOn-\(conversation.id)", name: "happenedOn",
                            legend: Wording.current("people.show.date"), iso: conversation.happenedOn,
                            posted: refused ? posted : nil, errors: errors
                        ).markup.markup)
                },
                olderOpen: (refusedConversation ?? 0) >= Self.conversationsShown,
                placeOptions: Conversation.Place.allCases.map {
                    ChoiceOption(
                        value: $0.rawValue, label: $0.label, selected: (posted["place"] ?? "home") == $0.rawValue)
                }),
            vision: VisionView(
                savedVision,
                form: posted["visionOpen"] == "yes"
                    ? GoodLifeVision(
                        vision: posted["vision"] ?? "", strengths: posted["strengths"] ?? "",
                        giftsAndInterests: posted["giftsAndInterests"] ?? "", whatMatters: posted["whatMatters"] ?? "",
                        version: savedVision.version) : nil),
            steps: record.steps.map {
                StepRow(
                    id: $0.id.description, what: ErasedWords.entry($0.what), who: $0.who.nonEmpty,
                    due: $0.dueOn.map(LondonTime.day),
                    done: $0.isDone,
                    togglePath: SitePath.person(.value(person.id), .step(.value($0.id))).path,
                    edit: edit(.step, $0.id.uuid),
                    corrected: corrected.contains($0.id.uuid))
            },
            theirPeople: TheirPeople(
                rows: life.sorted { ($0.closeness.rawValue, $0.name) < ($1.closeness.rawValue, $1.name) }.map {
                    LifeRow(
                        name: $0.name, kind: $0.kind.label, closeness: $0.closeness.label, note: $0.note.nonEmpty,
                        edit: edit(.personInLife, $0.id.uuid), corrected: corrected.contains($0.id.uuid))
                },
                centreLabel: String(
                    (person.shownCalledName.split(separator: " ").first.map(String.init) ?? person.shownCalledName)
                        .prefix(9)),
                mapNodes: mapNodes,
                mapViewBox: RelationshipMap.viewBox(mapNodes),
                mapSize: RelationshipMap.size,
                mapCentre: RelationshipMap.centre,
                rings: PersonInLife.Closeness.allCases.map(RelationshipMap.radius(for:)),
                kindOptions: PersonInLife.Kind.allCases.map {
                    ChoiceOption(value: $0.rawValue, label: $0.label, selected: posted["kind"] == $0.rawValue)
                },
                closenessOptions: PersonInLife.Closeness.allCases.map {
                    ChoiceOption(
                        value: String($0.rawValue), label: $0.label,
                        selected: (posted["closeness"] ?? "2") == String($0.rawValue))
                }),
            community: community,
            wellbeing: Wellbeing(
                rows: record.measures.reversed().map {
                    MeasureRow(
                        date: LondonTime.day($0.takenOn), kind: $0.kind.label, summary: $0.summary,
                        edit: edit(.measure, $0.id.uuid), corrected: corrected.contains($0.id.uuid))
                },
                forms: Self.measureForms(posted: posted, errors: errors, today: today)),
            outcomes: Outcomes(
                rows: record.outcomes.map {
                    OutcomeRow(
                        date: LondonTime.day($0.happenedOn), label: $0.kind.label, avoided: $0.kind.isAvoidedEvent,
                        otherwise: $0.otherwise.nonEmpty, confidence: $0.confidence.label,
                        edit: edit(.outcome, $0.id.uuid), corrected: corrected.contains($0.id.uuid))
                },
                kindOptions: RecordedOutcome.Kind.allCases.filter { !$0.isAvoidedEvent }.map {
                    ChoiceOption(value: $0.rawValue, label: $0.label, selected: posted["kind"] == $0.rawValue)
                },
                avoidedOptions: RecordedOutcome.Kind.allCases.filter(\.isAvoidedEvent).map {
                    ChoiceOption(value: $0.rawValue, label: $0.label, selected: posted["kind"] == $0.rawValue)
                },
                confidenceOptions: RecordedOutcome.Confidence.allCases.map {
                    ChoiceOption(
                        value: $0.rawValue, label: $0.label, selected: (posted["confidence"] ?? "medium") == $0.rawValue
                    )
                }),
            stories: Stories(
                rows: record.stories
                    .filter { $0.status != .withdrawn }
                    .map { story in
                        let open = posted["editingStory"] == story.id.description
                        let editable =
                            story.status.isEditable
                            && (staff.may(.leadTeam) || story.writtenByID == staff.member.id)
                        return StoryRow(
                            id: story.id.description, title: story.title, body: story.body, status: story.status.label,
                            reviewNote: story.reviewNote,
                            editPath: editable
                                ? SitePath.person(.value(person.id), .story(.value(story.id))).path : nil,
                            open: open,
                            editTitle: open ? posted["storyTitle"] ?? "" : story.title,
                            editBody: open ? posted["storyBody"] ?? "" : story.body)
                    },
                consentWording: Story.consentWording,
                path: SitePath.person(.value(person.id), .stories).path),
            journey: Journey(
                stageOptions: JourneyStage.allCases.filter { $0 != person.stage }.map {
                    ChoiceOption(value: $0.rawValue, label: $0.label, selected: posted["stage"] == $0.rawValue)
                },
                endReasonOptions: [
                    ChoiceOption(value: "", label: Wording.current("people.page.only-when-ending"), selected: false)
                ]
                    + EndReason.allCases.map {
                        ChoiceOption(value: $0.rawValue, label: $0.label, selected: posted["reason"] == $0.rawValue)
                    },
                coordinatorOptions: [
                    ChoiceOption(
                        value: "none", label: Wording.current("people.page.nobody-back-to-the-team-leaders"),
                        selected: person.coordinatorID == nil)
                ]
                    + coordinators.map {
                        ChoiceOption(value: $0.id.description, label: $0.name, selected: $0.id == person.coordinatorID)
                    },
                levelOne: person.level == .one,
                levelPath: SitePath.person(.value(person.id), .level).path,
                wardHandover: wardHandover,
                merges: record.merges.map { merge in
                    MergeRow(
                        name: ErasedWords.name(merge.mergedName),
                        summary: merge.undoneAt.map {
                            Wording.current(
                                "people.show.merge-undone-summary", ErasedWords.name(merge.mergedName),
                                LondonTime.date(merge.at),
                                LondonTime.date($0))
                        }
                            ?? Wording.current(
                                "people.show.merge-summary", ErasedWords.name(merge.mergedName),
                                LondonTime.date(merge.at),
                                merge.byID.flatMap { everyone[$0.uuid] } ?? ""),
                        undoPath: staff.may(.leadTeam) && merge.canUndo(at: req.now)
                            ? SitePath.person(.value(person.id), .undoMerge(.value(merge.id))).path : nil)
                },
                history: record.history.map {
                    EventRow(date: LondonTime.date($0.at), summary: $0.summary, staffName: $0.staffName)
                },
                corrections: corrections.reversed().map { correction in
                    let day =
                        conversationDays[correction.entryID]
                        ?? correction.changes.first(where: { $0.field == "happenedOn" }).map { LondonTime.day($0.from) }
                        ?? ""
                    let what: String
                    switch (correction.entry, correction.struck) {
                    case (.details, _): what = correction.entry.label
                    case (.conversation, true): what = Wording.current("people.show.struck-out-conversation", day)
                    case (.conversation, false): what = Wording.current("people.show.corrected-conversation", day)
                    case (_, true): what = Wording.current("people.show.struck-out-entry", correction.entry.label)
                    case (_, false): what = Wording.current("people.show.corrected-entry", correction.entry.label)
                    }
                    return CorrectionRow(
                        date: LondonTime.dateTime(correction.at),
                        staffName: correction.byID.flatMap { everyone[$0.uuid] } ?? "",
                        what: what,
                        changes: correction.struck
                            ? correction.entry == .conversation
                                ? []
                                : correction.changes.map {
                                    Wording.current("people.show.was", Correction.fieldLabel($0.field), $0.from)
                                }
                            : correction.changes.map {
                                Wording.current(
                                    "people.show.changed-from-to", Correction.fieldLabel($0.field),
                                    $0.from.isEmpty ? "–" : $0.from, $0.to.isEmpty ? "–" : $0.to)
                            },
                        reason: correction.reason.nonEmpty)
                },
                introductions: record.introductions.map {
                    IntroductionRow(
                        date: LondonTime.date($0.receivedAt), source: $0.source.label,
                        introducer: $0.introducerName.nonEmpty,
                        whatMatters: $0.whatMatters.nonEmpty, route: IntroductionRoute.describe(note: $0.routeNote),
                        viaPublicPage: $0.viaPublicPage)
                }),
            rights: PersonRights.build(record: record, posted: posted),
            about: About(
                details: details,
                categories: person.categories.map(\.label),
                categoryOptions: detailsForm.categoryOptions,
                programmes: record.memberships.map {
                    membership in
                    let field = ProgrammeRow.leftOnField(membership.programme.id)
                    return ProgrammeRow(
                        name: membership.programme.name, joined: LondonTime.day(membership.joined),
                        left: membership.left.map(LondonTime.day),
                        leavePath: membership.left == nil
                            ? SitePath.person(.value(person.id), .leaveProgramme(.value(membership.programme.id))).path
                            : nil,
                        leftOnField: DateField(
                            id: field, name: field, legend: Wording.current("people.show.programme-left-on"),
                            iso: today,
                            posted: typed(field, when: true), errors: errors
                        ).markup.markup,
                        refused: errors.contains { $0.field == field })
                },
                programmeOptions: record.programmeChoices.map {
                    ChoiceOption(value: $0.id.description, label: $0.name, selected: false)
                },
                joinProgrammePath: SitePath.person(.value(person.id), .programmes).path))
    }
}

extension String {
    /// nil for an empty or blank string, so a template's `#if` leaves it out.
    var nonEmpty: String? {
        trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : self
    }

    /// Trimmed, or nil when nothing is left: what a form field holds.
    var trimmedOrNil: String? {
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
