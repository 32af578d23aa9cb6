import AlongsideCore
import AlongsideStore
import Foundation
import NIOFoundationEssentialsCompat
import Vapor

/// Where an ORUK feed is read from: another directory's API over HTTP, a file, or (in tests) an app.
protocol ORUKFeed: Sendable {
    /// What the feed is called in reports and version history.
    var name: String { get }
    /// The body at a path under the API's base (like "/services?page=2"), or nil when it answers 404.
    func get(_ path: String) async throws -> Data?
}

/// An ORUK 3.0 API over HTTP(S).
struct HTTPFeed: ORUKFeed {
    let base: String
    let client: any Client
    var name: String { base }

    func get(_ path: String) async throws -> Data? {
        let response = try await client.get(URI(string: base + path)) {
            $0.headers.replaceOrAdd(name: .accept, value: "application/json")
        }
        if response.status == .notFound { return nil }
        if let body = response.body, body.readableBytes > 20 * 1_048_576 {
            throw ORUKImport.Failure(["\(base + path) sent more than 20 MB in one answer; ask for smaller pages."])
        }
        guard response.status == .ok, let body = response.body else {
            throw ORUKImport.Failure([
                "\(base + path) answered \(response.status.code) \(response.status.reasonPhrase)."
            ])
        }
        return Data(buffer: body)
    }
}

/// Reads another directory's Open Referral UK 3.0 feed into a council's directory: organisations,
/// taxonomies and terms, and every service fully nested. Updates what it already holds by id. Checks
/// everything before writing anything; any bad record rejects the whole import with a report.
struct ORUKImport {
    struct Failure: Error, CustomStringConvertible {
        let problems: [String]
        init(_ problems: [String]) { self.problems = problems }
        var description: String {
            "The import was rejected and nothing was changed. "
                + (problems.count == 1 ? "Problem:" : "\(problems.count) problems:") + "\n"
                + problems.prefix(50).map { "  - " + $0 }.joined(separator: "\n")
                + (problems.count > 50 ? "\n  … and \(problems.count - 50) more" : "")
        }
    }

    struct Report: Sendable, Equatable {
        var services = 0
        var added = 0
        var updated = 0
        var unchanged = 0
        var organisations = 0
        var terms = 0
        var placesLeftOut = 0

        var text: String {
            "Read \(services) services: \(added) added, \(updated) updated, \(unchanged) unchanged; "
                + "\(organisations) organisations and \(terms) categories."
                + (placesLeftOut > 0 ? " \(placesLeftOut) places without a postal address were left out." : "")
        }
    }

    /// Everything read from the feed, before anything is written.
    struct Catalogue: Sendable {
        var taxonomies: [UUID: Taxonomy] = [:]
        var terms: [TaxonomyTerm.ID: TaxonomyTerm] = [:]
        var organisations: [CommunityOrganisation.ID: CommunityOrganisation] = [:]
        var resources: [CommunityResource] = []
        var placesLeftOut = 0
    }

    let feed: any ORUKFeed
    /// When the import runs (the app's clock): the last change of a service whose feed gives none.
    let now: Date
    let progress: @Sendable (String) -> Void

    init(feed: any ORUKFeed, at now: Date, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.feed = feed
        self.now = now
        self.progress = progress
    }

    static let decoder = ORUK.decoder()

    func decode<T: Decodable>(_ type: T.Type, _ data: Data, what: String) throws -> T {
        do {
            return try Self.decoder.decode(type, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw Failure(["\(what): \(Self.path(context.codingPath + [key])) is missing."])
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
            let DecodingError.dataCorrupted(context)
        {
            throw Failure(["\(what): \(Self.path(context.codingPath)) \(context.debugDescription)"])
        } catch {
            throw Failure(["\(what) is not JSON."])
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().trimmingPrefix(".").description
    }

    /// Reads every page of a list endpoint.
    func all<T: Codable & Sendable>(_ path: String, _ type: T.Type) async throws -> [T]? {
        var items: [T] = []
        var page = 1
        while true {
            let separator = path.contains("?") ? "&" : "?"
            guard let data = try await feed.get("\(path)\(separator)page=\(page)&per_page=100") else {
                return page == 1 ? nil : items
            }
            let envelope = try decode(ORUK.Page<T>.self, data, what: "\(path) page \(page)")
            items += envelope.contents
            if envelope.last_page || envelope.contents.isEmpty || page >= envelope.total_pages { return items }
            page += 1
        }
    }

    /// Reads the whole feed (nothing is written).
    func read() async throws -> Catalogue {
        guard let rootData = try await feed.get("/") else {
            throw Failure(["\(feed.name) has no ORUK API at its base (GET / answered 404)."])
        }
        struct Root: Decodable { let version: String? }
        let version = try decode(Root.self, rootData, what: "GET /").version ?? "none"
        guard version.contains("3.") else {
            throw Failure(["\(feed.name) says it is version \(version); Alongside reads Open Referral UK 3.0."])
        }
        var catalogue = Catalogue()
        var problems: [String] = []
        for taxonomy in try await all(SitePath.ORUKCollection.taxonomies.underBase, ORUK.Taxonomy.self) ?? [] {
            guard let id = UUID(uuidString: taxonomy.id) else {
                problems.append("Taxonomy \"\(taxonomy.name)\": id \(taxonomy.id) is not a UUID.")
                continue
            }
            catalogue.taxonomies[id] = Taxonomy(
                id: id, name: taxonomy.name, description: taxonomy.description, uri: taxonomy.uri,
                version: taxonomy.version)
        }
        for term in try await all(SitePath.ORUKCollection.taxonomyTerms.underBase, ORUK.TaxonomyTerm.self) ?? [] {
            add(term, to: &catalogue, problems: &problems)
        }
        for organisation in try await all(SitePath.ORUKCollection.organizations.underBase, ORUK.Organization.self) ?? []
        {
            add(organisation, to: &catalogue, problems: &problems)
        }
        guard let listed = try await all(SitePath.ORUKCollection.services.underBase, ORUK.Service.self) else {
            throw Failure(["\(feed.name) has no /services list."])
        }
        progress("Found \(listed.count) services; reading each in full…")
        for (index, summary) in listed.enumerated() {
            guard let data = try await feed.get(SitePath.ORUKCollection.services.underBase("\(summary.id)")) else {
                problems.append(
                    "Service \"\(summary.name)\" (\(summary.id)) is listed but /services/\(summary.id) is not found.")
                continue
            }
            let service = try decode(ORUK.Service.self, data, what: "Service \(summary.id)")
            add(service, to: &catalogue, problems: &problems)
            if (index + 1) % 100 == 0 { progress("  \(index + 1) of \(listed.count)") }
        }
        if !problems.isEmpty { throw Failure(problems) }
        return catalogue
    }

    /// Reads a file: an ORUK list page, an array of services, or newline-delimited services, each fully nested.
    static func read(file data: Data, name: String, at now: Date) throws -> Catalogue {
        let importer = ORUKImport(feed: FileFeed(name: name), at: now)
        var services: [ORUK.Service] = []
        let trimmed = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("[") {
            services = try importer.decode([ORUK.Service].self, data, what: name)
        } else if let page = try? decoder.decode(ORUK.Page<ORUK.Service>.self, from: data) {
            services = page.contents
        } else {
            for (index, line) in trimmed.split(separator: "\n").enumerated() where !line.isEmpty {
                services.append(
                    try importer.decode(ORUK.Service.self, Data(line.utf8), what: "\(name) line \(index + 1)"))
            }
        }
        var catalogue = Catalogue()
        var problems: [String] = []
        for service in services { importer.add(service, to: &catalogue, problems: &problems) }
        if services.isEmpty { problems.append("\(name) holds no services.") }
        if !problems.isEmpty { throw Failure(problems) }
        return catalogue
    }

    struct FileFeed: ORUKFeed {
        let name: String
        func get(_ path: String) async throws -> Data? { nil }
    }

    // MARK: Mapping

    func add(_ term: ORUK.TaxonomyTerm, to catalogue: inout Catalogue, problems: inout [String]) {
        guard let id = UUID(uuidString: term.id) else {
            problems.append("Category \"\(term.name)\": id \(term.id) is not a UUID.")
            return
        }
        let taxonomyID =
            term.taxonomy_id.flatMap(UUID.init(uuidString:))
            ?? Self.taxonomyID(named: term.taxonomy ?? "Imported categories")
        if catalogue.taxonomies[taxonomyID] == nil {
            catalogue.taxonomies[taxonomyID] = Taxonomy(
                id: taxonomyID, name: term.taxonomy ?? "Imported categories",
                description: "Categories brought in from \(feed.name).")
        }
        catalogue.terms[.init(id)] = TaxonomyTerm(
            id: .init(id), name: term.name, description: term.description, code: term.term,
            parentID: term.parent_id.flatMap(UUID.init(uuidString:)).map { .init($0) }, taxonomyID: taxonomyID)
    }

    /// A stable id for a taxonomy a feed names but gives no id for.
    static func taxonomyID(named name: String) -> UUID {
        DirectorySpreadsheet.uuid(named: "taxonomy|" + name)
    }

    func add(_ organisation: ORUK.Organization, to catalogue: inout Catalogue, problems: inout [String]) {
        guard let id = UUID(uuidString: organisation.id) else {
            problems.append("Organisation \"\(organisation.name)\": id \(organisation.id) is not a UUID.")
            return
        }
        catalogue.organisations[.init(id)] = CommunityOrganisation(
            id: .init(id), name: organisation.name, description: organisation.description,
            email: organisation.email, website: organisation.website)
    }

    func add(_ service: ORUK.Service, to catalogue: inout Catalogue, problems: inout [String]) {
        let label = "Service \"\(service.name)\" (\(service.id))"
        var mine: [String] = []
        func uuid(_ text: String?, _ what: String) -> UUID {
            if let text, let id = UUID(uuidString: text) { return id }
            mine.append("\(label): \(what) id \(text ?? "(none)") is not a UUID.")
            // Never kept: a problem refuses the whole import.
            return UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        }
        let id = uuid(service.id, "its")
        if let organisation = service.organization { add(organisation, to: &catalogue, problems: &mine) }
        guard let organisationText = service.organization_id ?? service.organization?.id,
            let organisationID = UUID(uuidString: organisationText)
        else {
            problems.append("\(label): it names no organisation (organization_id).")
            return
        }
        if catalogue.organisations[.init(organisationID)] == nil {
            mine.append("\(label): its organisation \(organisationText) is not in the feed.")
        }
        guard let status = CommunityResource.Status(rawValue: service.status) else {
            problems.append(
                "\(label): status \"\(service.status)\" is not active, inactive, defunct or temporarily closed.")
            return
        }
        var termIDs: [TaxonomyTerm.ID] = []
        for attribute in service.attributes ?? [] {
            if let term = attribute.taxonomy_term {
                add(term, to: &catalogue, problems: &mine)
                if let termID = UUID(uuidString: term.id) { termIDs.append(.init(termID)) }
            } else if let termID = attribute.taxonomy_term_id.flatMap(UUID.init(uuidString:)) {
                termIDs.append(.init(termID))
            }
        }
        var sites: [CommunityResource.Site] = []
        for at in service.service_at_locations ?? [] {
            guard let location = at.location, let address = location.addresses?.first else {
                catalogue.placesLeftOut += 1
                continue
            }
            sites.append(
                .init(
                    id: uuid(at.id, "a place's"),
                    location: .init(
                        id: uuid(location.id, "a location's"), name: location.name, description: location.description,
                        addressID: uuid(address.id, "an address's"), address1: address.address_1, city: address.city,
                        stateProvince: address.state_province.isEmpty ? nil : address.state_province,
                        postcode: address.postal_code, latitude: location.latitude, longitude: location.longitude,
                        accessibility: location.accessibility?.first?.description)))
        }
        let schedules = (service.schedules ?? []).map { schedule in
            let frequency: Schedule.Frequency
            switch schedule.freq?.uppercased() {
            case "WEEKLY": frequency = .weekly
            case "MONTHLY": frequency = .monthly
            default: frequency = schedule.dtstart != nil && schedule.byday == nil ? .once : .described
            }
            return Schedule(
                id: uuid(schedule.id, "a schedule's"), frequency: frequency, interval: schedule.interval,
                byDay: schedule.byday, byMonthDay: schedule.bymonthday, opensAt: schedule.opens_at,
                closesAt: schedule.closes_at, startsOn: schedule.dtstart, validFrom: schedule.valid_from,
                validTo: schedule.valid_to, description: schedule.description)
        }
        let resource = CommunityResource(
            id: .init(id), organisationID: .init(organisationID), name: service.name,
            description: service.description ?? "", status: status, url: service.url, email: service.email,
            fees: service.fees, alert: service.alert, minimumAge: service.minimum_age, maximumAge: service.maximum_age,
            contacts: (service.contacts ?? []).map { contact in
                .init(
                    id: uuid(contact.id, "a contact's"), name: contact.name, title: contact.title,
                    phones: (contact.phones ?? []).map { .init(id: uuid($0.id, "a phone's"), number: $0.number) })
            },
            costOptions: (service.cost_options ?? []).map { cost in
                .init(
                    id: uuid(cost.id, "a cost's"), option: cost.option,
                    amountPence: cost.amount.map { NSDecimalNumber(decimal: $0 * 100).intValue },
                    amountDescription: cost.amount_description)
            },
            schedules: schedules, sites: sites, termIDs: termIDs, checkedOn: service.assured_date,
            lastModified: service.last_modified ?? now)
        for problem in CommunityDirectory.problems(resource) { mine.append("\(label): \(problem.message)") }
        problems += mine
        catalogue.resources.append(resource)
    }

    // MARK: Writing

    /// Writes a catalogue into a council's directory in one transaction.
    static func write(_ catalogue: Catalogue, into store: DirectoryStore, source: String, at now: Date) async throws
        -> Report
    {
        let editor = DirectoryEditor(staffID: nil, name: "Import from \(source)")
        return try await store.allOrNothing { store in
            var report = Report(
                services: catalogue.resources.count, organisations: catalogue.organisations.count,
                terms: catalogue.terms.count, placesLeftOut: catalogue.placesLeftOut)
            for taxonomy in catalogue.taxonomies.values { try await store.save(taxonomy) }
            for term in catalogue.terms.values { try await store.save(term) }
            for organisation in catalogue.organisations.values { try await store.save(organisation, at: now) }
            for resource in catalogue.resources {
                let existed = try await store.resource(resource.id) != nil
                let changes = try await store.save(resource, by: editor, at: now, modified: resource.lastModified)
                if !existed {
                    report.added += 1
                } else if changes.isEmpty {
                    report.unchanged += 1
                } else {
                    report.updated += 1
                }
            }
            return report
        }
    }
}
