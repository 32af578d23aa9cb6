import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The Network's practice library: stories (already anonymised and approved in their council), ideas and
/// approaches that worked, and events, tagged by theme. Every council's staff read it; team leaders and
/// council admins publish their council's items, and only theirs can be withdrawn by them.
struct PracticeController: RouteCollection {
    struct ItemRow: Encodable {
        let title: String
        let kind: String
        let council: String
        let themes: [String]
        let published: String
        let event: String?
        let href: String
        let summary: String
    }

    struct IndexPage: Encodable {
        let page: PageContext
        let items: [ItemRow]
        let kinds: [ChoiceOption]
        let themes: [ChoiceOption]
        let canPublish: Bool
        let notice: String?
    }

    struct ShowPage: Encodable {
        let page: PageContext
        let item: ItemRow
        let body: String
        let eventPlace: String?
        let withdrawPath: String?
    }

    struct Form: Content {
        var kind: String?
        var title: String?
        var body: String?
        var themes: [String]?
        var eventOn: String?
        var eventPlace: String?
    }

    struct NewPage: Encodable {
        let page: PageContext
        let form: Form
        let kinds: [ChoiceOption]
        let themes: [ChoiceOption]
        let errors: [FormError]
        let fieldErrors: [String: String]
    }

    static let path = SitePath.practice.path

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get(.practice, use: index)
        signedIn.get(.newPractice, use: new)
        signedIn.post(.practice, use: create)
        signedIn.get(.practiceItem(.key), use: show)
        signedIn.post(.practiceItemWithdraw(.key), use: withdraw)
        signedIn.post(.story(.key, .share), use: shareStory)
    }

    static func row(_ published: PublishedPractice) -> ItemRow {
        let item = published.item
        let summary = item.body.count > 240 ? String(item.body.prefix(237)) + "…" : item.body
        return ItemRow(
            title: item.title, kind: item.kind.label, council: published.councilName,
            themes: item.themes.map(\.label), published: LondonTime.date(item.publishedAt),
            event: item.eventOn.map(LondonTime.day), href: "\(path)/\(item.id)", summary: summary)
    }

    static func themeOptions(_ selected: [String]) -> [ChoiceOption] {
        PracticeItem.Theme.allCases.map {
            ChoiceOption(value: $0.rawValue, label: $0.label, selected: selected.contains($0.rawValue))
        }
    }

    func index(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .readPractice)
        let kind = try req.query.get(String?.self, at: "kind").flatMap { $0.isEmpty ? nil : $0 }
        let theme = try req.query.get(String?.self, at: "theme").flatMap { $0.isEmpty ? nil : $0 }
        let items = try await req.stores.practice.items(
            kind: kind.flatMap(PracticeItem.Kind.init(rawValue:)),
            theme: theme.flatMap(PracticeItem.Theme.init(rawValue:)))
        return try await req.view.render(
            .networkPractice,
            IndexPage(
                page: PageContext(request: req, title: Wording.current("network.page.practice-library")),
                items: items.map(Self.row),
                kinds: PracticeItem.Kind.allCases.map {
                    ChoiceOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == kind)
                }, themes: Self.themeOptions(theme.map { [$0] } ?? []), canPublish: staff.may(.publishPractice),
                notice: req.query[String.self, at: "shared"] != nil
                    ? Wording.current("network.page.shared-with-the-network") : nil))
    }

    func show(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .readPractice)
        guard let id = req.parameters.get(.itemID).flatMap(PracticeItem.ID.init) else {
            throw AlongsideError.notFound(.practiceItem)
        }
        let published = try await req.stores.practice.find(id)
        let own = published.item.councilID == staff.council.id && staff.may(.publishPractice)
        return try await req.view.render(
            .networkPracticeItem,
            ShowPage(
                page: PageContext(request: req, title: published.item.title), item: Self.row(published),
                body: published.item.body, eventPlace: published.item.eventPlace,
                withdrawPath: own ? SitePath.practiceItemWithdraw(.value(id)).path : nil))
    }

    func new(req: Request) async throws -> View {
        _ = try req.staff(permitted: .publishPractice)
        return try await render(req, form: Form(kind: "idea"), errors: [], status: .ok)
    }

    func render(_ req: Request, form: Form, errors: [FormError], status: HTTPStatus) async throws -> View {
        try await req.view.render(
            .networkPracticeNew,
            NewPage(
                page: PageContext(
                    request: req,
                    title: errors.isEmpty
                        ? Wording.current("network.page.share-with-the-network")
                        : Wording.current("network.page.error-share-with-the-network")),
                form: form,
                kinds: [PracticeItem.Kind.idea, .event].map {
                    ChoiceOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == (form.kind ?? "idea"))
                }, themes: Self.themeOptions(form.themes ?? []), errors: errors, fieldErrors: errors.byField))
    }

    func create(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .publishPractice)
        let form = try req.content.decode(Form.self)
        let kind = form.kind.flatMap(PracticeItem.Kind.init(rawValue:)) ?? .idea
        do {
            guard kind != .story else {
                throw RequestProblem.storyNotSharedHere
            }
            let eventOn =
                kind == .event
                ? try form.eventOn?.trimmedOrNil.map { typed in
                    guard let day = Person.isoDate(typed) else {
                        throw PracticeProblem.eventDayMissing
                    }
                    return day
                } : nil
            let id = try await req.stores.practice.publish(
                councilID: staff.council.id, kind: kind, title: form.title ?? "", body: form.body ?? "",
                themes: (form.themes ?? []).compactMap(PracticeItem.Theme.init(rawValue:)), eventOn: eventOn,
                eventPlace: form.eventPlace, by: staff.member.id, at: req.now)
            return req.redirect(to: .practiceItem(.value(id)))
        } catch let validation as AlongsideValidation {
            let errors = validation.problems.map(FormError.init)
            return try await render(req, form: form, errors: errors, status: .unprocessableEntity)
                .encodeResponse(status: .unprocessableEntity, for: req)
        } catch let problem as any DomainProblem where problem.kind == .invalid {
            return try await render(
                req, form: form, errors: [FormError(problem)], status: .unprocessableEntity
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func withdraw(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .publishPractice)
        guard let id = req.parameters.get(.itemID).flatMap(PracticeItem.ID.init) else {
            throw AlongsideError.notFound(.practiceItem)
        }
        try await req.stores.practice.withdraw(id, councilID: staff.council.id)
        return req.redirect(to: Self.path)
    }

    /// Shares an approved story of the council's with the library, with the themes chosen beside it.
    func shareStory(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .publishPractice)
        guard let id = req.parameters.get(.storyID).flatMap(Story.ID.init) else {
            throw AlongsideError.notFound(.story)
        }
        struct ShareForm: Content { var themes: [String]? }
        let form = try req.content.decode(ShareForm.self)
        // Every problem at once (the error middleware words them all).
        try await req.stores.practice.publish(
            story: id, councilID: staff.council.id,
            themes: (form.themes ?? []).compactMap(PracticeItem.Theme.init(rawValue:)), by: staff.member.id,
            at: req.now)
        return req.redirect(to: Self.path + "?shared=1")
    }
}
