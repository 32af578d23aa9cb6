import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The public community directory: anyone, no sign-in, searches by words, postcode or ward, category
/// and day; each resource has its own page. Only resources that are running (or briefly closed) show.
struct DirectoryController: RouteCollection {
    struct SearchPage: Encodable {
        let page: PageContext
        let councilName: String
        let action: String
        let listing: DirectoryListing
        let errors: [FormError]
        let fieldErrors: [String: String]
        let forPerson: StaffDirectoryController.ForPerson? = nil
        /// The council's introduction page, where anyone tells its coordinators what is missing.
        let introduceHref: String
    }

    struct ResourcePage: Encodable {
        let page: PageContext
        let councilName: String
        let backPath: String
        let resource: ResourceDetail
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.directoryStart, use: choose)
        routes.get(.directory(.key), use: search)
        routes.get(.directoryResource(.key, .key), use: show)
        routes.get(.ownDirectory(.key), use: search)
        routes.get(.ownDirectoryResource(.key, .key), use: show)
    }

    func choose(req: Request) async throws -> Response {
        req.redirect(to: SitePath.directory(.value(try await req.publicCouncil().slug)).path)
    }

    func council(_ req: Request) async throws -> Council { try await req.publicCouncil() }

    func search(req: Request) async throws -> View {
        let council = try await council(req)
        let base = SitePath.directory(.value(council.slug)).path
        let listing = try await DirectoryListing.make(req, councilID: council.id, basePath: base) {
            SitePath.directoryResource(.value(council.slug), .value($0)).path
        }
        return try await req.view.render(
            .directorySearch,
            SearchPage(
                page: PageContext(request: req, title: Wording.current("directory.page.find-something-near-you")),
                councilName: council.name,
                action: base, listing: listing, errors: listing.errors, fieldErrors: listing.errors.byField,
                introduceHref: SitePath.ownIntroduce(.value(council.slug)).path))
    }

    func show(req: Request) async throws -> View {
        let council = try await council(req)
        let store = try req.stores(council: council.id).directory
        guard let id = req.parameters.get(.resourceID).flatMap(CommunityResource.ID.init),
            let resource = try await store.resource(id), resource.status != .defunct
        else { throw AlongsideError.notFound(.groupOrActivity) }
        let detail = ResourceDetail(
            resource, organisation: try await store.organisation(resource.organisationID),
            terms: try await store.terms(), wards: try await req.stores(council: council.id).wards.all())
        return try await req.view.render(
            .directoryShow,
            ResourcePage(
                page: PageContext(request: req, title: resource.name), councilName: council.name,
                backPath: SitePath.directory(.value(council.slug)).path, resource: detail))
    }
}
