import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// People, introductions, conversations, steps, relationships and journeys over JSON. Same rules as the
/// pages: council-scoped (another council's person is 404, exactly like a missing one), coordinators
/// open people not on their caseload only with an `X-Alongside-Reason` header, and every access is audited.
struct PeopleAPIController: RouteCollection {
    static let reasonHeader = "X-Alongside-Reason"

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(BearerTokenAuthenticator(), RequireBearer())
        api.post(.api(.introductions), use: introduce)
        api.get(.api(.people), use: list)
        api.get(.api(.searchPeople), use: search)
        api.get(.api(.person(.key, .record)), use: show)
        api.patch(.api(.person(.key, .record)), use: updateDetails)
        api.post(.api(.person(.key, .level)), use: changeLevel)
        api.patch(.api(.person(.key, .conversation(.key))), use: correctConversation)
        api.post(.api(.person(.key, .strikeConversation(.key))), use: strikeConversation)
        api.get(.api(.person(.key, .entries(.key))), use: entries)
        api.patch(.api(.person(.key, .entry(.key, .key))), use: correctEntry)
        api.post(.api(.person(.key, .strikeEntry(.key, .key))), use: strikeEntry)
        api.get(.api(.person(.key, .stories)), use: stories)
        api.patch(.api(.person(.key, .story(.key))), use: editStory)
        api.post(.api(.person(.key, .reviewStory(.key))), use: reviewStory)
        api.get(.api(.person(.key, .helpRequests)), use: helpRequests)
        api.patch(.api(.person(.key, .helpRequest(.key))), use: correctHelpRequest)
        api.get(.api(.person(.key, .duplicates)), use: duplicates)
        api.post(.api(.person(.key, .merge)), use: merge)
        api.get(.api(.person(.key, .conversations)), use: conversations)
        api.post(.api(.person(.key, .conversations)), use: addConversation)
        api.get(.api(.person(.key, .steps)), use: steps)
        api.post(.api(.person(.key, .steps)), use: addStep)
        api.post(.api(.person(.key, .step(.key))), use: updateStep)
        api.get(.api(.person(.key, .relationships)), use: relationships)
        api.post(.api(.person(.key, .relationships)), use: addRelationship)
        api.put(.api(.person(.key, .vision)), use: saveVision)
        api.post(.api(.person(.key, .stage)), use: changeStage)
        api.post(.api(.person(.key, .coordinator)), use: assign)
    }

    func open(
        _ req: Request, action: AuditEntry.Action = .view,
        detail: AuditEntry.Detail = .key("api.message.opened-the-record")
    ) async throws -> (SignedInStaff, Person, PeopleStore) {
        let staff = try req.staff(permitted: .workWithPeople)
        let id = try PersonController.personID(req)
        let person = try await PersonAccess.open(
            id, for: staff, on: req, action: action, detail: detail.throughAPI,
            reasonHeader: req.headers.first(name: Self.reasonHeader))
        return (staff, person, try req.stores.people)
    }

    /// Opens the person for a change and makes it: the change and its audit entry commit together in one
    /// transaction, or neither does, so a refused or failed change is never logged as done. The body works
    /// only through the store it is given.
    func change<T: Sendable>(
        _ req: Request, action: AuditEntry.Action, detail: AuditEntry.Detail,
        _ body: @escaping @Sendable (SignedInStaff, Person, PeopleStore) async throws -> T
    ) async throws -> T {
        let staff = try req.staff(permitted: .workWithPeople)
        let id = try PersonController.personID(req)
        let (person, entry) = try await PersonAccess.check(
            id, for: staff, on: req, action: action, detail: detail.throughAPI,
            reasonHeader: req.headers.first(name: Self.reasonHeader))
        return try await req.db.change { db in
            let result = try await body(staff, person, req.stores(on: db).people)
            try await req.stores(on: db).audit.record(entry)
            return result
        }
    }

    func list(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .workWithPeople)
        let (page, per) = try Paged<PeopleAPI.PersonDTO>.request(
            page: req.query[String.self, at: "page"], per: req.query[String.self, at: "per"])
        var coordinator: StaffMember.ID? = staff.member.id
        if staff.may(.leadTeam) {
            coordinator = req.query[String.self, at: "coordinator"].flatMap(StaffMember.ID.init)
        }
        var stage: JourneyStage? = nil
        if let raw = req.query[String.self, at: "stage"] {
            guard let parsed = JourneyStage(rawValue: raw) else {
                throw RequestProblem.notOneOf(field: "stage", allowed: JourneyStage.allCases.map(\.rawValue))
            }
            stage = parsed
        }
        let result = try await req.stores.people
            .page(page: page, per: per, coordinatorID: coordinator, stage: stage)
        try await req.stores.audit.record(
            AuditEntry(
                at: req.now, staffID: staff.member.id, personID: nil, action: .search,
                detail: .key("api.message.listed-people-api-page", page),
                address: req.clientAddress))
        // Written directly (`PersonDTO.write(to:)`), the same bytes as `JSONEncoder` gives.
        return result.map { PeopleAPI.PersonDTO.listed($0, for: staff) }.response()
    }

    func search(req: Request) async throws -> PeopleAPI.List<PeopleAPI.PersonDTO> {
        let staff = try req.staff(permitted: .workWithPeople)
        let query = String((req.query[String.self, at: "q"] ?? "").prefix(100))
        let found = try await req.stores.people.search(
            query, partialPhonesOnly: staff.may(.leadTeam) ? nil : staff.member.id)
        try await req.stores.audit.record(
            AuditEntry(
                at: req.now, staffID: staff.member.id, personID: nil, action: .search,
                detail: .key("api.message.searched-people-api-found", found.count), reason: query,
                address: req.clientAddress))
        return .init(items: found.map { PeopleAPI.PersonDTO.listed($0, for: staff) })
    }

    func introduce(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .workWithPeople)
        let body = try req.content.decode(PeopleAPI.IntroductionRequest.self)
        let draft: IntroductionDraft.Validated
        switch body.draft.validated(today: req.now) {
        case .failure(let validation): throw validation
        case .success(let valid): draft = valid
        }
        let store = try req.stores.people
        let now = req.now
        let detail = AuditEntry.Detail.key("api.message.recorded-an-introduction-api", draft.source.rawValue)
        let address = req.clientAddress
        // The introduction and its audit entry commit together, or neither does.
        let (person, route) = try await req.db.change { db in
            let introduced = try await req.stores(on: db).people
                .introduce(draft, recordedBy: staff.member.id, at: now)
            try await req.stores(on: db).audit.record(
                AuditEntry(
                    at: now, staffID: staff.member.id, personID: introduced.person.id, action: .create, detail: detail,
                    address: address))
            return introduced
        }
        let matches = try await store.likelyDuplicates(of: draft.candidate, excluding: person.id)
        let response = PeopleAPI.IntroductionResponse(
            person: .init(person), route: .init(route),
            likelyDuplicates: matches.map {
                .init(id: $0.person.id.description, fullName: $0.person.fullName, reasons: $0.reasons)
            })
        return try await response.encodeResponse(status: .created, for: req)
    }

    func show(req: Request) async throws -> Response {
        let (_, person, store) = try await open(req)
        let detail = PeopleAPI.PersonDetail(
            try await store.record(of: person, reading: PeopleAPI.PersonDetail.parts))
        let response = try await detail.encodeResponse(for: req)
        response.headers.replaceOrAdd(name: .eTag, value: Self.etag(person.version))
        return response
    }

    /// A version as an entity tag.
    static func etag(_ version: Int) -> String { "\"\(version)\"" }

    /// The version an `If-Match` header names: nil when there is none (or `*`), and the change applies to
    /// the record as it is; a problem when it names no version of ours.
    static func ifMatch(_ req: Request) throws -> Int? {
        guard let header = req.headers.first(name: .ifMatch)?.trimmingCharacters(in: .whitespaces),
            header != "*"
        else { return nil }
        var tag = header.hasPrefix("W/") ? String(header.dropFirst(2)) : header
        if tag.hasPrefix("\"") && tag.hasSuffix("\"") && tag.count >= 2 { tag = String(tag.dropFirst().dropLast()) }
        guard let version = try? CheckedNumber.parse(tag, field: "If-Match", in: 0...Int(Int32.max)) else {
            throw RequestProblem.ifMatchUnreadable
        }
        return version
    }

    /// Runs a change that checks a version, answering 409 with what changed (and the `ETag` to send next)
    /// when the record moved on since the client read it.
    func checked<T: Sendable>(
        _ req: Request, action: AuditEntry.Action, detail: AuditEntry.Detail,
        _ body: @escaping @Sendable (SignedInStaff, Person, PeopleStore) async throws -> T
    ) async throws -> T {
        do {
            return try await change(req, action: action, detail: detail, body)
        } catch let changed as RecordChanged {
            _ = try req.staff(permitted: .workWithPeople)
            let names = try await req.stores.people.staffNames()
            throw Abort(
                .conflict, headers: [HTTPHeaders.Name.eTag.description: Self.etag(changed.currentVersion)],
                reason: PersonController.describe(changed, names: names))
        }
    }

    func updateDetails(req: Request) async throws -> Response {
        let body = try req.content.decode(PeopleAPI.DetailsRequest.self)
        let expected = try Self.ifMatch(req)
        let updated = try await checked(
            req, action: .update, detail: .key("people.page.updated-their-details")
        ) { staff, person, store in
            var draft = IntroductionDraft()
            draft.fullName = body.fullName ?? person.fullName
            draft.preferredName = body.preferredName ?? person.preferredName
            draft.dateOfBirth = body.dateOfBirth ?? person.dateOfBirth ?? ""
            draft.phone = body.phone ?? person.phone
            draft.email = body.email ?? person.email
            draft.contactPreference =
                body.contactPreference.map(ContactPreference.init(rawValue:)) ?? person.contactPreference
            draft.preferredLanguage =
                body.preferredLanguage.map(Language.init(code:)) ?? person.preferredLanguage
            draft.address = body.address ?? person.address
            draft.postcode = body.postcode ?? person.postcode
            draft.ownWords = body.ownWords ?? person.ownWords
            draft.categories = body.categories?.compactMap(ReportingCategory.init(rawValue:)) ?? person.categories
            let changed = try person.changingDetails(
                draft, household: body.household ?? person.household, contactPreference: body.contactPreference,
                preferredLanguage: body.preferredLanguage, categories: body.categories, today: req.now)
            return try await store.updateDetails(
                changed, expectedVersion: expected, reason: body.reason ?? "", by: staff.member.id, at: req.now)
        }
        let response = try await PeopleAPI.PersonDTO(updated).encodeResponse(for: req)
        response.headers.replaceOrAdd(name: .eTag, value: Self.etag(updated.version))
        return response
    }

    func changeLevel(req: Request) async throws -> Response {
        let body = try req.content.decode(PeopleAPI.LevelRequest.self)
        guard let level = SupportLevel(rawValue: body.level) else {
            throw RequestProblem.levelMissing
        }
        let expected = try Self.ifMatch(req)
        let updated = try await checked(
            req, action: .update, detail: .key("people.level.changed-their-level")
        ) { staff, person, store in
            try await store.setLevel(person.id, to: level, expectedVersion: expected, by: staff.member.id, at: req.now)
        }
        let response = try await PeopleAPI.PersonDTO(updated).encodeResponse(for: req)
        response.headers.replaceOrAdd(name: .eTag, value: Self.etag(updated.version))
        return response
    }

    func correctConversation(req: Request) async throws -> PeopleAPI.ConversationDTO {
        let body = try req.content.decode(PeopleAPI.CorrectionRequest.self)
        let conversationID = try PersonController.conversationID(req)
        let expected = try Self.ifMatch(req)
        if let raw = body.place, Conversation.Place(rawValue: raw) == nil {
            throw RequestProblem.notOneOf(field: "place", allowed: Conversation.Place.allCases.map(\.rawValue))
        }
        return try await checked(
            req, action: .update, detail: .key("people.correction.corrected-a-conversation")
        ) { staff, person, store in
            guard let current = try await store.conversations(of: person.id).first(where: { $0.id == conversationID })
            else { throw AlongsideError.notFound(.conversation) }
            try await store.correctConversation(
                conversationID, of: person.id, happenedOn: body.happenedOn ?? current.happenedOn,
                minutes: body.minutes ?? current.minutes,
                place: body.place.flatMap(Conversation.Place.init(rawValue:)) ?? current.place,
                whoWasThere: body.whoWasThere ?? current.whoWasThere, notes: body.notes ?? current.notes,
                reason: body.reason ?? "", expectedVersion: expected, by: staff.member.id,
                mayCorrectOthers: staff.may(.leadTeam), at: req.now)
            guard let corrected = try await store.conversations(of: person.id).first(where: { $0.id == conversationID })
            else { throw AlongsideError.notFound(.conversation) }
            return PeopleAPI.ConversationDTO(corrected)
        }
    }

    /// The entries of one kind on the record, with the values a correction may change and their versions.
    func entries(req: Request) async throws -> PeopleAPI.List<PeopleAPI.EntryDTO> {
        guard let entry = req.parameters.get(.entry).flatMap(Correction.Entry.init(rawValue:)),
            RecordEntry.of(entry) != nil
        else { throw AlongsideError.notFound(.entry) }
        let (_, person, store) = try await open(req, detail: .key("api.message.read-entries"))
        return .init(
            items: try await store.entryStates(entry, of: person.id).values.sorted { $0.recordedAt < $1.recordedAt }
                .map { PeopleAPI.EntryDTO(entry: entry, state: $0) })
    }

    func correctEntry(req: Request) async throws -> PeopleAPI.EntryDTO {
        let (entry, id) = try EntriesController.entry(req)
        let body = try req.content.decode([String: String].self)
        let expected = try Self.ifMatch(req)
        return try await checked(
            req, action: .update, detail: .key("people.entry.corrected", entry.rawValue)
        ) { staff, person, store in
            let fields = RecordEntry.of(entry)?.fields.map(\.name) ?? []
            if let unknown = body.keys.first(where: { !fields.contains($0) && $0 != "reason" }) {
                throw RequestProblem.unknownField(field: unknown, name: String(unknown.prefix(40)))
            }
            try await store.correctEntry(
                entry, id, of: person.id, values: body.filter { fields.contains($0.key) }, reason: body["reason"] ?? "",
                expectedVersion: expected, by: staff.member.id, mayCorrectOthers: staff.may(.leadTeam), at: req.now)
            guard let state = try await store.entryStates(entry, of: person.id)[id] else {
                throw AlongsideError.notFound(.entry)
            }
            return PeopleAPI.EntryDTO(entry: entry, state: state)
        }
    }

    func strikeEntry(req: Request) async throws -> Response {
        let (entry, id) = try EntriesController.entry(req)
        let body = try req.content.decode(PeopleAPI.StrikeRequest.self)
        let expected = try Self.ifMatch(req)
        try await checked(req, action: .update, detail: .key("people.entry.struck-out", entry.rawValue)) {
            staff, person, store in
            try await store.strikeOutEntry(
                entry, id, of: person.id, reason: body.reason, expectedVersion: expected, by: staff.member.id,
                mayCorrectOthers: staff.may(.leadTeam), at: req.now)
        }
        return Response(status: .noContent)
    }

    func strikeConversation(req: Request) async throws -> Response {
        let body = try req.content.decode(PeopleAPI.StrikeRequest.self)
        let conversationID = try PersonController.conversationID(req)
        let expected = try Self.ifMatch(req)
        try await checked(
            req, action: .update, detail: .key("people.correction.struck-out-a-conversation")
        ) { staff, person, store in
            try await store.strikeOutConversation(
                conversationID, of: person.id, reason: body.reason, expectedVersion: expected, by: staff.member.id,
                mayCorrectOthers: staff.may(.leadTeam), at: req.now)
        }
        return Response(status: .noContent)
    }

    func duplicates(req: Request) async throws -> PeopleAPI.List<PeopleAPI.MatchDTO> {
        let (_, person, store) = try await open(req)
        let matches = try await store.likelyDuplicates(
            of: .init(
                fullName: person.fullName, dateOfBirth: person.dateOfBirth, phone: person.phone, email: person.email,
                postcode: person.postcode), excluding: person.id)
        return .init(
            items: matches.map {
                .init(id: $0.person.id.description, fullName: $0.person.fullName, reasons: $0.reasons)
            })
    }

    func merge(req: Request) async throws -> PeopleAPI.PersonDTO {
        let body = try req.content.decode(PeopleAPI.MergeRequest.self)
        guard let duplicate = Person.ID(body.duplicateID) else { throw AlongsideError.notFound(.person) }
        let (taking, unknown) = PersonMerge.fields(named: body.take ?? [])
        if let unknown {
            throw RequestProblem.unknownField(field: "take", name: String(unknown.prefix(40)))
        }
        let reason = req.headers.first(name: Self.reasonHeader)
        let expected = try Self.ifMatch(req)
        return try await checked(
            req, action: .merge, detail: .key("api.message.merged-a-duplicate-into-this-record")
        ) { staff, person, store in
            _ = try await PersonAccess.open(
                duplicate, for: staff, on: req, action: .merge,
                detail: .key("api.message.merged-into-api", person.id), reasonHeader: reason,
                database: store.db)
            try await store.merge(
                duplicate, into: person.id, taking: taking, expectedVersions: (expected, nil), by: staff.member.id,
                at: req.now)
            return .init(try await store.find(person.id))
        }
    }

    func conversations(req: Request) async throws -> Paged<PeopleAPI.ConversationDTO> {
        let (_, person, store) = try await open(req, detail: .key("api.message.read-conversations"))
        let (page, per) = try Paged<PeopleAPI.ConversationDTO>.request(
            page: req.query[String.self, at: "page"], per: req.query[String.self, at: "per"])
        let all = try await store.conversations(of: person.id)
        let slice = all.page(page, per: per)
        return Paged(
            items: slice.map(PeopleAPI.ConversationDTO.init), metadata: .init(page: page, per: per, total: all.count))
    }

    func addConversation(req: Request) async throws -> Response {
        let body = try req.content.decode(PeopleAPI.ConversationRequest.self)
        guard let place = Conversation.Place(rawValue: body.place ?? "home") else {
            throw RequestProblem.notOneOf(field: "place", allowed: Conversation.Place.allCases.map(\.rawValue))
        }
        let created = try await change(
            req, action: .update, detail: .key("api.message.recorded-a-conversation")
        ) { staff, person, store in
            let newID = try await store.addConversation(
                to: person.id, by: staff.member.id, happenedOn: body.happenedOn, minutes: body.minutes, place: place,
                whoWasThere: body.whoWasThere ?? "", notes: body.notes ?? "", at: req.now)
            guard let latest = try await store.conversations(of: person.id).first(where: { $0.id == newID }) else {
                throw Abort(.internalServerError)
            }
            return PeopleAPI.ConversationDTO(latest)
        }
        return try await created.encodeResponse(status: .created, for: req)
    }

    func steps(req: Request) async throws -> PeopleAPI.List<PeopleAPI.StepDTO> {
        let (_, person, store) = try await open(req, detail: .key("api.message.read-steps"))
        return .init(items: try await store.steps(of: person.id).map(PeopleAPI.StepDTO.init))
    }

    func addStep(req: Request) async throws -> Response {
        let body = try req.content.decode(PeopleAPI.StepRequest.self)
        let created = try await change(req, action: .update, detail: .key("api.message.added-a-step")) {
            _, person, store in
            PeopleAPI.StepDTO(
                try await store.addStep(
                    to: person.id, what: body.what, who: body.who ?? "", dueOn: body.dueOn ?? "", at: req.now))
        }
        return try await created.encodeResponse(status: .created, for: req)
    }

    func updateStep(req: Request) async throws -> PeopleAPI.StepDTO {
        let body = try req.content.decode(PeopleAPI.StepUpdate.self)
        guard let stepID = req.parameters.get(.stepID).flatMap(Step.ID.init) else {
            throw AlongsideError.notFound(.step)
        }
        return try await change(req, action: .update, detail: .key("api.message.updated-a-step")) {
            _, person, store in
            try await store.setStep(stepID, of: person.id, done: body.done, at: req.now)
            guard let step = try await store.steps(of: person.id).first(where: { $0.id == stepID }) else {
                throw AlongsideError.notFound(.step)
            }
            return .init(step)
        }
    }

    func relationships(req: Request) async throws -> PeopleAPI.List<PeopleAPI.RelationshipDTO> {
        let (_, person, store) = try await open(req, detail: .key("api.message.read-relationships"))
        return .init(items: try await store.peopleInLife(of: person.id).map(PeopleAPI.RelationshipDTO.init))
    }

    func addRelationship(req: Request) async throws -> Response {
        let body = try req.content.decode(PeopleAPI.RelationshipRequest.self)
        guard let kind = PersonInLife.Kind(rawValue: body.kind) else {
            throw RequestProblem.notOneOf(field: "kind", allowed: PersonInLife.Kind.allCases.map(\.rawValue))
        }
        guard let closeness = PersonInLife.Closeness(rawValue: body.closeness) else {
            throw RequestProblem.closenessUnknown
        }
        let created = try await change(
            req, action: .update, detail: .key("api.message.added-someone-in-their-life")
        ) { _, person, store in
            PeopleAPI.RelationshipDTO(
                try await store.addPersonInLife(
                    to: person.id, name: body.name, kind: kind, closeness: closeness, note: body.note ?? "",
                    at: req.now))
        }
        return try await created.encodeResponse(status: .created, for: req)
    }

    func saveVision(req: Request) async throws -> PeopleAPI.VisionDTO {
        let body = try req.content.decode(PeopleAPI.VisionDTO.self)
        let expected = try Self.ifMatch(req)
        return try await checked(req, action: .update, detail: .key("api.message.updated-their-good-life")) {
            staff, person, store in
            try await store.saveVision(
                GoodLifeVision(
                    vision: body.vision, strengths: body.strengths, giftsAndInterests: body.giftsAndInterests,
                    whatMatters: body.whatMatters), for: person.id, expectedVersion: expected, by: staff.member.id,
                at: req.now)
            return body
        }
    }

    func changeStage(req: Request) async throws -> PeopleAPI.PersonDTO {
        let body = try req.content.decode(PeopleAPI.StageRequest.self)
        guard let stage = JourneyStage(rawValue: body.stage) else {
            throw RequestProblem.notOneOf(field: "stage", allowed: JourneyStage.allCases.map(\.rawValue))
        }
        var reason: EndReason? = nil
        if let raw = body.reason {
            guard let parsed = EndReason(rawValue: raw) else {
                throw RequestProblem.notOneOf(field: "reason", allowed: EndReason.allCases.map(\.rawValue))
            }
            reason = parsed
        }
        let ending = reason
        return try await change(req, action: .stage, detail: .key("api.message.changed-their-stage")) {
            staff, person, store in
            .init(try await store.changeStage(person.id, to: stage, reason: ending, by: staff.member.id, at: req.now))
        }
    }

    func assign(req: Request) async throws -> PeopleAPI.PersonDTO {
        _ = try req.staff(permitted: .leadTeam)
        let body = try req.content.decode(PeopleAPI.CoordinatorRequest.self)
        var coordinator: StaffMember.ID? = nil
        if let raw = body.coordinatorID {
            guard let id = StaffMember.ID(raw) else {
                throw RequestProblem.coordinatorIDUnreadable
            }
            coordinator = id
        }
        let chosen = coordinator
        return try await change(req, action: .assign, detail: .key("api.message.changed-their-coordinator")) {
            staff, person, store in
            .init(try await store.assign(person.id, to: chosen, by: staff.member.id, at: req.now))
        }
    }
}
