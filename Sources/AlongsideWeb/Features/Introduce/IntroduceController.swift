import AlongsideCore
import AlongsideStore
import Vapor

/// The public page where anyone introduces themselves, or someone else with their knowledge. No sign-in,
/// no eligibility question; protected by a honeypot, a per-address limit and size limits, not a CAPTCHA.
struct IntroduceController: RouteCollection {
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
        /// The deployment has other councils, so say how to choose another.
        var otherCouncils = false
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

    struct ThanksPage: Encodable {
        let page: PageContext
        let councilName: String
    }

    func boot(routes: any RoutesBuilder) throws {
        let introduce = routes.grouped("introduce")
        introduce.get(use: choose)
        introduce.get(":council", use: show)
        introduce.post(":council", use: create)
        introduce.get(":council", "thank-you", use: thanks)
        // Each council's own address on a shared deployment.
        let own = routes.grouped("c", ":council", "introduce")
        own.get(use: show)
        own.post(use: create)
        own.get("thank-you", use: thanks)
        routes.get("c", use: chooseCouncil)
    }

    /// `/introduce` opens the deployment's default council's form (see `AppConfig.defaultCouncil`), so a
    /// single-council install keeps its address when others join.
    func choose(req: Request) async throws -> Response {
        req.redirect(to: SitePath.introduce(try await req.publicCouncil().slug))
    }

    /// `/c`: every council on the deployment, for people who need to choose theirs.
    func chooseCouncil(req: Request) async throws -> View {
        let councils = try await CouncilStore(req.db).all()
        let page = ChooseCouncilPage(
            page: PageContext(request: req, title: Wording.current("introduce.form.choose-your-council")),
            councils: councils.map {
                .init(
                    name: $0.name, href: SitePath.publicPage($0.slug, "introduce"),
                    directoryHref: SitePath.publicPage($0.slug, "directory"))
            })
        return try await req.view.render("introduce/choose", page)
    }

    func show(req: Request) async throws -> View {
        let council = try await council(req)
        return try await render(req, council: council, form: IntroductionForm(), problems: [])
    }

    func create(req: Request) async throws -> Response {
        let council = try await council(req)
        let form = try req.content.decode(IntroductionForm.self)
        let thanks = req.redirect(to: SitePath.introduce(council.slug) + "/thank-you")
        // A filled honeypot is a robot: thank it and keep nothing.
        if !(form.website ?? "").isEmpty { return thanks }
        let address = req.clientAddress
        let recent = try await AccessStore(req.db).countAndRecordSubmission(
            from: address, since: req.now.addingTimeInterval(-3600), at: req.now, limit: Self.submissionsPerHour)
        if recent >= Self.submissionsPerHour {
            throw Abort(
                .tooManyRequests,
                reason:
                    Wording.current("introduce.form.we-have-had-a-lot-of")
            )
        }
        switch form.draft(viaPublicPage: true).validated() {
        case .failure(let validation):
            return try await render(req, council: council, form: form, problems: validation.problems)
                .encodeResponse(status: .unprocessableEntity, for: req)
        case .success(let draft):
            let now = req.now
            let detail = Wording.current("introduce.form.introduced-on-the-public-page", draft.source.label)
            // The introduction and its audit entry commit together, or neither does.
            try await req.db.change { db in
                let (person, _) = try await PeopleStore(db, councilID: council.id)
                    .introduce(draft, recordedBy: nil, at: now)
                try await AuditStore(db, councilID: council.id).record(
                    AuditEntry(
                        at: now, staffID: nil, personID: person.id, action: .create, detail: detail,
                        address: address))
            }
            return thanks
        }
    }

    func thanks(req: Request) async throws -> View {
        let council = try await council(req)
        return try await req.view.render(
            "introduce/thanks",
            ThanksPage(
                page: PageContext(request: req, title: Wording.current("introduce.form.thank-you")),
                councilName: council.name))
    }

    private func council(_ req: Request) async throws -> Council { try await req.publicCouncil() }

    private func render(_ req: Request, council: Council, form: IntroductionForm, problems: [FieldProblem])
        async throws -> View
    {
        let errors = problems.map { FormError(field: $0.field, message: $0.message) }
        let page = IntroducePage(
            page: PageContext(
                request: req,
                title: errors.isEmpty
                    ? Wording.current("introduce.form.introduce-yourself-or-someone-you-know")
                    : Wording.current("introduce.form.error-introduce-yourself-or-someone-you"),
                forms: true),
            councilName: council.name, action: SitePath.introduce(council.slug), form: form,
            someoneElse: form.who == "someone-else", sources: form.sourceOptions(includeSelf: false),
            contactOptions: form.contactOptions, languageOptions: form.languageOptions(notSaid: false), errors: errors,
            fieldErrors: errors.byField,
            otherCouncils: try await CouncilStore(req.db).count() > 1)
        return try await req.view.render("introduce/show", page)
    }
}
