import AlongsideCore
import Vapor

/// The staff form for a community resource: one schedule and one place (further ones an import brought
/// in are kept as they are).
struct ResourceForm: Content {
    var organisation: String?
    var newOrganisation: String?
    var name: String?
    var description: String?
    var categories: [String]?
    var status: String?
    var frequency: String?
    var days: [String]?
    var startsOn: String?
    var opensAt: String?
    var closesAt: String?
    var venue: String?
    var address: String?
    var town: String?
    var postcode: String?
    var phone: String?
    var email: String?
    var website: String?
    var fees: String?
    var minimumAge: String?
    var maximumAge: String?
    var alert: String?

    init() {}

    init(_ resource: CommunityResource) {
        organisation = resource.organisationID.description
        name = resource.name
        description = resource.description
        categories = resource.termIDs.map(\.description)
        status = resource.status.rawValue
        let schedule = resource.schedules.first
        frequency = schedule?.frequency.rawValue
        days = schedule?.days.map(\.rawValue)
        startsOn = schedule?.startsOn.map(LondonTime.slashDate)
        opensAt = schedule?.opensAt
        closesAt = schedule?.closesAt
        let location = resource.sites.first?.location
        venue = location?.name
        address = location?.address1
        town = location?.city
        postcode = location?.postcode
        phone = resource.contacts.first?.phones.first?.number
        email = resource.email
        website = resource.url
        fees = resource.fees
        minimumAge = resource.minimumAge.map(String.init)
        maximumAge = resource.maximumAge.map(String.init)
        alert = resource.alert
    }

    static func text(_ value: String?) -> String? {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Applies the form to `resource` (a new one or the saved one). Throws for what Core's rules cannot
    /// see: numbers that are not numbers, an organisation not chosen.
    func apply(to resource: inout CommunityResource, organisationID: CommunityOrganisation.ID) throws {
        resource.organisationID = organisationID
        resource.name = Self.text(name) ?? ""
        resource.description = Self.text(description) ?? ""
        resource.termIDs = (categories ?? []).compactMap(TaxonomyTerm.ID.init)
        resource.status = status.flatMap(CommunityResource.Status.init(rawValue:)) ?? .active
        resource.alert = Self.text(alert)
        resource.email = Self.text(email)
        resource.url = Self.text(website)
        resource.fees = Self.text(fees)
        for (field, text) in [("minimumAge", minimumAge), ("maximumAge", maximumAge)] {
            if let text = Self.text(text), Int(text) == nil {
                throw AlongsideError.invalid(field: field, message: "Enter an age in whole years, like 18.")
            }
        }
        resource.minimumAge = Self.text(minimumAge).flatMap { Int($0) }
        resource.maximumAge = Self.text(maximumAge).flatMap { Int($0) }
        let frequency = frequency.flatMap(Schedule.Frequency.init(rawValue:)) ?? .weekly
        var startsOnDay: String? = nil
        if let text = Self.text(startsOn) {
            guard let day = Person.isoDate(text) else {
                throw AlongsideError.invalid(
                    field: "startsOn", message: "Enter the date as day/month/year, like 3/4/2027.")
            }
            startsOnDay = day
        }
        let schedule = Schedule(
            id: resource.schedules.first?.id ?? UUID(), frequency: frequency, interval: 1,
            byDay: frequency == .once
                ? nil : (days ?? []).compactMap { Weekday(code: $0)?.rawValue }.joined(separator: ","),
            opensAt: Self.text(opensAt), closesAt: Self.text(closesAt), startsOn: startsOnDay)
        resource.schedules = [schedule] + resource.schedules.dropFirst()
        let existing = resource.sites.first
        let location = CommunityResource.Location(
            id: existing?.location.id ?? UUID(), name: Self.text(venue), description: existing?.location.description,
            addressID: existing?.location.addressID ?? UUID(), address1: Self.text(address) ?? "",
            city: Self.text(town) ?? "", stateProvince: existing?.location.stateProvince,
            postcode: Self.text(postcode) ?? "",
            accessibility: existing?.location.accessibility)
        if location.address1.isEmpty || location.city.isEmpty {
            throw AlongsideError.invalid(field: "address", message: "Enter the street address and town where it meets.")
        }
        resource.sites =
            [CommunityResource.Site(id: existing?.id ?? UUID(), location: location)] + resource.sites.dropFirst()
        if let phone = Self.text(phone) {
            var contact = resource.contacts.first ?? .init(id: UUID())
            contact.phones = [.init(id: contact.phones.first?.id ?? UUID(), number: phone)] + contact.phones.dropFirst()
            resource.contacts = [contact] + resource.contacts.dropFirst()
        } else if var contact = resource.contacts.first {
            contact.phones = []
            resource.contacts = [contact] + resource.contacts.dropFirst()
        }
    }
}
