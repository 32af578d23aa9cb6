import AlongsideCore
import Foundation

/// Open Referral UK 3.0 objects, field for field as the standard names them (snake_case on purpose),
/// for the read API and for imports from other directories.
enum ORUK {
    static let version = "HSDS-UK-3.0"
    static let profile = "https://openreferraluk.org/"

    struct Page<Item: Codable>: Codable {
        let total_items: Int
        let total_pages: Int
        let page_number: Int
        let size: Int
        let first_page: Bool
        let last_page: Bool
        let empty: Bool
        let contents: [Item]

        init(contents: [Item], page: Int, per: Int, total: Int) {
            self.contents = contents
            total_items = total
            total_pages = total == 0 ? 0 : (total + per - 1) / per
            page_number = page
            size = contents.count
            first_page = page == 1
            last_page = page >= total_pages
            empty = contents.isEmpty
        }
    }

    struct Organization: Codable {
        var id: String
        var name: String
        var description: String
        var email: String?
        var website: String?
        var services: [Service]?
    }

    struct TaxonomyTerm: Codable {
        var id: String
        var name: String
        var description: String
        var parent_id: String?
        var taxonomy: String?
        var taxonomy_id: String?
        var term: String?
    }

    struct Taxonomy: Codable {
        var id: String
        var name: String
        var description: String
        var uri: String?
        var version: String?
        var taxonomy_terms: [TaxonomyTerm]?
    }

    struct Attribute: Codable {
        var id: String
        var link_id: String?
        var link_type: String?
        var taxonomy_term_id: String?
        var taxonomy_term: TaxonomyTerm?
    }

    struct Schedule: Codable {
        var id: String
        var service_id: String?
        var valid_from: String?
        var valid_to: String?
        var dtstart: String?
        var freq: String?
        var interval: Int?
        var byday: String?
        var bymonthday: String?
        var description: String?
        var opens_at: String?
        var closes_at: String?
    }

    struct Address: Codable {
        var id: String
        var location_id: String?
        var address_1: String
        var city: String
        var state_province: String
        var postal_code: String
        var country: String
        var address_type: String
    }

    struct Accessibility: Codable {
        var id: String
        var location_id: String?
        var description: String?
    }

    struct Location: Codable {
        var id: String
        var location_type: String
        var name: String?
        var description: String?
        var latitude: Double?
        var longitude: Double?
        var addresses: [Address]?
        var accessibility: [Accessibility]?
    }

    struct ServiceAtLocation: Codable {
        var id: String
        var service_id: String?
        var location_id: String?
        var location: Location?
        var service: Service?
    }

    struct Phone: Codable {
        var id: String
        var contact_id: String?
        var number: String
    }

    struct Contact: Codable {
        var id: String
        var service_id: String?
        var name: String?
        var title: String?
        var phones: [Phone]?
    }

    struct CostOption: Codable {
        var id: String
        var service_id: String?
        var option: String?
        var amount: Decimal?
        var amount_description: String?
    }

    struct Service: Codable {
        var id: String
        var organization_id: String?
        var name: String
        var description: String?
        var url: String?
        var email: String?
        var status: String
        var fees: String?
        var minimum_age: Int?
        var maximum_age: Int?
        var assured_date: String?
        var alert: String?
        var last_modified: Date?
        var organization: Organization?
        var schedules: [Schedule]?
        var service_at_locations: [ServiceAtLocation]?
        var contacts: [Contact]?
        var cost_options: [CostOption]?
        var attributes: [Attribute]?
    }

    /// The minimal form of a service: its id and when it last changed.
    struct MinimalService: Codable {
        let id: String
        let last_modified: Date
    }

    // MARK: Encoding and decoding

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(timestamp.string(from: date))
        }
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            if let date = timestamp.date(from: text) ?? plainTimestamp.date(from: text) { return date }
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "\"\(text)\" is not a date and time."))
        }
        return decoder
    }

    nonisolated(unsafe) static let timestamp: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()

    nonisolated(unsafe) static let plainTimestamp: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter
    }()
}

// MARK: From Alongside to ORUK

extension ORUK {
    /// Everything needed to write a council's directory out in ORUK form.
    struct Catalogue {
        let organisations: [CommunityOrganisation.ID: CommunityOrganisation]
        let terms: [AlongsideCore.TaxonomyTerm.ID: AlongsideCore.TaxonomyTerm]
        let taxonomies: [UUID: AlongsideCore.Taxonomy]

        func organization(_ organisation: CommunityOrganisation, services: [Service]? = nil) -> Organization {
            Organization(
                id: organisation.id.description, name: organisation.name, description: organisation.description,
                email: organisation.email, website: organisation.website, services: services)
        }

        func term(_ term: AlongsideCore.TaxonomyTerm) -> TaxonomyTerm {
            TaxonomyTerm(
                id: term.id.description, name: term.name, description: term.description,
                parent_id: term.parentID?.description, taxonomy: taxonomies[term.taxonomyID]?.name,
                taxonomy_id: id(term.taxonomyID), term: term.code)
        }

        func taxonomy(_ taxonomy: AlongsideCore.Taxonomy, withTerms: Bool) -> Taxonomy {
            Taxonomy(
                id: id(taxonomy.id), name: taxonomy.name, description: taxonomy.description, uri: taxonomy.uri,
                version: taxonomy.version,
                taxonomy_terms: withTerms
                    ? terms.values.filter { $0.taxonomyID == taxonomy.id }.sorted { $0.name < $1.name }.map(term)
                    : nil)
        }

        /// A service: the list form (`full: false`) carries its organisation; the full form nests everything.
        func service(_ resource: CommunityResource, full: Bool) -> Service {
            let serviceID = resource.id.description
            var service = Service(
                id: serviceID, organization_id: resource.organisationID.description, name: resource.name,
                description: resource.description, url: resource.url, email: resource.email,
                status: resource.status.rawValue, fees: resource.fees, minimum_age: resource.minimumAge,
                maximum_age: resource.maximumAge, assured_date: resource.checkedOn, alert: resource.alert,
                last_modified: resource.lastModified,
                organization: organisations[resource.organisationID].map { organization($0) })
            guard full else { return service }
            service.schedules = resource.schedules.map { schedule($0, serviceID: serviceID) }
            service.service_at_locations = resource.sites.map { site($0, of: resource, nestService: false) }
            service.contacts = resource.contacts.map { contact in
                Contact(
                    id: id(contact.id), service_id: serviceID, name: contact.name, title: contact.title,
                    phones: contact.phones.map { Phone(id: id($0.id), contact_id: id(contact.id), number: $0.number) })
            }
            service.cost_options = resource.costOptions.map {
                CostOption(
                    id: id($0.id), service_id: serviceID, option: $0.option,
                    amount: $0.amountPence.map { Decimal($0) / 100 }, amount_description: $0.amountDescription)
            }
            service.attributes = resource.termIDs.compactMap { termID in
                terms[termID].map {
                    Attribute(
                        id: Self.attributeID(resource.id.uuid, termID.uuid), link_id: serviceID, link_type: "service",
                        taxonomy_term_id: termID.description, taxonomy_term: term($0))
                }
            }
            return service
        }

        func schedule(_ schedule: AlongsideCore.Schedule, serviceID: String) -> Schedule {
            Schedule(
                id: id(schedule.id), service_id: serviceID, valid_from: schedule.validFrom, valid_to: schedule.validTo,
                dtstart: schedule.startsOn,
                freq: [.weekly, .monthly].contains(schedule.frequency) ? schedule.frequency.rawValue : nil,
                interval: schedule.interval, byday: schedule.byDay, bymonthday: schedule.byMonthDay,
                description: schedule.description ?? schedule.summary, opens_at: schedule.opensAt,
                closes_at: schedule.closesAt)
        }

        func site(_ site: CommunityResource.Site, of resource: CommunityResource, nestService: Bool)
            -> ServiceAtLocation
        {
            let location = site.location
            let locationID = id(location.id)
            return ServiceAtLocation(
                id: id(site.id), service_id: resource.id.description, location_id: locationID,
                location: Location(
                    id: locationID, location_type: "physical", name: location.name, description: location.description,
                    latitude: location.latitude, longitude: location.longitude,
                    addresses: [
                        Address(
                            id: id(location.addressID), location_id: locationID, address_1: location.address1,
                            city: location.city, state_province: location.stateProvince ?? "",
                            postal_code: location.postcode, country: "GB", address_type: "physical")
                    ],
                    accessibility: location.accessibility.map {
                        [
                            Accessibility(
                                id: Self.attributeID(location.id, site.id), location_id: locationID, description: $0)
                        ]
                    }),
                service: nestService ? service(resource, full: false) : nil)
        }

        func id(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }

        /// A stable id for a thing Alongside does not keep an id of its own for (a category link).
        static func attributeID(_ a: UUID, _ b: UUID) -> String {
            var bytes = a.uuid
            withUnsafeMutableBytes(of: &bytes) { mine in
                withUnsafeBytes(of: b.uuid) { other in
                    for index in 0..<16 { mine[index] ^= other[index] }
                }
            }
            bytes.6 = (bytes.6 & 0x0F) | 0x40
            bytes.8 = (bytes.8 & 0x3F) | 0x80
            return UUID(uuid: bytes).uuidString.lowercased()
        }
    }
}
