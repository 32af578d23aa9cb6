import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Everything Alongside holds about one person, for a subject access request (UK GDPR Art. 15): their
/// record, introductions, conversations, good life, steps, the people in their life, measures, outcomes,
/// connections, contributions, Good Neighbour help, stories, programmes, and who has seen their record.
/// Other people's details are removed: introducers' names and contacts, the names of the people in their
/// life and of neighbours, who else was at a conversation, volunteers' names. Free-text notes are given as
/// written; the council reads them for other people's details before release (the document says so).
struct SubjectAccessExport: Content {
    static let removed = "[removed: another person's details]"
    static var notice: String {
        Wording.current("rights.page.free-text-notes-are-given-as")
    }

    struct Item: Content {
        let label: String
        let value: String
    }

    struct Entry: Content {
        let date: String
        let title: String
        let details: [Item]
    }

    struct Section: Content {
        let id: String
        let title: String
        let entries: [Entry]
    }

    let personID: String
    let council: String
    let generatedAt: String
    let notice: String
    let about: [Item]
    let sections: [Section]

    /// Every part of the record but the page's own (its forms' choices, likely duplicates).
    static let parts: PersonRecord.Parts = [
        .introductions, .journey, .conversations, .vision, .steps, .peopleInLife, .measures, .outcomes, .connections,
        .contributions, .helpRequests, .stories, .programmes, .consents, .corrections, .council, .access,
    ]

    /// Reads the person's record once (`parts`) and builds the export from it.
    static func read(db: any Database, council: Council, personID: Person.ID, now: Date) async throws
        -> SubjectAccessExport
    {
        let store = try Stores(db, council: council.id).people
        let record = try await store.record(of: try await store.find(personID), reading: parts)
        return build(record: record, council: council, now: now)
    }

    /// The export, from the record read once; it reads nothing.
    static func build(record: PersonRecord, council: Council, now: Date) -> SubjectAccessExport {
        let person = record.person
        let staff = Dictionary(uniqueKeysWithValues: record.staff.map { ($0.id, $0.name) })
        let wards = Dictionary(uniqueKeysWithValues: record.wards.map { ($0.id, $0.name) })
        func item(_ label: String, _ value: String?) -> Item? {
            guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            return Item(label: label, value: value)
        }
        let about = [
            item(Wording.current("rights.page.full-name"), person.shownName),
            item(Wording.current("rights.page.preferred-name"), person.preferredName),
            item(Wording.current("rights.page.date-of-birth"), person.dateOfBirth.map(ISODay.words)),
            item(Wording.current("rights.export.phone"), person.phone),
            item(Wording.current("rights.export.email"), person.email),
            item(Wording.current("rights.export.address"), person.address),
            item(Wording.current("rights.export.postcode"), person.postcode),
            item(Wording.current("rights.export.ward"), person.wardID.flatMap { wards[$0] }),
            item(Wording.current("rights.export.household"), person.household),
            item(Wording.current("rights.page.in-their-own-words"), person.ownWords),
            item(Wording.current("rights.page.reported-under"), person.categories.map(\.label).joined(separator: ", ")),
            item(
                Wording.current("rights.export.level"),
                person.level == .one
                    ? Wording.current("rights.page.level-1-information-and-connections")
                    : Wording.current("rights.page.level-2-walking-alongside")),
            item(Wording.current("rights.export.stage"), person.stage.label),
            item(Wording.current("rights.export.coordinator"), person.coordinatorID.flatMap { staff[$0] }),
            item(Wording.current("rights.page.first-known"), LondonTime.date(person.createdAt)),
        ].compactMap { $0 }

        var sections: [Section] = []
        func add(_ id: String, _ title: String, _ entries: [Entry]) {
            sections.append(Section(id: id, title: title, entries: entries))
        }
        add(
            "introductions", Wording.current("rights.export.introductions"),
            record.introductions.map {
                Entry(
                    date: LondonTime.date($0.receivedAt),
                    title: Wording.current("rights.page.introduced", $0.source.label),
                    details: [
                        $0.source == .selfIntroduced
                            ? nil : Item(label: Wording.current("rights.page.introduced-by"), value: removed),
                        item(Wording.current("rights.page.what-matters"), $0.whatMatters),
                        item(
                            Wording.current("rights.page.how-it-was-routed"),
                            IntroductionRoute.describe(note: $0.routeNote)),
                    ].compactMap { $0 })
            })
        add(
            "journey", Wording.current("rights.export.journey"),
            record.history.map {
                Entry(
                    date: LondonTime.dateTime($0.at), title: $0.summary,
                    details: [Item(label: Wording.current("rights.page.by"), value: $0.staffName)])
            })
        add(
            "conversations", Wording.current("rights.export.conversations"),
            record.conversations.map {
                Entry(
                    date: ISODay.words($0.happenedOn), title: "\($0.place.label) with \($0.staffName)",
                    details: [
                        $0.minutes.map { Item(label: Wording.current("rights.page.minutes"), value: String($0)) },
                        $0.whoWasThere.isEmpty
                            ? nil : Item(label: Wording.current("rights.page.others-there"), value: removed),
                        item(Wording.current("rights.export.about"), $0.about),
                        item(Wording.current("rights.export.shared"), $0.shared),
                        item(Wording.current("rights.export.notes"), $0.notes),
                    ].compactMap { $0 })
            })
        let vision = record.vision
        add(
            "good-life", Wording.current("rights.page.their-good-life"),
            vision.isEmpty
                ? []
                : [
                    Entry(
                        date: vision.updatedAt.map(LondonTime.date) ?? "",
                        title: Wording.current("rights.page.vision-of-a-good-life"),
                        details: [
                            item(Wording.current("rights.export.vision"), vision.vision),
                            item(Wording.current("rights.export.strengths"), vision.strengths),
                            item(Wording.current("rights.page.gifts-and-interests"), vision.giftsAndInterests),
                            item(Wording.current("rights.page.what-matters"), vision.whatMatters),
                        ].compactMap { $0 })
                ])
        add(
            "steps", Wording.current("rights.export.steps"),
            record.steps.map {
                Entry(
                    date: $0.dueOn.map(ISODay.words) ?? "", title: ErasedWords.entry($0.what),
                    details: [
                        item(Wording.current("rights.export.who"), $0.who),
                        Item(
                            label: Wording.current("rights.page.done"),
                            value: $0.isDone ? Wording.current("common.yes") : Wording.current("rights.page.not-yet")),
                    ].compactMap { $0 })
            })
        add(
            "people", Wording.current("rights.page.people-in-their-life"),
            record.peopleInLife.map {
                Entry(
                    date: LondonTime.date($0.addedAt), title: $0.kind.label,
                    details: [
                        Item(label: Wording.current("rights.page.name"), value: removed),
                        Item(label: Wording.current("rights.page.how-close"), value: $0.closeness.label),
                    ])
            })
        add(
            "measures", Wording.current("rights.page.wellbeing-and-loneliness"),
            record.measures.map {
                Entry(
                    date: ISODay.words($0.takenOn), title: $0.kind.label,
                    details: [Item(label: Wording.current("rights.page.result"), value: $0.summary)])
            })
        add(
            "outcomes", Wording.current("rights.export.outcomes"),
            record.outcomes.map {
                Entry(
                    date: ISODay.words($0.happenedOn), title: $0.kind.label,
                    details: [
                        item(Wording.current("rights.export.otherwise"), $0.otherwise),
                        Item(label: Wording.current("rights.page.how-sure"), value: $0.confidence.label),
                    ]
                    .compactMap { $0 })
            })
        add(
            "connections", Wording.current("rights.export.connections"),
            record.connections.map {
                Entry(
                    date: ISODay.words($0.startedOn),
                    title: $0.kind == .neighbour ? Wording.current("rights.page.a-neighbour") : $0.name,
                    details: [
                        Item(label: Wording.current("rights.page.kind"), value: $0.kind.label),
                        $0.kind == .neighbour ? Item(label: Wording.current("rights.page.name"), value: removed) : nil,
                        $0.endedOn.map { Item(label: Wording.current("rights.page.ended"), value: ISODay.words($0)) },
                        $0.lasting.map {
                            Item(
                                label: Wording.current("rights.page.still-going-at-three-months"),
                                value: $0 ? Wording.current("common.yes") : Wording.current("common.no"))
                        },
                    ].compactMap { $0 })
            })
        add(
            "contributions", Wording.current("rights.export.contributions"),
            record.contributions.map {
                Entry(
                    date: ISODay.words($0.startedOn), title: $0.kind.label,
                    details: [Item(label: Wording.current("rights.page.what"), value: ErasedWords.entry($0.what))])
            })
        add(
            "good-neighbours", Wording.current("rights.page.good-neighbour-help"),
            record.helpRequests.map {
                Entry(
                    date: ISODay.words($0.neededOn), title: $0.kind.label,
                    details: [
                        Item(label: Wording.current("rights.page.what"), value: ErasedWords.entry($0.details)),
                        Item(label: Wording.current("rights.page.status"), value: $0.status.label),
                        $0.volunteerID == nil
                            ? nil : Item(label: Wording.current("rights.page.volunteer"), value: removed),
                    ].compactMap { $0 })
            })
        add(
            "stories", Wording.current("rights.export.stories"),
            record.stories.map {
                Entry(
                    date: LondonTime.date($0.writtenAt), title: $0.title,
                    details: [
                        Item(label: Wording.current("rights.page.story"), value: $0.body),
                        Item(
                            label: Wording.current("rights.page.status"),
                            value: $0.status == .approved
                                ? Wording.current("stories.status.approved")
                                : Wording.current("rights.page.awaiting-approval")),
                    ])
            })
        add(
            "programmes", Wording.current("rights.export.programmes"),
            record.memberships.map(\.programme).map {
                Entry(
                    date: "", title: $0.name,
                    details: [Item(label: Wording.current("rights.page.funded-by"), value: $0.funder)])
            })
        add(
            "consents", Wording.current("rights.export.consents"),
            record.consents.map {
                Entry(
                    date: ISODay.words($0.givenOn), title: $0.kind.label,
                    details: [
                        Item(label: Wording.current("rights.export.consent-wording"), value: $0.wording),
                        item(Wording.current("rights.export.consent-partner"), $0.partner),
                        $0.withdrawnOn.map {
                            Item(label: Wording.current("rights.export.consent-withdrawn"), value: ISODay.words($0))
                        },
                    ].compactMap { $0 })
            })
        add(
            "corrections", Wording.current("rights.export.corrections"),
            record.corrections.map { correction in
                Entry(
                    date: LondonTime.dateTime(correction.at),
                    title: correction.struck
                        ? Wording.current("rights.export.struck-out", correction.entry.label)
                        : Wording.current("rights.export.corrected", correction.entry.label),
                    details: correction.changes.map {
                        // Other people's details (who else was there, the people in their life, a neighbour
                        // they are connected to) are removed here as everywhere in the export.
                        Item(
                            label: Correction.fieldLabel($0.field),
                            value: $0.field == "whoWasThere" || correction.entry == .personInLife
                                || (correction.entry == .connection && $0.field != "startedOn")
                                ? removed
                                : Wording.current(
                                    "rights.export.from-to", $0.from.isEmpty ? "–" : $0.from,
                                    $0.to.isEmpty ? "–" : $0.to))
                    }
                        + [
                            Item(
                                label: Wording.current("rights.page.by"),
                                value: correction.byID.flatMap { staff[$0] } ?? ""),
                            item(Wording.current("rights.export.reason-given"), correction.reason),
                        ].compactMap { $0 })
            })
        add(
            "access", Wording.current("rights.page.who-has-seen-or-changed-this"),
            record.access.map {
                Entry(
                    date: LondonTime.dateTime($0.at), title: AuditWording.words($0.detail),
                    details: [
                        Item(
                            label: Wording.current("rights.page.who"),
                            value: $0.staffID.flatMap { staff[$0] }
                                ?? Wording.current("rights.page.the-public-page-or-the-system")),
                        Item(label: Wording.current("rights.export.action"), value: $0.action.rawValue),
                        item(Wording.current("rights.export.reason-given"), $0.reason),
                    ].compactMap { $0 })
            })
        return SubjectAccessExport(
            personID: person.id.description, council: council.name, generatedAt: LondonTime.dateTime(now),
            notice: notice, about: about, sections: sections)
    }

    /// Writes the export to the audit log as an export of the record.
    static func audit(
        db: any Database, council: Council, personID: Person.ID, by staffID: StaffMember.ID?, at now: Date,
        address: String?, how: String
    )
        async throws
    {
        try await Stores(db, council: council.id).audit.record(
            AuditEntry(
                at: now, staffID: staffID, personID: personID, action: .export,
                detail: .key("rights.page.subject-access-export", how), address: address))
    }
}
