import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Finding people, and staff recording an introduction (a phone call, a street conversation, a partner's
/// email) or a quick Level 1 contact.
struct PeopleController: RouteCollection {
    struct NewPage: Encodable {
        let page: PageContext
        let form: IntroductionForm
        let levelOne: Bool
        let sources: [ChoiceOption]
        let contactOptions: [ChoiceOption]
        let languageOptions: [ChoiceOption]
        let categoryOptions: [ChoiceOption]
        let errors: [FormError]
        let fieldErrors: [String: String]
        /// The date of birth as three boxes (markup made in Swift), shared with the public form.
        let dateOfBirthField: String
        let action: String
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get(.searchPeople, use: search)
        signedIn.get(.newPerson, use: new)
        signedIn.post(.people, use: create)
    }

    func search(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .workWithPeople)
        let query = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
        var rows: [PeopleSearchPage.Row] = []
        if !query.isEmpty {
            let store = try req.stores.people
            var found = try await store.search(
                String(query.prefix(100)), partialPhonesOnly: staff.may(.leadTeam) ? nil : staff.member.id)
            // The reference the public page's thank-you gave a resident, when they phone with it.
            // That person alone: a reference names one introduction.
            if let introduced = try await store.personIntroduced(reference: query) {
                found = [try await store.find(introduced)]
            }
            let names = Dictionary(
                uniqueKeysWithValues: try await req.stores.staff.list(councilID: staff.council.id).map {
                    ($0.id, $0.name)
                })
            rows = found.map {
                PeopleSearchPage.Row(
                    name: $0.shownName, href: SitePath.person(.value($0.id)).path, stage: $0.stage.label,
                    postcode: $0.postcode,
                    coordinator: $0.coordinatorID.flatMap { names[$0] }
                        ?? Wording.current("people.page.team-leaders-queue"))
            }
            try await req.stores.audit.record(
                AuditEntry(
                    at: req.now, staffID: staff.member.id, personID: nil, action: .search,
                    detail: .key("people.page.searched-people-found", rows.count),
                    reason: String(query.prefix(100)),
                    address: req.clientAddress))
        }
        return req.page(
            PageContext(request: req, title: Wording.current("people.page.find-a-person")),
            content: PeopleSearchPage(query: query, searched: !query.isEmpty, rows: rows).html(Wording.current))
    }

    func new(req: Request) async throws -> View {
        _ = try req.staff(permitted: .workWithPeople)
        var form = IntroductionForm()
        form.level = req.query[String.self, at: "level"] == "1" ? "1" : "2"
        return try await render(req, form: form, errors: [], born: nil)
    }

    func create(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .workWithPeople)
        var form = try req.content.decode(IntroductionForm.self)
        // Every problem at once: the date of birth's boxes and the introduction itself.
        let born = form.readDateOfBirth(req)
        var errors = born.problem.map { [$0] } ?? []
        let validated = form.draft(viaPublicPage: false).validated(today: req.now)
        if case .failure(let validation) = validated {
            errors += validation.problems.map(FormError.init)
        }
        errors = IntroduceController.inPageOrder(errors)
        switch validated {
        case .success(let draft) where errors.isEmpty:
            let now = req.now
            let detail = AuditEntry.Detail.key("people.page.recorded-an-introduction", draft.source.rawValue)
            let address = req.clientAddress
            // The introduction, a Level 1 contact's conversation and the audit entry commit together.
            let person = try await req.db.change { db in
                let store = try req.stores(on: db).people
                let (person, _) = try await store.introduce(draft, recordedBy: staff.member.id, at: now)
                if draft.level == .one {
                    try await store.addConversation(
                        to: person.id, by: staff.member.id, happenedOn: LondonTime.isoDay(now), minutes: nil,
                        place: .phone, whoWasThere: "", notes: "", level: .one, about: draft.ownWords,
                        shared: draft.whatMatters, at: now)
                }
                try await req.stores(on: db).audit.record(
                    AuditEntry(
                        at: now, staffID: staff.member.id, personID: person.id, action: .create, detail: detail,
                        address: address))
                return person
            }
            // Whoever recorded it can see what they recorded, even when it was routed elsewhere.
            req.session.data[PersonAccess.sessionKey(person.id)] = String(req.now.timeIntervalSince1970)
            return req.redirect(to: SitePath.person(.value(person.id)).path + "?saved=introduced")
        default:
            return try await render(req, form: form.cappedForEcho(), errors: errors, born: born)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    private func render(
        _ req: Request, form: IntroductionForm, errors: [FormError], born: IntroductionForm.DateOfBirth?
    ) async throws -> View {
        let levelOne = form.level == "1"
        let title =
            levelOne
            ? Wording.current("people.page.record-a-level-1-contact")
            : Wording.current("people.page.record-an-introduction")
        return try await req.view.render(
            .peopleNew,
            NewPage(
                page: PageContext(
                    request: req, title: errors.isEmpty ? title : Wording.current("people.page.error", title)),
                form: form,
                levelOne: levelOne, sources: form.sourceOptions(includeSelf: true), contactOptions: form.contactOptions,
                languageOptions: form.languageOptions(notSaid: true),
                categoryOptions: form.categoryOptions, errors: errors, fieldErrors: errors.byField,
                dateOfBirthField: (born ?? IntroductionForm.DateOfBirth(typed: DayInput(single: ""), problem: nil))
                    .markup(shown: born != nil, errors: errors),
                action: SitePath.people.path))
    }
}
