import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The directory search form and its results, shared by the public directory and the staff pages.
struct DirectoryListing: Encodable {
    struct Query: Content {
        var q: String?
        var postcode: String?
        var ward: String?
        var category: String?
        var day: String?
        var page: String?
    }

    struct Row: Encodable {
        let id: String
        let name: String
        let href: String
        let organisation: String
        let when: [String]
        let place: String
        let ward: String?
        let distance: String?
        let fees: String?
        let notRunning: String?
        let categories: [String]
    }

    struct PageLink: Encodable {
        let label: String
        let href: String
    }

    let q: String
    let postcode: String
    let wards: [ChoiceOption]
    let categories: [ChoiceOption]
    let days: [ChoiceOption]
    let rows: [Row]
    let total: Int
    let summary: String
    let errors: [FormError]
    let previous: PageLink?
    let next: PageLink?

    static let perPage = 20

    /// Runs the search a person asked for. `resourcePath` makes each result's link; `basePath` the paging links.
    static func make(
        _ req: Request, councilID: Council.ID, basePath: String, extraQuery: [String: String] = [:],
        resourcePath: (CommunityResource.ID) -> String
    ) async throws -> DirectoryListing {
        let query = try req.query.decode(Query.self)
        let store = try req.stores(council: councilID).directory
        let wards = try await req.stores(council: councilID).wards.all()
        let terms = try await store.terms()
        var search = DirectorySearch()
        search.runningOnly = true
        search.text = DirectoryQuery(query.q ?? "")
        var errors: [FormError] = []
        var described: [String] = []
        let postcodeText = (query.postcode ?? "").trimmingCharacters(in: .whitespaces)
        if !postcodeText.isEmpty {
            if let postcode = Postcode(postcodeText) {
                if let place = try await req.stores.postcodes.place(of: postcode),
                    let latitude = place.latitude, let longitude = place.longitude
                {
                    search.near = (latitude, longitude)
                    described.append(Wording.current("directory.described.nearest-first", postcode.value))
                } else if let place = try await req.stores.postcodes.place(of: postcode) {
                    search.wardCode = place.wardCode
                    described.append(Wording.current("directory.described.in-the-ward-of", postcode.value))
                } else {
                    errors.append(
                        FormError(
                            field: "postcode",
                            message: Wording.current("community.page.we-do-not-know-the-postcode", postcode)))
                }
            } else {
                errors.append(
                    FormError(
                        field: "postcode", message: Wording.current("community.page.enter-a-postcode-like-kv1-1aa")))
            }
        }
        let ward = wards.first { $0.code == query.ward }
        if let ward {
            search.wardCode = ward.code
            described.append(Wording.current("directory.described.in-ward", ward.name))
        }
        let term = terms.first { $0.id.description == query.category }
        if let term {
            search.termID = term.id
            described.append(term.name.lowercased())
        }
        let day = query.day.flatMap { Weekday(code: $0) }
        if let day {
            search.day = day
            described.append(Wording.current("directory.described.on-\(day.rawValue.lowercased())"))
        }
        if !search.text.isEmpty {
            described.insert(Wording.current("directory.described.matching", query.q ?? ""), at: 0)
        }
        let hits = try await store.find(search)
        // A page past the end shows the last page, as the caseload does.
        let lastPage = max(1, (hits.count + perPage - 1) / perPage)
        let pageNumber = min(try CheckedNumber.page(query.page), lastPage)
        let found = try await store.page(hits, page: pageNumber, per: perPage)
        let organisations = Dictionary(
            uniqueKeysWithValues: try await store.organisations(
                ids: Array(Set(found.items.map(\.resource.organisationID)))
            )
            .map { ($0.id, $0.name) })
        let termNames = Dictionary(uniqueKeysWithValues: terms.map { ($0.id, $0.name) })
        let wardNames = Dictionary(uniqueKeysWithValues: wards.map { ($0.code, $0.name) })
        let rows = found.items.map { result in
            let resource = result.resource
            let site = resource.sites.first { $0.id == result.siteID } ?? resource.sites.first
            return Row(
                id: resource.id.description, name: resource.name, href: resourcePath(resource.id),
                organisation: organisations[resource.organisationID] ?? "",
                when: resource.schedules.map(\.summary),
                place: [site?.location.name, site?.location.postcode].compactMap { $0 }.joined(separator: ", "),
                ward: site?.location.wardCode.flatMap { wardNames[$0] },
                distance: result.metres.map { Wording.current("directory.distance-away", Distance.words($0)) },
                fees: DirectoryFees.shown(resource.fees),
                notRunning: resource.status == .active ? nil : resource.status.label,
                categories: resource.termIDs.compactMap { termNames[$0] })
        }
        func link(_ number: Int) -> String {
            var items: [(String, String)] = [
                ("q", query.q ?? ""), ("postcode", postcodeText), ("ward", query.ward ?? ""),
                ("category", query.category ?? ""), ("day", query.day ?? ""),
            ]
            items += extraQuery.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            items.append(("page", String(number)))
            return basePath + "?"
                + items.filter { !$0.1.isEmpty }.map {
                    "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
                }.joined(separator: "&")
        }
        let pages = found.metadata.pageCount
        return DirectoryListing(
            q: query.q ?? "", postcode: postcodeText,
            wards: wards.map { ChoiceOption(value: $0.code, label: $0.name, selected: $0.code == ward?.code) },
            categories: terms.map {
                ChoiceOption(value: $0.id.description, label: $0.name, selected: $0.id == term?.id)
            },
            days: Weekday.allCases.map { ChoiceOption(value: $0.rawValue, label: $0.name, selected: $0 == day) },
            rows: rows, total: hits.count,
            summary: ([Wording.current("directory.found", hits.count)] + described).joined(separator: " "),
            errors: errors,
            previous: pageNumber > 1
                ? PageLink(label: Wording.current("community.page.previous-page"), href: link(pageNumber - 1)) : nil,
            next: pageNumber < pages
                ? PageLink(
                    label: Wording.current("community.page.next-page-of", pageNumber + 1, pages),
                    href: link(pageNumber + 1)) : nil)
    }
}

/// One resource, laid out for a person to read.
struct ResourceDetail: Encodable {
    let id: String
    let name: String
    let description: String
    let organisation: String
    let organisationWebsite: String?
    let status: String
    let running: Bool
    let alert: String?
    let when: [String]
    let places: [String]
    let ages: String?
    let fees: String?
    let phones: [String]
    let email: String?
    let website: String?
    let accessibility: [String]
    let categories: [String]
    let checked: String?

    init(_ resource: CommunityResource, organisation: CommunityOrganisation?, terms: [TaxonomyTerm], wards: [Ward]) {
        id = resource.id.description
        name = resource.name
        description = resource.description
        self.organisation = organisation?.name ?? ""
        organisationWebsite = organisation?.website
        status = resource.status.label
        running = resource.status == .active
        alert = resource.alert
        when = resource.schedules.map(\.summary)
        let wardNames = Dictionary(uniqueKeysWithValues: wards.map { ($0.code, $0.name) })
        places = resource.sites.map { site in
            let location = site.location
            return [
                location.name, location.address1, location.city, location.postcode,
                location.wardCode.flatMap { wardNames[$0] }.map { Wording.current("directory.ward-named", $0) },
            ].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        }
        switch (resource.minimumAge, resource.maximumAge) {
        case (let low?, let high?): ages = Wording.current("community.page.ages-to", low, high)
        case (let low?, nil): ages = Wording.current("community.page.ages-and-over", low)
        case (nil, let high?): ages = Wording.current("community.page.up-to-age", high)
        default: ages = nil
        }
        fees = DirectoryFees.shown(resource.fees)
        phones = resource.contacts.flatMap { contact in
            contact.phones.map { [contact.name, $0.number].compactMap { $0 }.joined(separator: ": ") }
        }
        email = resource.email
        website = resource.url
        accessibility = resource.sites.compactMap(\.location.accessibility)
        let termNames = Dictionary(uniqueKeysWithValues: terms.map { ($0.id, $0.name) })
        categories = resource.termIDs.compactMap { termNames[$0] }
        checked = resource.checkedOn.map(LondonTime.day)
    }
}

/// What a directory entry costs, as the team typed it, except that "Free" (in English or Welsh, any case) is
/// worded in the reader's language: the commonest answer by far, and the one a Welsh reader met in English.
enum DirectoryFees {
    static func shown(_ fees: String?) -> String? {
        guard let fees = fees?.trimmedOrNil else { return nil }
        let plain = fees.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .trimmingCharacters(in: CharacterSet(charactersIn: ".! "))
        return free.contains(plain) ? Wording.current("directory.fees.free") : fees
    }

    static let free: Set<String> = ["free", "free of charge", "no charge", "am ddim", "yn rhad ac am ddim", "dim tal"]
}
