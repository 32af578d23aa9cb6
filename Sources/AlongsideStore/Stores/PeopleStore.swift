import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// A council's people and their journeys. Every query is scoped to the one council; people merged into
/// another record are never returned. The reads of a record's parts (`conversations(of:)`, `steps(of:)`…)
/// take a person the caller has already opened (`find`, or `PersonAccess.open` with its audit) and do not
/// look them up again: another council's id simply finds nothing.
public struct PeopleStore: Sendable {
    let database: any Database
    public let councilID: Council.ID

    /// The database this store works on: inside a transaction, the transaction's, for anything else the
    /// same change must write.
    public var db: any Database { database }

    public init(_ database: any Database, councilID: Council.ID) {
        self.database = database
        self.councilID = councilID
    }

    // MARK: Introductions

    /// Records an introduction: makes the person's record, routes it by postcode → ward → named
    /// coordinator (or to the team leader's queue with the reason), all in one transaction.
    public func introduce(
        _ draft: IntroductionDraft.Validated, recordedBy: StaffMember.ID?, at now: Date, id: Person.ID? = nil
    ) async throws -> (person: Person, route: IntroductionRoute) {
        let wardCode: String?
        if let postcode = draft.postcode {
            wardCode = try await PostcodeStore(database).wardCode(for: postcode)
        } else {
            wardCode = nil
        }
        let coverage = try await WardStore(database, councilID: councilID).coverage()
        let route = IntroductionRoute.route(postcode: draft.postcode, wardCode: wardCode, coverage: coverage)
        var routed = Person(
            id: id ?? .init(database.newID()), councilID: councilID, fullName: draft.fullName,
            preferredName: draft.preferredName,
            dateOfBirth: draft.dateOfBirth, phone: draft.phone, email: draft.email,
            contactPreference: draft.contactPreference, preferredLanguage: draft.preferredLanguage,
            address: draft.address, postcode: draft.postcode?.value ?? "",
            ownWords: draft.ownWords, categories: draft.categories, level: draft.level, stage: .introduced,
            createdAt: now)
        // The database keeps codes; they are worded in the reader's language when shown.
        let routeNote = route.note
        switch route {
        case .coordinator(let coordinatorID, let ward):
            routed.coordinatorID = coordinatorID
            routed.wardID = ward.id
        case .teamLeaderQueue(let reason, let ward):
            routed.wardID = ward?.id
            routed.queueReason = reason.rawValue
        }
        let councilID = self.councilID
        let person = routed
        try await database.change { db in
            try await PersonModel(person).create(on: db)
            let introduction = IntroductionModel()
            introduction.councilID = councilID.uuid
            introduction.personID = person.id.uuid
            introduction.source = draft.source.rawValue
            introduction.introducerName = draft.introducerName
            introduction.introducerContact = draft.introducerContact
            introduction.whatMatters = draft.whatMatters
            introduction.receivedAt = now
            introduction.viaPublicPage = draft.viaPublicPage
            introduction.routeNote = routeNote
            introduction.recordedByID = recordedBy?.uuid
            try await introduction.create(on: db)
            try await JourneyEventModel(
                councilID: councilID.uuid, personID: person.id.uuid, kind: "stage", from: nil,
                to: JourneyStage.introduced.rawValue, reason: routeNote, staffID: recordedBy?.uuid, at: now
            ).create(on: db)
            if let coordinatorID = person.coordinatorID {
                try await JourneyEventModel(
                    councilID: councilID.uuid, personID: person.id.uuid, kind: "coordinator", from: nil,
                    to: coordinatorID.uuid.uuidString, reason: nil, staffID: recordedBy?.uuid, at: now
                ).create(on: db)
            }
            try await Self.noticeOfIntroduction(route, councilID: councilID, recordedBy: recordedBy, at: now, on: db)
        }
        return (person, route)
    }

    /// Tells whoever a new introduction is for, in the introduction's transaction: the ward's named
    /// coordinator, or every team leader when it waits for the team. Nobody is told of what they recorded
    /// themselves.
    static func noticeOfIntroduction(
        _ route: IntroductionRoute, councilID: Council.ID, recordedBy: StaffMember.ID?, at now: Date,
        on db: any Database
    ) async throws {
        let staff = StaffStore(db)
        let outbox = OutboxStore(db)
        switch route {
        case .coordinator(let coordinatorID, let ward):
            guard coordinatorID != recordedBy, let coordinator = try await staff.find(coordinatorID) else { return }
            try await outbox.notify(coordinator, .introduction(ward: ward.name), at: now)
        case .teamLeaderQueue:
            for leader in try await staff.list(councilID: councilID, roles: [.teamLeader])
            where leader.id != recordedBy {
                try await outbox.notify(leader, .introduction(ward: nil), at: now)
            }
        }
    }

    public func introductions(of id: Person.ID) async throws -> [Introduction] {
        try await recordsOf(
            id, in: IntroductionModel.schema,
            [
                "id", "source", "introducer_name", "introducer_contact", "what_matters", "received_at",
                "via_public_page", "route_note",
            ]
        )
        .orderBy("received_at", .descending).all()
        .map {
            Introduction(
                id: .init(try $0.decode(column: "id", as: UUID.self)), personID: id,
                source: IntroductionSource(rawValue: try $0.decode(column: "source", as: String.self)) ?? .other,
                introducerName: try $0.decode(column: "introducer_name", as: String.self),
                introducerContact: try $0.decode(column: "introducer_contact", as: String.self),
                whatMatters: try $0.decode(column: "what_matters", as: String.self),
                receivedAt: try $0.decode(column: "received_at", as: Date.self),
                viaPublicPage: try $0.decode(column: "via_public_page", as: Bool.self),
                routeNote: try $0.decode(column: "route_note", as: String.self))
        }
    }

    /// `columns` of a person's rows in one of the tables of their record, read with SQLKit: a person's
    /// page reads each of their lists on every view, and Fluent would hydrate every row by reflection.
    /// Entries struck out (`struck_at`) are left out: they leave the record's lists and every count.
    func recordsOf(_ id: Person.ID, in table: String, _ columns: [String]) throws -> SQLSelectBuilder {
        let query = try database.sql.select().columns(columns.map { SQLColumn($0) }).from(table)
            .where("council_id", .equal, councilID.uuid).where("person_id", .equal, id.uuid)
        return PersonTables.correctable.contains(table)
            ? query.where(SQLColumn("struck_at"), .is, SQLLiteral.null) : query
    }

    // MARK: Finding people

    /// Full names of the given people of this council, in one query (absent ids are left out).
    public func names(of ids: [Person.ID]) async throws -> [Person.ID: String] {
        if ids.isEmpty { return [:] }
        let rows = try await select([SQLColumn("id"), SQLColumn("full_name")]).where("id", .in, ids.map(\.uuid))
            .all()
        return Dictionary(
            try rows.map {
                (
                    Person.ID(try $0.decode(column: "id", as: UUID.self)),
                    try $0.decode(column: "full_name", as: String.self)
                )
            }, uniquingKeysWith: { first, _ in first })
    }

    public func find(_ id: Person.ID) async throws -> Person {
        guard let row = try await records().where("id", .equal, id.uuid).first() else {
            throw AlongsideError.notFound(.person)
        }
        return try PersonRow.person(row)
    }

    /// People waiting for the team leader: active, with nobody named.
    public func queue() async throws -> [Person] {
        try await records().where(SQLColumn("coordinator_id"), .is, SQLLiteral.null)
            .where("stage", .notEqual, JourneyStage.ended.rawValue).orderBy("created_at").orderBy("id").all()
            .map(PersonRow.person)
    }

    /// Active people by coordinator and stage, for the team leader's view.
    public func stageCounts() async throws -> [StaffMember.ID: [JourneyStage: Int]] {
        let rows = try await database.sql.select().column("coordinator_id").column("stage").from(PersonModel.schema)
            .where("council_id", .equal, councilID.uuid).where(SQLColumn("merged_into_id"), .is, SQLLiteral.null)
            .where("stage", .notEqual, JourneyStage.ended.rawValue)
            .where(SQLColumn("coordinator_id"), .isNot, SQLLiteral.null).all()
        var counts: [StaffMember.ID: [JourneyStage: Int]] = [:]
        for row in rows {
            guard let coordinator = try row.decode(column: "coordinator_id", as: UUID?.self),
                let stage = JourneyStage(rawValue: try row.decode(column: "stage", as: String.self))
            else { continue }
            counts[.init(coordinator), default: [:]][stage, default: 0] += 1
        }
        return counts
    }

    /// Active Level 2 people with no contact since `before` (never contacted: introduced before it), those
    /// never contacted first, then the longest since contact; worked out in SQL alone, so the limit cuts
    /// the same list on SQLite and PostgreSQL (which sort an empty date at opposite ends).
    public func notSeen(since before: Date, limit: Int = 50) async throws -> [Person] {
        let lastSeen = SQLFunction("COALESCE", args: SQLColumn("last_contact_at"), SQLColumn("created_at"))
        let neverContacted = SQLRaw("CASE WHEN last_contact_at IS NULL THEN 0 ELSE 1 END")
        return try await records().where("stage", .notEqual, JourneyStage.ended.rawValue)
            .where("level", .equal, SupportLevel.two.rawValue)
            .where(SQLBinaryExpression(lastSeen, .lessThan, SQLBind(before)))
            .orderBy(neverContacted).orderBy(lastSeen).orderBy("id").limit(limit).all().map(PersonRow.person)
    }

    /// Searches by name, postcode, phone or email within the council. With `partialPhonesOnly` (a
    /// coordinator's own id), part of a phone number matches only that coordinator's people; anyone else's
    /// only by the whole number, so the search cannot be used to spell out someone's number digit by digit.
    public func search(_ text: String, limit: Int = 50, partialPhonesOnly: StaffMember.ID? = nil) async throws
        -> [Person]
    {
        guard let query = try searchQuery(text, limit: limit, partialPhonesOnly: partialPhonesOnly) else { return [] }
        return try await query.all().map(PersonRow.person)
    }

    /// The search's one statement, or nil when the text can match nothing (under two characters).
    func searchQuery(_ text: String, limit: Int, partialPhonesOnly: StaffMember.ID? = nil) throws -> SQLSelectBuilder? {
        let query = text.trimmingCharacters(in: .whitespaces)
        guard query.count >= 2 else { return nil }
        let digits = Person.normalisedPhone(query)
        let postcode = Postcode(query)
        let words = DuplicateCheck.normalisedName(query).split(separator: " ").map(String.init)
        var conditions: [any SQLExpression] = []
        if digits.count >= 5 {
            let partial = SQLBinaryExpression(SQLColumn("phone_digits"), .like, SQLBind("%\(digits)%"))
            if let own = partialPhonesOnly {
                conditions.append(
                    SQLGroupExpression(
                        SQLList(
                            [
                                SQLGroupExpression(
                                    SQLList(
                                        [
                                            partial,
                                            SQLBinaryExpression(SQLColumn("coordinator_id"), .equal, SQLBind(own.uuid)),
                                        ],
                                        separator: SQLRaw(" AND "))),
                                SQLBinaryExpression(SQLColumn("phone_digits"), .equal, SQLBind(digits)),
                            ], separator: SQLRaw(" OR "))))
            } else {
                conditions.append(partial)
            }
        }
        if let postcode {
            conditions.append(SQLBinaryExpression(SQLColumn("postcode"), .equal, SQLBind(postcode.value)))
        }
        if query.contains("@") {
            conditions.append(SQLBinaryExpression(SQLColumn("email"), .equal, SQLBind(query.lowercased())))
        }
        if !words.isEmpty {
            // Every word somewhere in the name (`name_key`: lower-cased, without accents).
            conditions.append(
                SQLGroupExpression(
                    SQLList(
                        words.map { SQLBinaryExpression(SQLColumn("name_key"), .like, SQLBind("%\($0)%")) },
                        separator: SQLRaw(" AND "))))
        }
        if conditions.isEmpty { return nil }
        return try records().where(SQLGroupExpression(SQLList(conditions, separator: SQLRaw(" OR "))))
            .orderBy("full_name").limit(limit)
    }

    /// A page of people, optionally one coordinator's or at one stage.
    public func page(
        page: Int, per: Int, coordinatorID: StaffMember.ID? = nil, stage: JourneyStage? = nil
    ) async throws -> Paged<Person> {
        func chosen(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            var query = query
            if let coordinatorID { query = query.where("coordinator_id", .equal, coordinatorID.uuid) }
            if let stage { query = query.where("stage", .equal, stage.rawValue) }
            return query
        }
        let total =
            try await chosen(select([SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n"))]))
            .first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await chosen(records()).orderBy("full_name").orderBy("id").limit(per)
            .offset((page - 1) * per).all()
        return Paged(items: try rows.map(PersonRow.person), metadata: .init(page: page, per: per, total: total))
    }

    /// People in the council who are likely the same as the candidate, with the reasons.
    /// With `nameAloneCounts` false (a record's own page), people who share only a name are left out, so
    /// the pool is read by phone, email, date of birth and postcode alone, through their indexes, instead
    /// of scanning every name in the council.
    public func likelyDuplicates(
        of candidate: DuplicateCheck.Candidate, excluding: Person.ID? = nil, nameAloneCounts: Bool = true
    ) async throws -> [(person: Person, reasons: [String])] {
        let digits = Person.normalisedPhone(candidate.phone)
        let surname =
            DuplicateCheck.normalisedName(candidate.fullName).split(separator: " ").last.map(String.init) ?? ""
        let first = DuplicateCheck.normalisedName(candidate.fullName).split(separator: " ").first.map(String.init) ?? ""
        // The pool is read narrow (only what the check compares), then only the matches are read whole:
        // a common surname brings hundreds of candidates on every view of a record.
        // Each alternative carries the council, so every one is a search of its own index (SQLite's
        // multi-index OR) rather than a scan of the council's people.
        // The strongest evidence (date of birth, email, phone) is read whole, so a real match is never cut off
        // by the limit; the weaker (postcode, a piece of a name) fills the rest of a pool of 500.
        let council = SQLBinaryExpression(SQLColumn("council_id"), .equal, SQLBind(councilID.uuid))
        func either(_ column: String, _ op: SQLBinaryOperator, _ value: String) -> any SQLExpression {
            SQLGroupExpression(
                SQLBinaryExpression(council, .and, SQLBinaryExpression(SQLColumn(column), op, SQLBind(value))))
        }
        var strong: [any SQLExpression] = []
        var weak: [any SQLExpression] = []
        if let dob = candidate.dateOfBirth { strong.append(either("date_of_birth", .equal, dob)) }
        if digits.count >= 7 { strong.append(either("phone_digits", .equal, digits)) }
        if !candidate.email.isEmpty { strong.append(either("email", .equal, candidate.email.lowercased())) }
        if !candidate.postcode.isEmpty { weak.append(either("postcode", .equal, candidate.postcode)) }
        if nameAloneCounts && surname.count >= 2 { weak.append(either("name_key", .like, "%\(surname.prefix(3))%")) }
        if nameAloneCounts && first.count >= 2 { weak.append(either("name_key", .like, "%\(first.prefix(3))%")) }
        func read(_ conditions: [any SQLExpression], limit: Int) async throws -> [Person] {
            if conditions.isEmpty { return [] }
            return try await database.sql.select()
                .columns(
                    ["id", "full_name", "date_of_birth", "phone", "email", "postcode", "created_at"].map {
                        SQLColumn($0)
                    }
                )
                .from(PersonModel.schema).where(SQLColumn("merged_into_id"), .is, SQLLiteral.null)
                .where(SQLGroupExpression(SQLList(conditions, separator: SQLRaw(" OR "))))
                .limit(limit).all()
                .map { row in
                    Person(
                        id: .init(try row.decode(column: "id", as: UUID.self)), councilID: councilID,
                        fullName: try row.decode(column: "full_name", as: String.self),
                        dateOfBirth: try row.decode(column: "date_of_birth", as: String?.self),
                        phone: try row.decode(column: "phone", as: String.self),
                        email: try row.decode(column: "email", as: String.self),
                        postcode: try row.decode(column: "postcode", as: String.self),
                        createdAt: try row.decode(column: "created_at", as: Date.self))
                }
        }
        let strongPool = try await read(strong, limit: 5_000)
        let seen = Set(strongPool.map(\.id))
        let weakPool = try await read(weak, limit: 500).filter { !seen.contains($0.id) }
        let pool = (strongPool + weakPool).filter { $0.id != excluding }
        let matches = DuplicateCheck.likelyMatches(for: candidate, among: pool).filter {
            nameAloneCounts || !$0.byNameAlone
        }
        if matches.isEmpty { return [] }
        let whole = Dictionary(
            uniqueKeysWithValues: try await records().where("id", .in, matches.map(\.personID.uuid)).all().map {
                let person = try PersonRow.person($0)
                return (person.id, person)
            })
        return matches.compactMap { match in whole[match.personID].map { ($0, match.reasons) } }
    }

    // MARK: The journey

    public func changeStage(
        _ id: Person.ID, to stage: JourneyStage, reason: EndReason?, expectedVersion: Int? = nil,
        by staffID: StaffMember.ID?, at now: Date
    ) async throws -> Person {
        var person = try await find(id)
        try await requireVersion(expectedVersion, current: person.version, of: id.uuid)
        try JourneyRules.check(from: person.stage, to: stage, reason: reason)
        let from = person.stage
        let read = person
        person.stage = stage
        person.endReason = stage == .ended ? reason : nil
        person.version += 1
        let councilID = self.councilID
        try await save(person) { db in
            _ = try await PeopleStore(db, councilID: councilID).bumpVersion(of: read)
            try await JourneyEventModel(
                councilID: councilID.uuid, personID: id.uuid, kind: "stage", from: from.rawValue, to: stage.rawValue,
                reason: reason?.rawValue, staffID: staffID?.uuid, at: now
            ).create(on: db)
        }
        return person
    }

    /// Hands the person to another coordinator (or to the team leader's queue with nil). History is kept,
    /// with the handover note when one is given; the new coordinator is told by email (unless they did it
    /// themselves, or `tell` is false because the caller tells them once for many).
    public func assign(
        _ id: Person.ID, to coordinatorID: StaffMember.ID?, by staffID: StaffMember.ID?, at now: Date,
        note: String? = nil, tell: Bool = true
    ) async throws -> Person {
        var person = try await find(id)
        if let coordinatorID {
            guard let member = try await StaffStore(database).find(coordinatorID), member.councilID == councilID,
                member.role.canCoverWard
            else {
                throw PersonProblem.coordinatorMissing
            }
        }
        guard person.coordinatorID != coordinatorID else { return person }
        let from = person.coordinatorID
        person.coordinatorID = coordinatorID
        person.queueReason = coordinatorID == nil ? IntroductionRoute.QueueReason.returned.rawValue : nil
        try await save(person) { db in
            try await JourneyEventModel(
                councilID: councilID.uuid, personID: id.uuid, kind: "coordinator", from: from?.uuid.uuidString,
                to: coordinatorID?.uuid.uuidString, reason: note.flatMap { $0.isEmpty ? nil : String($0.prefix(500)) },
                staffID: staffID?.uuid, at: now
            ).create(on: db)
            if tell, let coordinatorID, coordinatorID != staffID,
                let coordinator = try await StaffStore(db).find(coordinatorID)
            {
                try await OutboxStore(db).notify(coordinator, .handover(people: 1), at: now)
            }
        }
        return person
    }

    /// Every stage change and handover, newest first, in words.
    public func history(of id: Person.ID) async throws -> [JourneyEvent] {
        try await journey(of: id, names: nil).history
    }

    /// A person's history and everyone who has been their coordinator (earliest first), from one read of their journey events (with
    /// SQLKit), for their page. `names` (from `staffNames()`) saves reading them again.
    public func journey(of id: Person.ID, names: [UUID: String]?) async throws -> (
        history: [JourneyEvent], coordinators: [String]
    ) {
        let events = try await recordsOf(
            id, in: JourneyEventModel.schema, ["kind", "from_value", "to_value", "reason", "staff_id", "at"]
        )
        .orderBy("at").all()
        .map { row in
            (
                kind: try row.decode(column: "kind", as: String.self),
                from: try row.decode(column: "from_value", as: String?.self),
                to: try row.decode(column: "to_value", as: String?.self),
                reason: try row.decode(column: "reason", as: String?.self),
                staffID: try row.decode(column: "staff_id", as: UUID?.self),
                at: try row.decode(column: "at", as: Date.self)
            )
        }
        let names = if let names { names } else { try await staffNames() }
        var coordinators: [String] = []
        for event in events where event.kind == "coordinator" {
            if let name = event.to.flatMap(UUID.init(uuidString:)).flatMap({ names[$0] }),
                !coordinators.contains(name)
            {
                coordinators.append(name)
            }
        }
        let history = events.reversed().map { event in
            let who = event.staffID.flatMap { names[$0] } ?? Wording.current("people.history.by-introduction")
            let summary: String
            if event.kind == "coordinator" {
                let to = event.to.flatMap(UUID.init(uuidString:)).flatMap { names[$0] }
                let from = event.from.flatMap(UUID.init(uuidString:)).flatMap { names[$0] }
                let note = event.reason.flatMap { $0.isEmpty ? nil : ": “\($0)”" } ?? ""
                switch (from, to) {
                case (nil, let to?): summary = Wording.current("people.history.became-coordinator", to) + note
                case (let from?, let to?): summary = Wording.current("people.history.handed-over", from, to) + note
                case (let from?, nil): summary = Wording.current("people.history.handed-back", from)
                default: summary = Wording.current("people.history.coordinator-changed")
                }
            } else if event.kind == "merge" {
                // Earlier merges kept a whole sentence; newer ones the other record's name alone.
                let name = event.reason ?? ""
                summary =
                    name.isEmpty
                    ? Wording.current("people.merge.history.merged-erased")
                    : name.hasPrefix("Merged with") ? name : Wording.current("people.merge.history.merged", name)
            } else if event.kind == "level" {
                summary =
                    event.to == "2"
                    ? Wording.current("people.history.walk-alongside") : Wording.current("people.history.light-touch")
            } else if event.kind == "ward" {
                summary =
                    event.reason.map { Wording.current("people.history.moved-ward", $0) }
                    ?? Wording.current("people.history.moved-out-of-ward")
            } else if event.kind == "merge-undone" {
                summary =
                    (event.reason ?? "").isEmpty
                    ? Wording.current("people.merge.history.undone-erased")
                    : Wording.current("people.merge.history.undone", event.reason ?? "")
            } else {
                let stage = event.to.flatMap(JourneyStage.init(rawValue:))?.label ?? "?"
                if event.from == nil {
                    summary = Wording.current(
                        "people.history.introduced", IntroductionRoute.describe(note: event.reason ?? ""))
                } else if event.from == JourneyStage.ended.rawValue {
                    summary = Wording.current("people.history.came-back", stage)
                } else if let reason = event.reason.flatMap(EndReason.init(rawValue:)) {
                    summary = "\(stage): \(reason.label.lowercased())"
                } else {
                    summary = stage
                }
            }
            return JourneyEvent(at: event.at, staffName: who, summary: summary)
        }
        return (history, coordinators)
    }

    /// Every member of staff the council has had (former ones too), by id, for naming who did what.
    public func staffNames() async throws -> [UUID: String] {
        let rows = try await database.sql.select().column("id").column("name").from(StaffModel.schema)
            .where("council_id", .equal, councilID.uuid).all()
        return Dictionary(
            try rows.map {
                (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "name", as: String.self))
            },
            uniquingKeysWith: { first, _ in first })
    }

    /// Saves the person's row and whatever else `also` writes, in one transaction.
    func save(_ person: Person, also: @escaping @Sendable (any Database) async throws -> Void = { _ in }) async throws {
        let councilID = self.councilID
        try await database.change { db in
            guard
                let model = try await PersonModel.query(on: db).filter(\.$councilID == councilID.uuid)
                    .filter(\.$id == person.id.uuid).first()
            else { throw AlongsideError.notFound(.person) }
            model.apply(person)
            try await model.save(on: db)
            try await also(db)
        }
    }
}
