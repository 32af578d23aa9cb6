import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The public page where anyone introduces themselves, or someone else with their knowledge. No sign-in,
/// no eligibility question; protected by a honeypot, a per-address limit and size limits, not a CAPTCHA.
struct IntroduceController: RouteCollection {
    /// Introductions one address may send in an hour, unless the operator sets another number.
    static let submissionsPerHour = 10

    struct IntroducePage: Encodable {
        let page: PageContext
        let councilName: String
        let action: String
        let form: IntroductionForm
        let someoneElse: Bool
        let sources: [ChoiceOption]
        let contactOptions: [ChoiceOption]
        let languageOptions: [ChoiceOption]
        let errors: [FormError]
        let fieldErrors: [String: String]
        /// The date of birth as three boxes (markup made in Swift), shared with the staff form.
        let dateOfBirthField: String
        /// The deployment has other councils, so say how to choose another.
        var otherCouncils = false
        /// The shared person fields carry the wording for the person themselves and for someone else
        /// (`introduce/person-fields`); the staff forms, which leave this out, speak of "them".
        let speaksToPerson = true
    }

    struct ChooseCouncilPage: Encodable {
        struct Choice: Encodable {
            let name: String
            let href: String
            let directoryHref: String
        }
        let page: PageContext
        let councils: [Choice]
    }

    /// The thank-you page: what the receipt says (`IntroductionReceipt`; nothing when this browser sent
    /// nothing here today) and how to reach the team, which every visitor may read.
    struct ThanksPage: Encodable {
        let page: PageContext
        let councilName: String
        /// The person introduced themselves (`forThem`: someone else did); neither without a receipt.
        let forYou: Bool
        let forThem: Bool
        let reference: String?
        /// The first name of the coordinator for the ward the postcode was matched to, if it has one.
        let coordinator: String?
        let outOfArea: Bool
        let otherCouncilName: String?
        let otherCouncilHref: String?
        let phone: String?
        let phoneHref: String?
        let hours: String?
        let outOfHoursPhone: String?
        let outOfHoursHref: String?
    }

    /// The order of the public form's fields, so the error summary lists problems as the page shows them.
    static let fieldOrder = [
        "who", "source", "introducerName", "introducerContact", "personKnows", "fullName", "preferredName", "phone",
        "email", "contactPreference", "preferredLanguage", "address", "postcode", "dateOfBirth", "whatMatters",
    ]

    /// Problems in the order their fields are on the page, so the summary reads down the form.
    static func inPageOrder(_ problems: [FormError]) -> [FormError] {
        problems.enumerated().sorted {
            let (a, b) = (
                fieldOrder.firstIndex(of: $0.element.field) ?? 99, fieldOrder.firstIndex(of: $1.element.field) ?? 99
            )
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element)
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.introduceStart, use: choose)
        routes.get(.introduce(.key), use: show)
        routes.post(.introduce(.key), use: create)
        routes.get(.introduceThanks(.key), use: thanks)
        // Each council's own address on a shared deployment.
        routes.get(.ownIntroduce(.key), use: show)
        routes.post(.ownIntroduce(.key), use: create)
        routes.get(.ownIntroduceThanks(.key), use: thanks)
        routes.get(.chooseCouncil, use: chooseCouncil)
    }

    /// `/introduce` opens the deployment's default council's form (see `AppConfig.defaultCouncil`), so a
    /// single-council install keeps its address when others join.
    func choose(req: Request) async throws -> Response {
        req.redirect(to: SitePath.introduce(.value(try await req.publicCouncil().slug)).path)
    }

    /// `/c`: every council on the deployment, for people who need to choose theirs.
    func chooseCouncil(req: Request) async throws -> View {
        let councils = try await req.stores.councils.all()
        let page = ChooseCouncilPage(
            page: PageContext(request: req, title: Wording.current("introduce.form.choose-your-council")),
            councils: councils.map {
                .init(
                    name: $0.name, href: SitePath.ownIntroduce(.value($0.slug)).path,
                    directoryHref: SitePath.ownDirectory(.value($0.slug)).path)
            })
        return try await req.view.render(.introduceChoose, page)
    }

    func show(req: Request) async throws -> View {
        let council = try await council(req)
        return try await render(req, council: council, form: IntroductionForm(), errors: [], born: nil)
    }

    func create(req: Request) async throws -> Response {
        let council = try await council(req)
        var form = try req.content.decode(IntroductionForm.self)
        let thanksPath = SitePath.introduceThanks(.value(council.slug)).path
        // A filled honeypot is a robot: thank it and keep nothing.
        if !(form.website ?? "").isEmpty { return req.redirect(to: thanksPath) }
        let address = req.clientAddress
        // Every problem at once: the answers with fixed choices as sent, the date of birth's boxes, and the
        // introduction itself. A form sent back to be put right is not counted against the address's limit.
        let born = form.readDateOfBirth(req)
        var problems = form.publicChoiceProblems.map(FormError.init)
        if let problem = born.problem { problems.append(problem) }
        let validated = form.draft(viaPublicPage: true).validated(today: req.now)
        if case .failure(let validation) = validated {
            problems += validation.problems.map(FormError.init)
        }
        guard problems.isEmpty, case .success(let draft) = validated else {
            // What was typed comes back, but never more of it than a field holds: a refused form is not
            // counted against the address's limit, so it must not be a way to make the server echo megabytes.
            return try await render(
                req, council: council, form: form.cappedForEcho(), errors: Self.inPageOrder(problems), born: born
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let limit = req.application.alongside.introductionsPerHour
        let recent = try await req.stores.access.countAndRecordSubmission(
            from: address, since: req.now.addingTimeInterval(-3600), at: req.now, limit: limit)
        if recent >= limit {
            // Told on the form itself, with everything typed kept (a library's shared connection, say).
            return try await render(
                req, council: council, form: form.cappedForEcho(),
                errors: [FormError(field: "who", message: Wording.current("introduce.form.we-have-had-a-lot-of"))],
                born: born
            ).encodeResponse(status: .tooManyRequests, for: req)
        }
        let now = req.now
        // The introduction and its audit entry (with the reference the thank-you page gives) commit
        // together, or neither does.
        let (route, reference) = try await req.db.change { db in
            let people = try req.stores(council: council.id, on: db).people
            let (person, route) = try await people.introduce(draft, recordedBy: nil, at: now)
            guard let introduction = try await people.introductions(of: person.id).first else {
                throw Abort(.internalServerError)
            }
            let reference = IntroductionReceipt.reference(introduction.id)
            try await req.stores(council: council.id, on: db).audit.record(
                AuditEntry(
                    at: now, staffID: nil, personID: person.id, action: .create,
                    detail: .key(
                        "introduce.form.introduced-on-the-public-page", draft.source.rawValue, reference),
                    address: address))
            return (route, reference)
        }
        var receipt = IntroductionReceipt(
            council: council.slug, forSomeoneElse: draft.source != .selfIntroduced, reference: reference,
            outcome: .team, sentAt: now)
        switch route {
        case .coordinator(let coordinatorID, _):
            receipt.outcome = .coordinator
            receipt.coordinator = try await req.stores.staff.find(coordinatorID).flatMap {
                IntroductionReceipt.firstName($0.name)
            }
        case .teamLeaderQueue(reason: .outOfArea, _):
            receipt.outcome = .outOfArea
            if let postcode = draft.postcode, let ward = try await req.stores.postcodes.wardCode(for: postcode) {
                receipt.otherCouncil = try await req.stores.councils.council(holdingWard: ward, other: council.id)?
                    .slug
            }
        case .teamLeaderQueue:
            break
        }
        let response = req.redirect(to: thanksPath)
        try receipt.attach(to: response, for: req)
        return response
    }

    func thanks(req: Request) async throws -> View {
        let council = try await council(req)
        let councils = req.stores.councils
        let receipt = IntroductionReceipt.read(req, councilSlug: council.slug)
        let contact = try await councils.publicContact(of: council.id)
        var other: Council? = nil
        if let slug = receipt?.otherCouncil { other = try await councils.find(slug: slug) }
        func given(_ text: String) -> String? { text.isEmpty ? nil : text }
        return try await req.view.render(
            .introduceThanks,
            ThanksPage(
                page: PageContext(request: req, title: Wording.current("introduce.form.thank-you")),
                councilName: council.name, forYou: receipt.map { !$0.forSomeoneElse } ?? false,
                forThem: receipt?.forSomeoneElse ?? false, reference: receipt?.reference,
                coordinator: receipt?.outcome == .coordinator ? receipt?.coordinator : nil,
                outOfArea: receipt?.outcome == .outOfArea, otherCouncilName: other?.name,
                otherCouncilHref: other.map { SitePath.ownIntroduce(.value($0.slug)).path },
                phone: given(contact.phone), phoneHref: SitePath.tel(contact.phone),
                hours: given(contact.hours(in: Wording.current.language)),
                outOfHoursPhone: given(contact.outOfHoursPhone), outOfHoursHref: SitePath.tel(contact.outOfHoursPhone)))
    }

    private func council(_ req: Request) async throws -> Council { try await req.publicCouncil() }

    private func render(
        _ req: Request, council: Council, form: IntroductionForm, errors: [FormError],
        born: IntroductionForm.DateOfBirth?
    ) async throws -> View {
        let page = IntroducePage(
            page: PageContext(
                request: req,
                title: errors.isEmpty
                    ? Wording.current("introduce.form.introduce-yourself-or-someone-you-know")
                    : Wording.current("introduce.form.error-introduce-yourself-or-someone-you"),
                forms: true),
            councilName: council.name, action: SitePath.introduce(.value(council.slug)).path, form: form,
            someoneElse: form.who == "someone-else", sources: form.sourceOptions(includeSelf: false),
            contactOptions: form.contactOptions, languageOptions: form.languageOptions(notSaid: false), errors: errors,
            fieldErrors: errors.byField,
            dateOfBirthField: (born ?? IntroductionForm.DateOfBirth(typed: DayInput(single: ""), problem: nil))
                .markup(shown: born != nil, errors: errors),
            otherCouncils: try await req.stores.councils.count() > 1)
        return try await req.view.render(.introduceShow, page)
    }
}
