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
    static let notice =
        "Free-text notes are given as written. Before release, the council reads them and removes other people's details."

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

    static func build(db: any Database, council: Council, personID: Person.ID, now: Date) async throws
        -> SubjectAccessExport
    {
        let store = PeopleStore(db, councilID: council.id)
        let person = try await store.find(personID)
        let staff = Dictionary(
            uniqueKeysWithValues: try await StaffStore(db).list(councilID: council.id).map { ($0.id, $0.name) })
        let wards = Dictionary(
            uniqueKeysWithValues: try await WardStore(db, councilID: council.id).all().map { ($0.id, $0.name) })
        func item(_ label: String, _ value: String?) -> Item? {
            guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            return Item(label: label, value: value)
        }
        let about = [
            item("Full name", person.fullName), item("Preferred name", person.preferredName),
            item("Date of birth", person.dateOfBirth.map(ISODay.words)), item("Phone", person.phone),
            item("Email", person.email), item("Address", person.address), item("Postcode", person.postcode),
            item("Ward", person.wardID.flatMap { wards[$0] }), item("Household", person.household),
            item("In their own words", person.ownWords),
            item("Reported under", person.categories.map(\.label).joined(separator: ", ")),
            item(
                "Level", person.level == .one ? "Level 1 (information and connections)" : "Level 2 (walking alongside)"),
            item("Stage", person.stage.label), item("Coordinator", person.coordinatorID.flatMap { staff[$0] }),
            item("First known", LondonTime.date(person.createdAt)),
        ].compactMap { $0 }

        var sections: [Section] = []
        func add(_ id: String, _ title: String, _ entries: [Entry]) {
            sections.append(Section(id: id, title: title, entries: entries))
        }
        add(
            "introductions", "Introductions",
            try await store.introductions(of: person.id).map {
                Entry(
                    date: LondonTime.date($0.receivedAt), title: "Introduced (\($0.source.label))",
                    details: [
                        $0.source == .selfIntroduced ? nil : Item(label: "Introduced by", value: removed),
                        item("What matters", $0.whatMatters), item("How it was routed", $0.routeNote),
                    ].compactMap { $0 })
            })
        add(
            "journey", "Journey",
            try await store.history(of: person.id).map {
                Entry(
                    date: LondonTime.dateTime($0.at), title: $0.summary,
                    details: [Item(label: "By", value: $0.staffName)])
            })
        add(
            "conversations", "Conversations",
            try await store.conversations(of: person.id).map {
                Entry(
                    date: ISODay.words($0.happenedOn), title: "\($0.place.label) with \($0.staffName)",
                    details: [
                        $0.minutes.map { Item(label: "Minutes", value: String($0)) },
                        $0.whoWasThere.isEmpty ? nil : Item(label: "Others there", value: removed),
                        item("About", $0.about), item("Shared", $0.shared), item("Notes", $0.notes),
                    ].compactMap { $0 })
            })
        let vision = try await store.vision(of: person.id)
        add(
            "good-life", "Their good life",
            vision.isEmpty
                ? []
                : [
                    Entry(
                        date: vision.updatedAt.map(LondonTime.date) ?? "", title: "Vision of a good life",
                        details: [
                            item("Vision", vision.vision), item("Strengths", vision.strengths),
                            item("Gifts and interests", vision.giftsAndInterests),
                            item("What matters", vision.whatMatters),
                        ].compactMap { $0 })
                ])
        add(
            "steps", "Steps",
            try await store.steps(of: person.id).map {
                Entry(
                    date: $0.dueOn.map(ISODay.words) ?? "", title: $0.what,
                    details: [item("Who", $0.who), Item(label: "Done", value: $0.isDone ? "Yes" : "Not yet")].compactMap
                    { $0 })
            })
        add(
            "people", "People in their life",
            try await store.peopleInLife(of: person.id).map {
                Entry(
                    date: LondonTime.date($0.addedAt), title: $0.kind.label,
                    details: [Item(label: "Name", value: removed), Item(label: "How close", value: $0.closeness.label)])
            })
        add(
            "measures", "Wellbeing and loneliness",
            try await store.measures(of: person.id).map {
                Entry(
                    date: ISODay.words($0.takenOn), title: $0.kind.label,
                    details: [Item(label: "Result", value: $0.summary)])
            })
        add(
            "outcomes", "Outcomes",
            try await store.outcomes(of: person.id).map {
                Entry(
                    date: ISODay.words($0.happenedOn), title: $0.kind.label,
                    details: [item("Otherwise", $0.otherwise), Item(label: "How sure", value: $0.confidence.label)]
                        .compactMap { $0 })
            })
        add(
            "connections", "Connections",
            try await store.connections(of: person.id).map {
                Entry(
                    date: ISODay.words($0.startedOn), title: $0.kind == .neighbour ? "A neighbour" : $0.name,
                    details: [
                        Item(label: "Kind", value: $0.kind.label),
                        $0.kind == .neighbour ? Item(label: "Name", value: removed) : nil,
                        $0.endedOn.map { Item(label: "Ended", value: ISODay.words($0)) },
                        $0.lasting.map { Item(label: "Still going at three months", value: $0 ? "Yes" : "No") },
                    ].compactMap { $0 })
            })
        add(
            "contributions", "Contributions",
            try await store.contributions(of: person.id).map {
                Entry(
                    date: ISODay.words($0.startedOn), title: $0.kind.label,
                    details: [Item(label: "What", value: $0.what)])
            })
        add(
            "good-neighbours", "Good Neighbour help",
            try await GoodNeighbourStore(db, councilID: council.id).requests(for: person.id).map {
                Entry(
                    date: ISODay.words($0.neededOn), title: $0.kind.label,
                    details: [
                        Item(label: "What", value: $0.details), Item(label: "Status", value: $0.status.label),
                        $0.volunteerID == nil ? nil : Item(label: "Volunteer", value: removed),
                    ].compactMap { $0 })
            })
        add(
            "stories", "Stories",
            try await StoryStore(db, councilID: council.id).stories(of: person.id).map {
                Entry(
                    date: LondonTime.date($0.writtenAt), title: $0.title,
                    details: [
                        Item(label: "Story", value: $0.body),
                        Item(label: "Status", value: $0.status == .approved ? "Approved" : "Awaiting approval"),
                    ])
            })
        add(
            "programmes", "Programmes",
            try await ProgrammeStore(db, councilID: council.id).programmes(of: person.id).map {
                Entry(date: "", title: $0.name, details: [Item(label: "Funded by", value: $0.funder)])
            })
        add(
            "access", "Who has seen or changed this record",
            try await AuditStore(db, councilID: council.id).entries(about: person.id, limit: 100_000).map {
                Entry(
                    date: LondonTime.dateTime($0.at), title: $0.detail,
                    details: [
                        Item(label: "Who", value: $0.staffID.flatMap { staff[$0] } ?? "The public page or the system"),
                        Item(label: "Action", value: $0.action.rawValue), item("Reason given", $0.reason),
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
        try await AuditStore(db, councilID: council.id).record(
            AuditEntry(
                at: now, staffID: staffID, personID: personID, action: .export,
                detail: "Subject access export (\(how))", address: address))
    }
}
