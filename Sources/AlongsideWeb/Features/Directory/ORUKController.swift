import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The Open Referral UK 3.0 read API: public, read-only, over GET, open to any origin. `/oruk` serves the
/// deployment's directory council; `/councils/{slug}/oruk` serves any council's.
struct ORUKController: RouteCollection {
    static let defaultPerPage = 50
    static let maximumPerPage = 500

    static func serves(_ path: String) -> Bool {
        SitePath.isORUK(path)
    }

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(OpenToAnyOrigin())
        for base in [SitePath.ORUKBase.shared, .own(.key), .council(.key)] {
            api.get(.oruk(base, .root), use: root)
            api.get(.oruk(base, .openAPI), use: openAPI)
            api.get(.oruk(base, .list(.services)), use: services)
            api.get(.oruk(base, .item(.services, .key)), use: service)
            api.get(.oruk(base, .list(.serviceAtLocations)), use: serviceAtLocations)
            api.get(.oruk(base, .item(.serviceAtLocations, .key)), use: serviceAtLocation)
            api.get(.oruk(base, .list(.organizations)), use: organizations)
            api.get(.oruk(base, .item(.organizations, .key)), use: organization)
            api.get(.oruk(base, .list(.taxonomies)), use: taxonomies)
            api.get(.oruk(base, .item(.taxonomies, .key)), use: taxonomy)
            api.get(.oruk(base, .list(.taxonomyTerms)), use: taxonomyTerms)
            api.get(.oruk(base, .item(.taxonomyTerms, .key)), use: taxonomyTerm)
        }
    }

    // MARK: Council, paging and answers

    func council(_ req: Request) async throws -> Council { try await req.publicCouncil() }

    func catalogue(_ store: DirectoryStore) async throws -> ORUK.Catalogue {
        ORUK.Catalogue(
            organisations: Dictionary(uniqueKeysWithValues: try await store.organisations().map { ($0.id, $0) }),
            terms: Dictionary(uniqueKeysWithValues: try await store.terms().map { ($0.id, $0) }),
            taxonomies: Dictionary(uniqueKeysWithValues: try await store.taxonomies().map { ($0.id, $0) }))
    }

    func paging(_ req: Request) throws -> (page: Int, per: Int) {
        func number(_ name: String, default value: Int, maximum: Int) throws -> Int {
            guard let text = req.query[String.self, at: name], !text.isEmpty else { return value }
            guard let number = Int(text), number >= 1, number <= maximum else {
                throw Abort(.badRequest, reason: "\(name) must be a whole number from 1 to \(maximum).")
            }
            return number
        }
        return (
            try number("page", default: 1, maximum: 1_000_000),
            try number("per_page", default: Self.defaultPerPage, maximum: Self.maximumPerPage)
        )
    }

    func json(_ value: some Encodable) throws -> Response {
        let response = Response(status: .ok, body: .init(data: try ORUK.encoder().encode(value)))
        response.headers.contentType = .json
        return response
    }

    /// Answers a list: a page in the ORUK envelope, or every item as newline-delimited JSON with `format=ndjson`.
    func list<Item: Codable>(_ req: Request, total items: [Item]) throws -> Response {
        if req.query[String.self, at: "format"] == "ndjson" {
            let encoder = ORUK.encoder()
            var body = Data()
            for item in items {
                body.append(try encoder.encode(item))
                body.append(0x0A)
            }
            let response = Response(status: .ok, body: .init(data: body))
            response.headers.replaceOrAdd(name: .contentType, value: "application/x-ndjson")
            return response
        }
        let (page, per) = try paging(req)
        let slice = Array(items.page(page, per: per))
        return try json(ORUK.Page(contents: slice, page: page, per: per, total: items.count))
    }

    func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get(.id).flatMap(UUID.init(uuidString:)) else {
            throw AlongsideError.notFound(.unreadableID)
        }
        return id
    }

    // MARK: Endpoints

    func root(req: Request) async throws -> Response {
        _ = try await council(req)
        struct Info: Encodable {
            let version: String
            let profile: String
            let openapi_url: String
        }
        let base = SitePath.ORUKBase(route: req.route?.path ?? [], council: req.parameters.get(.council))
        return try json(
            Info(
                version: ORUK.version, profile: ORUK.profile,
                openapi_url: Self.origin(req) + SitePath.oruk(base, .openAPI).path))
    }

    /// Where this deployment is reached: `ALONGSIDE_PUBLIC_URL` when set; else the request's Host, only when it
    /// is a plain host name or address (so a forged Host cannot put another site's address in an answer a cache
    /// may keep); else 127.0.0.1.
    static func origin(_ req: Request) -> String {
        if let configured = req.application.alongside.publicURL { return configured }
        let scheme = req.application.alongside.secureCookies ? "https" : "http"
        let host = req.headers.first(name: .host) ?? ""
        let plain =
            !host.isEmpty && host.count <= 255
            && host.unicodeScalars.allSatisfy {
                CharacterSet.alphanumerics.contains($0) && $0.isASCII || ".-:[]".unicodeScalars.contains($0)
            }
        return "\(scheme)://\(plain ? host : "127.0.0.1")"
    }

    /// The profile's own OpenAPI document (Open Referral UK, CC BY-SA 4.0), as this API follows it.
    func openAPI(req: Request) async throws -> Response {
        let path = req.application.directory.resourcesDirectory + "ORUK/openapi.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AlongsideError.notFound(.openAPIDocument)
        }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = .json
        return response
    }

    /// Reads the profile's filters for services and places.
    func search(_ req: Request, store: DirectoryStore) async throws -> DirectorySearch {
        var search = DirectorySearch()
        search.text = DirectoryQuery(req.query[String.self, at: "search"] ?? "")
        func uuid(_ name: String) throws -> UUID? {
            guard let text = req.query[String.self, at: name], !text.isEmpty else { return nil }
            guard let id = UUID(uuidString: text) else { throw Abort(.badRequest, reason: "\(name) must be a UUID.") }
            return id
        }
        func whole(_ name: String) throws -> Int? {
            guard let text = req.query[String.self, at: name], !text.isEmpty else { return nil }
            guard let value = Double(text), value.isFinite, (0...150).contains(value) else {
                throw Abort(.badRequest, reason: "\(name) must be a number of years from 0 to 150.")
            }
            return Int(value)
        }
        search.termID = try uuid("taxonomy_term_id").map { .init($0) }
        search.taxonomyID = try uuid("taxonomy_id")
        search.organisationID = try uuid("organization_id").map { .init($0) }
        search.minimumAge = try whole("minimum_age")
        search.maximumAge = try whole("maximum_age")
        if let text = req.query[String.self, at: "modified_after"], !text.isEmpty {
            guard
                let date = ORUK.timestamp.date(from: text) ?? ORUK.plainTimestamp.date(from: text)
                    ?? ISODay.date(text)
            else {
                throw Abort(
                    .badRequest, reason: "modified_after must be a date and time like 2026-01-31T09:00:00Z.")
            }
            search.modifiedAfter = date
        }
        if let text = req.query[String.self, at: "day"], !text.isEmpty {
            guard let day = Weekday(code: text) else {
                throw Abort(.badRequest, reason: "day must be a day of the week, like TU or Tuesday.")
            }
            search.day = day
        }
        if let text = req.query[String.self, at: "postcode"], !text.isEmpty {
            guard let postcode = Postcode(text) else {
                throw Abort(.badRequest, reason: "\"\(text)\" is not a UK postcode.")
            }
            guard let place = try await req.stores.postcodes.place(of: postcode) else {
                throw Abort(.badRequest, reason: "\(postcode) is not in this directory's postcode list.")
            }
            if let proximity = req.query[String.self, at: "proximity"], !proximity.isEmpty {
                guard let metres = Double(proximity), metres.isFinite, metres > 0, metres <= 1_000_000 else {
                    throw Abort(.badRequest, reason: "proximity must be a distance in metres, up to 1000000.")
                }
                guard let latitude = place.latitude, let longitude = place.longitude else {
                    throw Abort(.badRequest, reason: "\(postcode) has no known centre, so distance cannot be measured.")
                }
                search.near = (latitude, longitude)
                search.withinMetres = metres
            } else {
                search.wardCode = place.wardCode
            }
        }
        return search
    }

    func services(req: Request) async throws -> Response {
        let store = try await req.stores(council: council(req).id).directory
        let hits = try await store.find(try await search(req, store: store))
        if req.query[Bool.self, at: "minimal"] == true {
            let resources = try await store.resources(hits.map(\.resourceID))
            return try json(
                resources.map { ORUK.MinimalService(id: $0.id.description, last_modified: $0.lastModified) })
        }
        let catalogue = try await catalogue(store)
        if req.query[String.self, at: "format"] == "ndjson" {
            let resources = try await store.resources(hits.map(\.resourceID))
            return try list(req, total: resources.map { catalogue.service($0, full: false) })
        }
        let (page, per) = try paging(req)
        let found = try await store.page(hits, page: page, per: per)
        let full = req.query[Bool.self, at: "full"] == true
        return try json(
            ORUK.Page(
                contents: found.items.map { catalogue.service($0.resource, full: full) }, page: page, per: per,
                total: hits.count))
    }

    func service(req: Request) async throws -> Response {
        let store = try await req.stores(council: council(req).id).directory
        guard let resource = try await store.resource(.init(try id(req))) else {
            throw AlongsideError.notFound(.service)
        }
        return try json(try await catalogue(store).service(resource, full: true))
    }

    func serviceAtLocations(req: Request) async throws -> Response {
        let store = try await req.stores(council: council(req).id).directory
        let hits = try await store.findSites(try await search(req, store: store))
        let catalogue = try await catalogue(store)
        let ndjson = req.query[String.self, at: "format"] == "ndjson"
        let (page, per) = ndjson ? (1, max(hits.count, 1)) : try paging(req)
        let found = try await store.page(hits, page: page, per: per)
        let items = found.items.compactMap { result -> ORUK.ServiceAtLocation? in
            guard let site = result.resource.sites.first(where: { $0.id == result.siteID }) else { return nil }
            return catalogue.site(site, of: result.resource, nestService: true)
        }
        if ndjson { return try list(req, total: items) }
        return try json(ORUK.Page(contents: items, page: page, per: per, total: hits.count))
    }

    func serviceAtLocation(req: Request) async throws -> Response {
        let store = try await req.stores(council: council(req).id).directory
        let siteID = try id(req)
        guard let resource = try await store.resource(atSite: siteID),
            let site = resource.sites.first(where: { $0.id == siteID })
        else { throw AlongsideError.notFound(.serviceAtLocation) }
        return try json(try await catalogue(store).site(site, of: resource, nestService: true))
    }

    func organizations(req: Request) async throws -> Response {
        let store = try await req.stores(council: council(req).id).directory
        let catalogue = try await catalogue(store)
        return try list(req, total: try await store.organisations().map { catalogue.organization($0) })
    }

    func organization(req: Request) async throws -> Response {
        let store = try await req.stores(council: council(req).id).directory
        guard let organisation = try await store.organisation(.init(try id(req))) else {
            throw AlongsideError.notFound(.organization)
        }
        var search = DirectorySearch()
        search.organisationID = organisation.id
        let catalogue = try await catalogue(store)
        let services = try await store.resources(try await store.find(search).map(\.resourceID))
            .map { catalogue.service($0, full: false) }
            .map { service -> ORUK.Service in
                var listed = service
                listed.organization = nil
                return listed
            }
        return try json(catalogue.organization(organisation, services: services))
    }

    func taxonomies(req: Request) async throws -> Response {
        let store = try await req.stores(council: council(req).id).directory
        let catalogue = try await catalogue(store)
        return try list(req, total: try await store.taxonomies().map { catalogue.taxonomy($0, withTerms: false) })
    }

    func taxonomy(req: Request) async throws -> Response {
        let store = try await req.stores(council: council(req).id).directory
        let id = try id(req)
        guard let taxonomy = try await store.taxonomies().first(where: { $0.id == id }) else {
            throw AlongsideError.notFound(.taxonomy)
        }
        return try json(try await catalogue(store).taxonomy(taxonomy, withTerms: true))
    }

    func taxonomyTerms(req: Request) async throws -> Response {
        let store = try await req.stores(council: council(req).id).directory
        let catalogue = try await catalogue(store)
        var terms = try await store.terms()
        if let text = req.query[String.self, at: "taxonomy_id"], !text.isEmpty {
            guard let taxonomyID = UUID(uuidString: text) else {
                throw Abort(.badRequest, reason: "taxonomy_id must be a UUID.")
            }
            terms = terms.filter { $0.taxonomyID == taxonomyID }
        }
        return try list(req, total: terms.map(catalogue.term))
    }

    func taxonomyTerm(req: Request) async throws -> Response {
        let store = try await req.stores(council: council(req).id).directory
        let id = try id(req)
        guard let term = try await store.terms().first(where: { $0.id.uuid == id }) else {
            throw AlongsideError.notFound(.taxonomyTerm)
        }
        return try json(try await catalogue(store).term(term))
    }
}

/// Public, read-only data: any web page may read it (`Access-Control-Allow-Origin: *`), with or without an
/// `Origin` header. Error answers get the same header from the error middleware.
struct OpenToAnyOrigin: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: .accessControlAllowOrigin, value: "*")
        return response
    }
}
