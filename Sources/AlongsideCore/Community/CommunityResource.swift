import Foundation

/// A group, club, activity or service in the community that a coordinator can connect a person to: a
/// lunch club, a walking group, a men's shed, a food bank. Shaped after the Open Referral UK 3.0
/// `service`, so the directory can be read by other councils' systems without translation.
public struct CommunityResource: Hashable, Sendable, Codable {
    public typealias ID = Identifier<CommunityResource>

    public enum Status: String, CaseIterable, Codable, Sendable {
        case active, inactive, defunct
        case temporarilyClosed = "temporarily closed"

        public var label: String {
            switch self {
            case .active: return Wording.current("directory.label.running")
            case .inactive: return Wording.current("directory.label.not-running-at-the-moment")
            case .defunct: return Wording.current("directory.label.closed-for-good")
            case .temporarilyClosed: return Wording.current("directory.label.temporarily-closed")
            }
        }
    }

    public var id: ID
    public var organisationID: CommunityOrganisation.ID
    public var name: String
    public var description: String
    public var status: Status
    public var url: String?
    public var email: String?
    /// What it costs, in words ("Free", "£3 for lunch").
    public var fees: String?
    public var alert: String?
    public var minimumAge: Int?
    public var maximumAge: Int?
    public var contacts: [Contact]
    public var costOptions: [CostOption]
    public var schedules: [Schedule]
    public var sites: [Site]
    public var termIDs: [TaxonomyTerm.ID]
    /// The day someone last checked it is still running as described (ORUK `assured_date`).
    public var checkedOn: String?
    public var lastModified: Date

    public init(
        id: ID, organisationID: CommunityOrganisation.ID, name: String, description: String,
        status: Status = .active, url: String? = nil, email: String? = nil, fees: String? = nil,
        alert: String? = nil, minimumAge: Int? = nil, maximumAge: Int? = nil, contacts: [Contact] = [],
        costOptions: [CostOption] = [], schedules: [Schedule] = [], sites: [Site] = [],
        termIDs: [TaxonomyTerm.ID] = [], checkedOn: String? = nil, lastModified: Date
    ) {
        self.id = id
        self.organisationID = organisationID
        self.name = name
        self.description = description
        self.status = status
        self.url = url
        self.email = email
        self.fees = fees
        self.alert = alert
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
        self.contacts = contacts
        self.costOptions = costOptions
        self.schedules = schedules
        self.sites = sites
        self.termIDs = termIDs
        self.checkedOn = checkedOn
        self.lastModified = lastModified
    }

    public struct Contact: Hashable, Sendable, Codable {
        public var id: UUID
        public var name: String?
        public var title: String?
        public var phones: [Phone]

        public init(id: UUID, name: String? = nil, title: String? = nil, phones: [Phone] = []) {
            self.id = id
            self.name = name
            self.title = title
            self.phones = phones
        }
    }

    public struct Phone: Hashable, Sendable, Codable {
        public var id: UUID
        public var number: String
        public init(id: UUID, number: String) {
            self.id = id
            self.number = number
        }
    }

    /// A price: `amountPence` is whole pence so money is never a binary fraction.
    public struct CostOption: Hashable, Sendable, Codable {
        public var id: UUID
        public var option: String?
        public var amountPence: Int?
        public var amountDescription: String?

        public init(id: UUID, option: String? = nil, amountPence: Int? = nil, amountDescription: String? = nil) {
            self.id = id
            self.option = option
            self.amountPence = amountPence
            self.amountDescription = amountDescription
        }
    }

    /// Where it happens: the ORUK `service_at_location` with its `location`.
    public struct Site: Hashable, Sendable, Codable {
        public var id: UUID
        public var location: Location

        public init(id: UUID, location: Location) {
            self.id = id
            self.location = location
        }
    }

    public struct Location: Hashable, Sendable, Codable {
        public var id: UUID
        public var name: String?
        public var description: String?
        public var addressID: UUID
        public var address1: String
        public var city: String
        /// County or region (ORUK `state_province`).
        public var stateProvince: String?
        public var postcode: String
        /// The ward the postcode lies in, when the postcode directory knows it.
        public var wardCode: String?
        public var latitude: Double?
        public var longitude: Double?
        public var accessibility: String?

        public init(
            id: UUID, name: String? = nil, description: String? = nil, addressID: UUID, address1: String,
            city: String, stateProvince: String? = nil, postcode: String, wardCode: String? = nil,
            latitude: Double? = nil,
            longitude: Double? = nil, accessibility: String? = nil
        ) {
            self.id = id
            self.name = name
            self.description = description
            self.addressID = addressID
            self.address1 = address1
            self.city = city
            self.stateProvince = stateProvince
            self.postcode = postcode
            self.wardCode = wardCode
            self.latitude = latitude
            self.longitude = longitude
            self.accessibility = accessibility
        }
    }

    /// Whether someone should check it again: never checked, or not for `reviewDays` days.
    public func needsReview(on today: String, reviewDays: Int) -> Bool {
        guard let checkedOn, let checked = ISODay.date(checkedOn), let now = ISODay.date(today) else { return true }
        return now.timeIntervalSince(checked) > Double(reviewDays) * 86_400
    }

    /// Every weekday it meets on, in week order.
    public var days: [Weekday] {
        let all = Set(schedules.flatMap(\.days))
        return Weekday.allCases.filter { all.contains($0) }
    }

    /// The words full-text search looks in, most telling first.
    public func searchText(organisationName: String, termNames: [String]) -> String {
        ([name, termNames.joined(separator: " "), organisationName, description, fees ?? ""]
            + sites.flatMap { [$0.location.name ?? "", $0.location.address1, $0.location.city, $0.location.postcode] })
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}

/// The organisation that runs community resources (a charity, a church, a residents' group).
public struct CommunityOrganisation: Hashable, Sendable, Codable {
    public typealias ID = Identifier<CommunityOrganisation>

    public var id: ID
    public var name: String
    public var description: String
    public var email: String?
    public var website: String?

    public init(id: ID, name: String, description: String, email: String? = nil, website: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.email = email
        self.website = website
    }
}

/// A category in the directory ("Lunch clubs and food", "Walking and exercise").
public struct TaxonomyTerm: Hashable, Sendable, Codable {
    public typealias ID = Identifier<TaxonomyTerm>

    public var id: ID
    public var name: String
    public var description: String
    public var code: String?
    public var parentID: ID?
    public var taxonomyID: UUID

    public init(
        id: ID, name: String, description: String, code: String? = nil, parentID: ID? = nil, taxonomyID: UUID
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.code = code
        self.parentID = parentID
        self.taxonomyID = taxonomyID
    }
}

/// A list of terms: Alongside's own community categories, or one brought in by an import.
public struct Taxonomy: Hashable, Sendable, Codable {
    public var id: UUID
    public var name: String
    public var description: String
    public var uri: String?
    public var version: String?

    public init(id: UUID, name: String, description: String, uri: String? = nil, version: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.uri = uri
        self.version = version
    }
}
