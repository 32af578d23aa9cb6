import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The team's side of the directory: search it (and connect a person from the results), add and edit
/// resources with every change kept as a version, and check the ones that are due for review.
struct StaffDirectoryController: RouteCollection {
    /// The person a coordinator is finding something for, so each result can connect them.
    struct ForPerson: Encodable {
        let id: String
        let name: String
        let connectPath: String
        let postcode: String
    }

    struct IndexPage: Encodable {
        let page: PageContext
        let action: String
        let listing: DirectoryListing
        let errors: [FormError]
        let fieldErrors: [String: String]
        let forPerson: ForPerson?
        let dueForReview: Int
    }

    struct VersionRow: Encodable {
        let version: Int
        let by: String
        let at: String
        let changes: String
    }

    struct ShowPage: Encodable {
        let page: PageContext
        let resource: ResourceDetail
        let editPath: String
        let checkedPath: String
        let publicPath: String
        let versions: [VersionRow]
        let saved: Bool
        let dueForReview: Bool
    }

    struct FormPage: Encodable {
        let page: PageContext
        let heading: String
        let action: String
        let form: ResourceForm
        let organisations: [ChoiceOption]
        let categories: [ChoiceOption]
        let statuses: [ChoiceOption]
        let frequencies: [ChoiceOption]
        let days: [ChoiceOption]
        let errors: [FormError]
        let fieldErrors: [String: String]
    }

    struct ReviewPage: Encodable {
        struct Row: Encodable {
            let name: String
            let href: String
            let checked: String
        }
        let page: PageContext
        let rows: [Row]
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get(.communityResources, use: index)
        signedIn.get(.communityResourcesReview, use: review)
        signedIn.get(.newCommunityResource, use: new)
        signedIn.post(.communityResources, use: create)
        signedIn.get(.communityResource(.key, .record), use: show)
        signedIn.get(.communityResource(.key, .edit), use: edit)
        signedIn.post(.communityResource(.key, .record), use: update)
        signedIn.post(.communityResource(.key, .checked), use: markChecked)
    }

    func index(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .workWithCommunity)
        var forPerson: ForPerson? = nil
        if let text = req.query[String.self, at: "for"], let id = Person.ID(text) {
            do {
                let person = try await PersonAccess.open(
                    id, for: staff, on: req, detail: .key("community.page.searched-the-directory-for-them"))
                forPerson = ForPerson(
                    id: id.description, name: person.shownCalledName,
                    connectPath: SitePath.person(.value(id), .connections).path, postcode: person.postcode)
            } catch is PersonAccess.ReasonNeeded {
                return req.redirect(to: SitePath.person(.value(id)).path)
            }
        }
        let extra = forPerson.map { ["for": $0.id] } ?? [:]
        let listing = try await DirectoryListing.make(
            req, councilID: staff.council.id, basePath: SitePath.communityResources.path, extraQuery: extra
        ) { SitePath.communityResource(.value($0), .record).path }
        let due = try await req.stores.directory.dueForReview(on: ISODay.string(req.now))
        return try await req.view.render(
            .communityIndex,
            IndexPage(
                page: PageContext(request: req, title: Wording.current("community.page.community-directory")),
                action: SitePath.communityResources.path,
                listing: listing, errors: listing.errors, fieldErrors: listing.errors.byField, forPerson: forPerson,
                dueForReview: due.count)
        ).encodeResponse(for: req)
    }

    func review(req: Request) async throws -> View {
        _ = try req.staff(permitted: .workWithCommunity)
        let due = try await req.stores.directory.dueForReview(on: ISODay.string(req.now))
        return try await req.view.render(
            .communityReview,
            ReviewPage(
                page: PageContext(request: req, title: Wording.current("community.page.due-for-review")),
                rows: due.map {
                    .init(
                        name: $0.name, href: SitePath.communityResource(.value($0.id), .record).path,
                        checked: $0.checkedOn.map(LondonTime.day) ?? Wording.current("community.page.never"))
                }))
    }

    func resource(_ req: Request, _ staff: SignedInStaff) async throws -> CommunityResource {
        guard let id = req.parameters.get(.resourceID).flatMap(CommunityResource.ID.init),
            let resource = try await req.stores.directory.resource(id)
        else { throw AlongsideError.notFound(.communityResource) }
        return resource
    }

    func show(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .workWithCommunity)
        let resource = try await resource(req, staff)
        let store = try req.stores.directory
        let detail = ResourceDetail(
            resource, organisation: try await store.organisation(resource.organisationID),
            terms: try await store.terms(), wards: try await req.stores.wards.all())
        return try await req.view.render(
            .communityShow,
            ShowPage(
                page: PageContext(request: req, title: resource.name), resource: detail,
                editPath: SitePath.communityResource(.value(resource.id), .edit).path,
                checkedPath: SitePath.communityResource(.value(resource.id), .checked).path,
                publicPath: SitePath.directoryResource(.value(staff.council.slug), .value(resource.id)).path,
                versions: try await store.versions(of: resource.id).map {
                    VersionRow(
                        version: $0.version, by: $0.changedBy, at: LondonTime.dateTime($0.changedAt),
                        changes: $0.changes.joined(separator: ", "))
                }, saved: req.query[String.self, at: "saved"] != nil,
                dueForReview: resource.needsReview(
                    on: ISODay.string(req.now), reviewDays: CommunityDirectory.reviewDays)))
    }

    func formPage(
        _ req: Request, staff: SignedInStaff, heading: String, action: String, form: ResourceForm,
        errors: [FormError]
    ) async throws -> FormPage {
        let store = try req.stores.directory
        let terms = try await store.ensureStarterCategories()
        let chosen = Set(form.categories ?? [])
        let days = Set(form.days ?? [])
        return FormPage(
            page: PageContext(request: req, title: heading), heading: heading, action: action, form: form,
            organisations: try await store.organisations().map {
                ChoiceOption(value: $0.id.description, label: $0.name, selected: $0.id.description == form.organisation)
            },
            categories: terms.map {
                ChoiceOption(value: $0.id.description, label: $0.name, selected: chosen.contains($0.id.description))
            },
            statuses: CommunityResource.Status.allCases.map {
                ChoiceOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == (form.status ?? "active"))
            },
            frequencies: [Schedule.Frequency.weekly, .monthly, .once].map {
                ChoiceOption(
                    value: $0.rawValue,
                    label: $0 == .weekly
                        ? Wording.current("community.page.every-week")
                        : $0 == .monthly
                            ? Wording.current("community.page.once-a-month")
                            : Wording.current("community.page.a-one-off-event"),
                    selected: $0.rawValue == (form.frequency ?? "WEEKLY"))
            },
            days: Weekday.allCases.map {
                ChoiceOption(value: $0.rawValue, label: $0.name, selected: days.contains($0.rawValue))
            },
            errors: errors, fieldErrors: errors.byField)
    }

    func new(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .workWithCommunity)
        return try await req.view.render(
            .communityForm,
            try await formPage(
                req, staff: staff, heading: Wording.current("community.page.add-to-the-directory"),
                action: SitePath.communityResources.path,
                form: ResourceForm(), errors: []))
    }

    func edit(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .workWithCommunity)
        let resource = try await resource(req, staff)
        return try await req.view.render(
            .communityForm,
            try await formPage(
                req, staff: staff, heading: Wording.current("community.page.change", resource.name),
                action: SitePath.communityResource(.value(resource.id), .record).path,
                form: ResourceForm(resource), errors: []))
    }

    func create(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .workWithCommunity)
        let blank = CommunityResource(
            id: .init(req.newID()), organisationID: .init(req.newID()), name: "", description: "", lastModified: req.now
        )
        return try await save(
            req, staff: staff, resource: blank, heading: Wording.current("community.page.add-to-the-directory"),
            action: SitePath.communityResources.path)
    }

    func update(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .workWithCommunity)
        let resource = try await resource(req, staff)
        return try await save(
            req, staff: staff, resource: resource, heading: Wording.current("community.page.change", resource.name),
            action: SitePath.communityResource(.value(resource.id), .record).path)
    }

    func save(_ req: Request, staff: SignedInStaff, resource: CommunityResource, heading: String, action: String)
        async throws -> Response
    {
        let form = try req.content.decode(ResourceForm.self)
        let store = try req.stores.directory
        var resource = resource
        do {
            var organisationID: CommunityOrganisation.ID
            if let name = form.newOrganisation?.trimmedOrNil {
                let existing = try await store.organisations().first { $0.name.lowercased() == name.lowercased() }
                organisationID = existing?.id ?? .init(req.newID())
                if existing == nil {
                    try await store.save(
                        CommunityOrganisation(id: organisationID, name: name, description: ""), at: req.now)
                }
            } else if let id = form.organisation.flatMap(CommunityOrganisation.ID.init) {
                organisationID = id
            } else {
                throw RequestProblem.organisationMissing
            }
            try form.apply(to: &resource, organisationID: organisationID, newID: req.newID)
            try await store.save(
                resource, by: DirectoryEditor(staffID: staff.member.id, name: staff.member.name), at: req.now)
            return req.redirect(to: SitePath.communityResource(.value(resource.id), .record).path + "?saved=1")
        } catch let problem as any DomainProblem where problem.kind == .invalid {
            return try await rerender(req, staff, heading, action, form, [FormError(problem)])
        } catch let validation as AlongsideValidation {
            return try await rerender(
                req, staff, heading, action, form,
                validation.problems.map(FormError.init))
        }
    }

    func rerender(
        _ req: Request, _ staff: SignedInStaff, _ heading: String, _ action: String, _ form: ResourceForm,
        _ errors: [FormError]
    ) async throws -> Response {
        try await req.view.render(
            .communityForm,
            try await formPage(req, staff: staff, heading: heading, action: action, form: form, errors: errors)
        ).encodeResponse(status: .unprocessableEntity, for: req)
    }

    func markChecked(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .workWithCommunity)
        let resource = try await resource(req, staff)
        try await req.stores.directory.markChecked(
            resource.id, by: DirectoryEditor(staffID: staff.member.id, name: staff.member.name), at: req.now)
        return req.redirect(to: SitePath.communityResource(.value(resource.id), .record).path + "?saved=1")
    }
}
