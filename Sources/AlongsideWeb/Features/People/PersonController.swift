import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// A person's record and everything recorded on it. Every opening and every change is audited.
struct PersonController: RouteCollection {
    struct ReasonPage: Encodable {
        let page: PageContext
        let name: String
        let action: String
        let errors: [FormError]
        let fieldErrors: [String: String]
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get(.person(.key), use: show)
        signedIn.post(.person(.key, .open), use: giveReason)
        signedIn.post(.person(.key, .conversations), use: addConversation)
        signedIn.post(.person(.key, .conversation(.key)), use: correctConversation)
        signedIn.post(.person(.key, .strikeConversation(.key)), use: strikeConversation)
        signedIn.post(.person(.key, .vision), use: saveVision)
        signedIn.post(.person(.key, .steps), use: addStep)
        signedIn.post(.person(.key, .step(.key)), use: toggleStep)
        signedIn.post(.person(.key, .people), use: addPersonInLife)
        signedIn.post(.person(.key, .stage), use: changeStage)
        signedIn.post(.person(.key, .level), use: changeLevel)
        signedIn.post(.person(.key, .coordinator), use: assign)
        signedIn.post(.person(.key, .details), use: updateDetails)
        signedIn.post(.person(.key, .measures), use: addMeasure)
        signedIn.post(.person(.key, .outcomes), use: addOutcome)
    }

    static func personID(_ req: Request) throws -> Person.ID {
        guard let raw = req.parameters.get(.personID), let id = Person.ID(raw) else {
            throw AlongsideError.notFound(.person)
        }
        return id
    }

    func show(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .workWithPeople)
        let id = try Self.personID(req)
        do {
            let person = try await PersonAccess.open(id, for: staff, on: req)
            let saved = req.query[String.self, at: "saved"]
            let notice = saved.flatMap(Self.notices)
            // Shown in the section saved, beside what changed; at the top when it is about the whole record.
            let section =
                req.query[String.self, at: "at"].flatMap { Self.sections.contains($0) ? $0 : nil }
                ?? saved.flatMap { Self.noticeSections[$0] }
            let record = try await req.stores.people
                .record(of: person, reading: PersonPage.parts(for: staff))
            return try await req.view.render(
                .peopleShow,
                PersonPage.build(req: req, staff: staff, record: record, notice: notice, noticeSection: section)
            ).encodeResponse(for: req)
        } catch let needed as PersonAccess.ReasonNeeded {
            return try await reasonPage(req, person: needed.person, errors: [])
        } catch AlongsideError.notFound(.person) {
            // An old link to a record merged into another: the record it now lives on.
            if let kept = try await req.stores.people.keptRecord(for: id) {
                return req.redirect(to: SitePath.person(.value(kept)).path + "?saved=moved-by-merge")
            }
            throw AlongsideError.notFound(.person)
        }
    }

    static func notices(_ key: String) -> String? {
        [
            "conversation": Wording.current("people.page.conversation-saved"),
            "vision": Wording.current("people.page.their-good-life-saved"),
            "step": Wording.current("people.page.step-added"),
            "step-done": Wording.current("people.page.step-updated"),
            "people": Wording.current("people.page.added-to-the-people-in-their"),
            "stage": Wording.current("people.page.stage-changed"),
            "coordinator": Wording.current("people.page.coordinator-changed"),
            "merged": Wording.current("people.page.records-merged-everything-from-both-is"),
            "merge-undone": Wording.current("people.merge.undone-notice"),
            "corrected": Wording.current("people.correction.corrected-notice"),
            "struck": Wording.current("people.correction.struck-notice"),
            "level": Wording.current("people.level.changed-notice"),
            "programme-left": Wording.current("programmes.page.left-notice"),
            "moved-by-merge": Wording.current("people.merge.moved-by-merge"),
            "introduced": Wording.current("people.page.introduction-recorded"),
            "details": Wording.current("people.page.their-details-saved"),
            "measure": Wording.current("people.page.measure-saved"),
            "outcome": Wording.current("people.page.outcome-saved"),
            "programme": Wording.current("people.page.added-to-the-programme"),
            "story": Wording.current("people.page.story-saved-the-team-leader-will"),
            "connection": Wording.current("people.notice.connection-saved"),
            "contribution": Wording.current("people.notice.contribution-saved"),
            "consent": Wording.current("people.notice.consent-saved"),
            "help": Wording.current("people.notice.help-asked"),
        ][key]
    }

    /// The section each confirmation belongs in, when the way back does not say.
    static let noticeSections: [String: String] = [
        "conversation": "conversations", "vision": "good-life", "step": "steps", "step-done": "steps",
        "people": "their-people", "stage": "journey", "coordinator": "journey", "level": "journey",
        "merge-undone": "journey", "details": "about", "measure": "wellbeing", "outcome": "outcomes",
        "programme": "about", "programme-left": "about", "story": "story", "connection": "connections",
        "contribution": "connections", "consent": "consent", "help": "connections",
    ]

    func reasonPage(_ req: Request, person: Person, errors: [FormError]) async throws -> Response {
        let page = ReasonPage(
            page: PageContext(
                request: req,
                title: errors.isEmpty
                    ? Wording.current("people.page.why-are-you-opening-this-record")
                    : Wording.current("people.page.error-why-are-you-opening-this")),
            name: person.shownName, action: SitePath.person(.value(person.id), .open).path, errors: errors,
            fieldErrors: errors.byField)
        return try await req.view.render(.peopleReason, page).encodeResponse(status: .forbidden, for: req)
    }

    func giveReason(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .workWithPeople)
        let id = try Self.personID(req)
        struct Form: Content { var reason: String? }
        let form = try req.content.decode(Form.self)
        do {
            try await PersonAccess.giveReason(form.reason ?? "", for: id, staff: staff, on: req)
            return req.redirect(to: SitePath.person(.value(id)).path)
        } catch let problem as any DomainProblem where problem.kind == .invalid {
            let person = try await req.stores.people.find(id)
            return try await reasonPage(req, person: person, errors: [FormError(problem)])
        }
    }

    /// Opens the person for a change, runs it, and either returns to the record or shows the record
    /// again with the problem beside the form that caused it, keeping what was typed.
    func change(
        _ req: Request, detail: AuditEntry.Detail, saved: String, anchor: String, posted: [String: String],
        detailsPosted: IntroductionForm? = nil, ids: [String: String] = [:],
        _ body: @escaping @Sendable (SignedInStaff, Person, PeopleStore) async throws -> Void
    ) async throws -> Response {
        let staff = try req.staff(permitted: .workWithPeople)
        let id = try Self.personID(req)
        let person: Person
        let entry: AuditEntry
        do {
            (person, entry) = try await PersonAccess.check(id, for: staff, on: req, action: .update, detail: detail)
        } catch let needed as PersonAccess.ReasonNeeded {
            return try await reasonPage(req, person: needed.person, errors: [])
        }
        let store = try req.stores.people
        do {
            // The change and its audit entry commit together, or neither does: a refused or failed change
            // is never logged as done. The body works only through the store it is given (`store.db`).
            try await req.db.change { db in
                try await body(staff, person, req.stores(on: db).people)
                try await req.stores(on: db).audit.record(entry)
            }
            // Back to the section saved, with the confirmation shown in it, where the person is looking.
            let section = Self.section(of: anchor).map { "&at=" + $0 } ?? ""
            return req.redirect(to: SitePath.person(.value(id)).path + "?saved=\(saved)\(section)#\(anchor)")
        } catch let error {
            // Every problem at once, beside the form that caused it, with what was typed kept; when someone
            // else changed the record since the form was opened, what they changed, and the form opened on
            // the record as it is now, so saving again applies.
            var errors: [FormError]
            let status: HTTPResponseStatus
            switch error {
            case let problems as FormProblems:
                (errors, status) = (problems.errors, .unprocessableEntity)
            case let problem as any DomainProblem where problem.kind == .invalid:
                (errors, status) = ([FormError(problem)], .unprocessableEntity)
            case let validation as AlongsideValidation:
                errors = validation.problems.map(FormError.init)
                status = .unprocessableEntity
            case let changed as RecordChanged:
                let names = try await store.staffNames()
                errors = [FormError(field: anchor, message: Self.describe(changed, names: names))]
                status = .conflict
            default: throw error
            }
            // The summary links to the control itself, in the form that was sent (ids differ between forms).
            errors = errors.map { error in
                var error = error
                if let id = ids[error.field] { error.target = FormError.target(id, error.part) }
                return error
            }
            let record = try await store.record(of: try await store.find(id), reading: PersonPage.parts(for: staff))
            let page = PersonPage.build(
                req: req, staff: staff, record: record, errors: errors, posted: posted, detailsPosted: detailsPosted)
            return try await req.view.render(.peopleShow, page).encodeResponse(status: status, for: req)
        }
    }

    /// The sections of a record a confirmation can be shown in, each its element's id.
    static let sections: Set<String> = [
        "conversations", "good-life", "steps", "their-people", "connections", "wellbeing", "outcomes", "story",
        "journey", "consent", "about",
    ]

    /// The section an anchor on the record is in (a conversation is in "conversations").
    static func section(of anchor: String) -> String? {
        if anchor.hasPrefix("conversation-") { return "conversations" }
        return sections.contains(anchor) ? anchor : nil
    }

    /// What someone else changed since the form was opened, in the reader's words.
    static func describe(_ changed: RecordChanged, names: [UUID: String]) -> String {
        var parts = [Wording.current("people.correction.changed-since-you-opened-it")]
        for correction in changed.corrections {
            let changes = correction.changes.map {
                Wording.current(
                    "people.show.changed-from-to", Correction.fieldLabel($0.field), $0.from.isEmpty ? "–" : $0.from,
                    $0.to.isEmpty ? "–" : $0.to)
            }
            let name = correction.byID.flatMap { names[$0.uuid] } ?? ""
            let at = LondonTime.dateTime(correction.at)
            parts.append(
                correction.struck
                    ? Wording.current("people.correction.struck-by", name, at)
                    : Wording.current("people.correction.changed-by", name, at, changes.joined(separator: "; ")))
        }
        parts.append(Wording.current("people.correction.your-answers-are-kept"))
        return parts.joined(separator: " ")
    }

    /// The version a form was opened on: nil when the form sends none (it then applies to the record as it
    /// is), a problem when it is not a version at all.
    static func version(_ text: String?) throws -> Int? {
        try CheckedNumber.parse(text, field: "version", in: 0...Int(Int32.max))
    }

    func addConversation(req: Request) async throws -> Response {
        struct Form: Content {
            var happenedOn: String?
            var minutes: String?
            var place: String?
            var whoWasThere: String?
            var notes: String?
        }
        let form = try req.content.decode(Form.self)
        let typed = req.typedDay("happenedOn")
        let posted =
            [
                "happenedOn": form.happenedOn ?? "", "minutes": form.minutes ?? "", "place": form.place ?? "",
                "whoWasThere": form.whoWasThere ?? "", "notes": form.notes ?? "",
            ].merging(typed.posted(as: "happenedOn")) { $1 }
        return try await change(
            req, detail: .key("people.page.recorded-a-conversation"), saved: "conversation",
            anchor: "conversations", posted: posted
        ) {
            staff, person, store in
            // Every problem with the form at once, before anything is saved.
            var problems = FormProblems()
            let day = problems.day(typed, field: "happenedOn", latest: ISODay.string(req.now))
            let minutes = problems.number(
                form.minutes, field: "minutes", in: 0...1440,
                message: Wording.current("people.page.enter-the-length-as-a-number"))
            if (form.notes ?? "").count > 20_000 {
                problems.add("notes", Wording.current("people.form.notes-too-long"))
            }
            try problems.check()
            try await store.addConversation(
                to: person.id, by: staff.member.id, happenedOn: day ?? "", minutes: minutes,
                place: form.place.flatMap(Conversation.Place.init(rawValue:)) ?? .home,
                whoWasThere: form.whoWasThere ?? "", notes: form.notes ?? "", at: req.now)
        }
    }

    func saveVision(req: Request) async throws -> Response {
        struct Form: Content {
            var vision: String?
            var strengths: String?
            var giftsAndInterests: String?
            var whatMatters: String?
            var version: String?
        }
        let form = try req.content.decode(Form.self)
        return try await change(
            req, detail: .key("people.page.updated-their-good-life"), saved: "vision", anchor: "good-life",
            posted: [
                "visionOpen": "yes", "vision": form.vision ?? "", "strengths": form.strengths ?? "",
                "giftsAndInterests": form.giftsAndInterests ?? "", "whatMatters": form.whatMatters ?? "",
            ]
        ) {
            staff, person, store in
            try await store.saveVision(
                GoodLifeVision(
                    vision: form.vision ?? "", strengths: form.strengths ?? "",
                    giftsAndInterests: form.giftsAndInterests ?? "", whatMatters: form.whatMatters ?? ""),
                for: person.id, expectedVersion: try Self.version(form.version), by: staff.member.id, at: req.now)
        }
    }

    func addStep(req: Request) async throws -> Response {
        struct Form: Content {
            var what: String?
            var who: String?
            var dueOn: String?
        }
        let form = try req.content.decode(Form.self)
        let typed = req.typedDay("dueOn")
        let posted = ["what": form.what ?? "", "who": form.who ?? "", "dueOn": form.dueOn ?? ""].merging(
            typed.posted(as: "dueOn")
        ) { $1 }
        return try await change(
            req, detail: .key("people.page.added-a-step"), saved: "step", anchor: "steps", posted: posted
        ) {
            _, person, store in
            // Every problem at once: the day as typed in its boxes, and Core's check of the rest (in this form's
            // words when the step is too long: it names who as well).
            var problems = FormProblems()
            let due = problems.day(typed, field: "dueOn", required: false)
            do {
                _ = try Step.checked(what: form.what ?? "", who: form.who ?? "", dueOn: "")
            } catch let validation as AlongsideValidation {
                for problem in validation.problems {
                    if (problem as? WorkProblem) == .stepTooLong {
                        problems.add("what", Wording.current("people.form.step-too-long"))
                    } else {
                        try problems.add(problem)
                    }
                }
            }
            try problems.check()
            try await store.addStep(
                to: person.id, what: form.what ?? "", who: form.who ?? "", dueOn: due ?? "", at: req.now)
        }
    }

    func toggleStep(req: Request) async throws -> Response {
        struct Form: Content { var done: String? }
        let form = try req.content.decode(Form.self)
        guard let raw = req.parameters.get(.stepID), let stepID = Step.ID(raw) else {
            throw AlongsideError.notFound(.step)
        }
        return try await change(
            req, detail: .key("people.page.updated-a-step"), saved: "step-done", anchor: "steps", posted: [:]
        ) {
            _, person, store in
            try await store.setStep(stepID, of: person.id, done: form.done == "yes", at: req.now)
        }
    }

    func addPersonInLife(req: Request) async throws -> Response {
        struct Form: Content {
            var name: String?
            var kind: String?
            var closeness: String?
            var note: String?
        }
        let form = try req.content.decode(Form.self)
        let posted = [
            "name": form.name ?? "", "kind": form.kind ?? "", "closeness": form.closeness ?? "",
            "note": form.note ?? "",
        ]
        return try await change(
            req, detail: .key("people.page.added-someone-in-their-life"), saved: "people",
            anchor: "their-people", posted: posted
        ) {
            _, person, store in
            try await store.addPersonInLife(
                to: person.id, name: form.name ?? "",
                kind: form.kind.flatMap(PersonInLife.Kind.init(rawValue:)) ?? .friend,
                closeness: form.closeness.flatMap(Int.init).flatMap(PersonInLife.Closeness.init(rawValue:))
                    ?? .inBetween,
                note: form.note ?? "", at: req.now)
        }
    }

    func changeStage(req: Request) async throws -> Response {
        struct Form: Content {
            var stage: String?
            var reason: String?
            var version: String?
        }
        let form = try req.content.decode(Form.self)
        let posted = ["stage": form.stage ?? "", "reason": form.reason ?? ""]
        return try await change(
            req, detail: .key("people.page.changed-their-stage"), saved: "stage", anchor: "journey",
            posted: posted
        ) {
            staff, person, store in
            guard let stage = form.stage.flatMap(JourneyStage.init(rawValue:)) else {
                throw RequestProblem.stageMissing
            }
            _ = try await store.changeStage(
                person.id, to: stage, reason: form.reason.flatMap(EndReason.init(rawValue:)),
                expectedVersion: try Self.version(form.version), by: staff.member.id, at: req.now)
        }
    }

    /// "Walk alongside" (Level 2) or "back to light touch" (Level 1), with the stage that goes with it.
    func changeLevel(req: Request) async throws -> Response {
        struct Form: Content {
            var level: String?
            var version: String?
        }
        let form = try req.content.decode(Form.self)
        return try await change(
            req, detail: .key("people.level.changed-their-level"), saved: "level", anchor: "journey",
            posted: [:]
        ) {
            staff, person, store in
            guard let level = form.level.flatMap(Int.init).flatMap(SupportLevel.init(rawValue:)) else {
                throw RequestProblem.levelMissing
            }
            try await store.setLevel(
                person.id, to: level, expectedVersion: try Self.version(form.version), by: staff.member.id,
                at: req.now)
        }
    }

    func assign(req: Request) async throws -> Response {
        struct Form: Content {
            var coordinator: String?
            var next: String?
            /// What the new coordinator should know (kept in the person's history).
            var note: String?
        }
        let staff = try req.staff(permitted: .leadTeam)
        let form = try req.content.decode(Form.self)
        let note = (form.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.count <= 500 else {
            throw RequestProblem.handoverNoteTooLong
        }
        let choice = form.coordinator ?? ""
        let coordinatorID: StaffMember.ID? = choice == "none" || choice.isEmpty ? nil : StaffMember.ID(choice)
        if coordinatorID == nil && choice != "none" {
            throw RequestProblem.coordinatorNotOnList
        }
        let id = try Self.personID(req)
        let (person, entry) = try await PersonAccess.check(
            id, for: staff, on: req, action: .assign, detail: .key("people.page.changed-their-coordinator"))
        let now = req.now
        // The handover and its audit entry together, and only when something changes: a refused coordinator
        // (another council's, not a coordinator) logs nothing, and neither does choosing the same one again.
        if person.coordinatorID != coordinatorID {
            try await req.db.change { db in
                _ = try await req.stores(on: db).people.assign(
                    id, to: coordinatorID, by: staff.member.id, at: now, note: note)
                try await req.stores(on: db).audit.record(entry)
            }
        }
        if let next = form.next, SitePath.isSafeRedirect(next) { return req.redirect(to: next) }
        return req.redirect(to: SitePath.person(.value(id)).path + "?saved=coordinator#journey")
    }

    func updateDetails(req: Request) async throws -> Response {
        let form = try req.content.decode(IntroductionForm.self)
        struct Extra: Content {
            var version: String?
            var reason: String?
        }
        let extra = try req.content.decode(Extra.self)
        let typed = req.typedDay("dateOfBirth")
        var posted = ["detailsOpen": "yes", "reason": extra.reason ?? ""].merging(typed.posted(as: "dateOfBirth")) {
            $1
        }
        posted["dateOfBirth"] = form.dateOfBirth ?? ""
        return try await change(
            req, detail: .key("people.page.updated-their-details"), saved: "details", anchor: "about",
            posted: posted, detailsPosted: form, ids: ["reason": "details-reason"]
        ) {
            staff, person, store in
            // Every problem with the form at once: the date of birth's boxes, the details, the reason and the
            // version the form was opened on.
            var problems = FormProblems()
            let born = problems.day(typed, field: "dateOfBirth", required: false, latest: ISODay.string(req.now))
            var draft = form.draft(viaPublicPage: false)
            draft.dateOfBirth = born ?? ""
            var updated = person
            do {
                updated = try person.changingDetails(
                    draft, household: form.household ?? "", contactPreference: form.contactPreference,
                    preferredLanguage: form.preferredLanguage, categories: form.categories, today: req.now)
            } catch { try problems.add(error) }
            do { _ = try Correction.checkedReason(extra.reason ?? "", required: false) } catch {
                try problems.add(error)
            }
            var version: Int? = nil
            do { version = try Self.version(extra.version) } catch { try problems.add(error) }
            try problems.check()
            try await store.updateDetails(
                updated, expectedVersion: version, reason: extra.reason ?? "", by: staff.member.id, at: req.now)
        }
    }

    /// Corrects a conversation (whoever recorded it, or a team leader): the earlier values are kept.
    func correctConversation(req: Request) async throws -> Response {
        struct Form: Content {
            var happenedOn: String?
            var minutes: String?
            var place: String?
            var whoWasThere: String?
            var notes: String?
            var reason: String?
            var version: String?
        }
        let form = try req.content.decode(Form.self)
        let conversationID = try Self.conversationID(req)
        let typed = req.typedDay("happenedOn")
        let posted = [
            "correcting": conversationID.description, "happenedOn": form.happenedOn ?? "",
            "minutes": form.minutes ?? "",
            "place": form.place ?? "", "whoWasThere": form.whoWasThere ?? "", "notes": form.notes ?? "",
            "reason": form.reason ?? "",
        ].merging(typed.posted(as: "happenedOn")) { $1 }
        let suffix = "-\(conversationID)"
        return try await change(
            req, detail: .key("people.correction.corrected-a-conversation"), saved: "corrected",
            anchor: "conversation-\(conversationID)", posted: posted,
            ids: [
                "happenedOn": "happenedOn" + suffix, "minutes": "minutes" + suffix, "place": "place" + suffix,
                "notes": "notes" + suffix, "reason": "reason" + suffix,
            ]
        ) {
            staff, person, store in
            var problems = FormProblems()
            let day = problems.day(typed, field: "happenedOn", latest: ISODay.string(req.now))
            let minutes = problems.number(
                form.minutes, field: "minutes", in: 0...1440,
                message: Wording.current("people.page.enter-the-length-as-a-number"))
            let place = form.place.flatMap(Conversation.Place.init(rawValue:))
            if place == nil {
                problems.add(
                    "place", Wording.current("introduce.error.choose-from-the-list", Correction.fieldLabel("place")))
            }
            do { _ = try Correction.checkedReason(form.reason ?? "", required: false) } catch {
                try problems.add(error)
            }
            try problems.check()
            try await store.correctConversation(
                conversationID, of: person.id, happenedOn: day ?? "", minutes: minutes,
                place: place ?? .home,
                whoWasThere: form.whoWasThere ?? "", notes: form.notes ?? "", reason: form.reason ?? "",
                expectedVersion: try Self.version(form.version), by: staff.member.id,
                mayCorrectOthers: staff.may(.leadTeam), at: req.now)
        }
    }

    /// Strikes a conversation out with a reason: it stays in the history and leaves every count.
    func strikeConversation(req: Request) async throws -> Response {
        struct Form: Content {
            var reason: String?
            var version: String?
        }
        let form = try req.content.decode(Form.self)
        let conversationID = try Self.conversationID(req)
        return try await change(
            req, detail: .key("people.correction.struck-out-a-conversation"), saved: "struck",
            anchor: "conversations", posted: ["striking": conversationID.description, "reason": form.reason ?? ""]
        ) {
            staff, person, store in
            try await store.strikeOutConversation(
                conversationID, of: person.id, reason: form.reason ?? "",
                expectedVersion: try Self.version(form.version),
                by: staff.member.id, mayCorrectOthers: staff.may(.leadTeam), at: req.now)
        }
    }

    static func conversationID(_ req: Request) throws -> Conversation.ID {
        guard let id = req.parameters.get(.conversationID).flatMap(Conversation.ID.init) else {
            throw AlongsideError.notFound(.conversation)
        }
        return id
    }

    func addMeasure(req: Request) async throws -> Response {
        struct Form: Content {
            var kind: String?
            var takenOn: String?
            var declined: String?
            var a1: String?
            var a2: String?
            var a3: String?
            var a4: String?
            var a5: String?
            var a6: String?
            var a7: String?
        }
        let form = try req.content.decode(Form.self)
        let typed = req.typedDay("takenOn")
        let given = [form.a1, form.a2, form.a3, form.a4, form.a5, form.a6, form.a7]
        let kind = form.kind.flatMap(MeasureKind.init(rawValue:))
        // What was typed comes back: the measure's form opens again with each answer given still chosen.
        var posted = ["measureKind": form.kind ?? "", "declined": form.declined ?? "", "takenOn": form.takenOn ?? ""]
            .merging(typed.posted(as: "takenOn")) { $1 }
        for (index, answer) in given.enumerated() { posted["a\(index + 1)"] = answer ?? "" }
        let prefix = kind?.rawValue ?? "measure"
        let ids = ["takenOn": "\(prefix)-takenOn"]
        return try await change(
            req, detail: .key("people.page.recorded-a-wellbeing-measure"), saved: "measure",
            anchor: "wellbeing", posted: posted, ids: ids
        ) {
            staff, person, store in
            guard let kind else {
                throw RequestProblem.measureMissing
            }
            var problems = FormProblems()
            let day = problems.day(typed, field: "takenOn", latest: ISODay.string(req.now))
            let declined = form.declined == "yes"
            var answers: [Int] = []
            if !declined {
                // Each question answered, and with one of its answers; a missing one is named, the rest kept.
                let items = PersonPage.questionTexts(kind)
                let range = kind == .ons4 ? 0...10 : kind == .ucla3 ? 1...3 : 1...5
                for (index, text) in items.enumerated() {
                    let field = "\(kind.rawValue)-a\(index + 1)"
                    let raw = (given[index] ?? "").trimmingCharacters(in: .whitespaces)
                    if raw.isEmpty {
                        problems.add(field, Wording.current("people.measure.answer-the-question", index + 1, text))
                    } else if raw.count <= 2, let value = Int(raw), range.contains(value) {
                        answers.append(value)
                    } else {
                        problems.add(field, Wording.current("people.measure.choose-an-answer", index + 1, text))
                    }
                }
            }
            try problems.check()
            try await store.addMeasure(
                to: person.id, kind: kind, takenOn: day ?? "", answers: answers, declined: declined,
                by: staff.member.id, at: req.now)
        }
    }

    func addOutcome(req: Request) async throws -> Response {
        struct Form: Content {
            var kind: String?
            var happenedOn: String?
            var otherwise: String?
            var confidence: String?
        }
        let form = try req.content.decode(Form.self)
        // The boxes are named outcomeDate-…; older forms and clients send one happenedOn field.
        let typed = req.typedDay("outcomeDate", single: "happenedOn")
        let posted = [
            "kind": form.kind ?? "", "otherwise": form.otherwise ?? "", "confidence": form.confidence ?? "",
            "outcomeOpen": "yes",
        ].merging(typed.posted(as: "outcomeDate")) { $1 }
        return try await change(
            req, detail: .key("people.page.recorded-an-outcome"), saved: "outcome", anchor: "outcomes",
            posted: posted, ids: ["outcomeKind": "outcome-kind"]
        ) {
            staff, person, store in
            var problems = FormProblems()
            let day = problems.day(typed, field: "outcomeDate", latest: ISODay.string(req.now))
            let kind = form.kind.flatMap(RecordedOutcome.Kind.init(rawValue:))
            if kind == nil { problems.add("outcomeKind", Wording.current("people.page.choose-what-happened")) }
            let otherwise = (form.otherwise ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if kind?.isAvoidedEvent == true && otherwise.isEmpty {
                problems.add("otherwise", Wording.current("people.form.say-what-would-have-happened"))
            } else if otherwise.count > 1_000 {
                problems.add("otherwise", Wording.current("people.form.otherwise-too-long"))
            }
            try problems.check()
            guard let kind else { return }
            try await store.addOutcome(
                to: person.id, kind: kind, happenedOn: day ?? "", otherwise: form.otherwise ?? "",
                confidence: form.confidence.flatMap(RecordedOutcome.Confidence.init(rawValue:)) ?? .medium,
                by: staff.member.id, at: req.now)
        }
    }
}
