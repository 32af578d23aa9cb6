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

    /// Applies the form to `resource` (a new one or the saved one). Throws for what Core's rules cannot
    /// see: numbers that are not numbers, an organisation not chosen.
    /// Ids for the parts it adds (a schedule, a place, a contact, a phone) come from `newID` (`req.newID`).
    func apply(
        to resource: inout CommunityResource, organisationID: CommunityOrganisation.ID, newID: () -> UUID
    ) throws {
        resource.organisationID = organisationID
        resource.name = name?.trimmedOrNil ?? ""
        resource.description = description?.trimmedOrNil ?? ""
        resource.termIDs = (categories ?? []).compactMap(TaxonomyTerm.ID.init)
        resource.status = status.flatMap(CommunityResource.Status.init(rawValue:)) ?? .active
        resource.alert = alert?.trimmedOrNil
        resource.email = email?.trimmedOrNil
        resource.url = website?.trimmedOrNil
        resource.fees = fees?.trimmedOrNil
        for (field, text) in [("minimumAge", minimumAge), ("maximumAge", maximumAge)] {
            if let text = text?.trimmedOrNil, Int(text) == nil {
                throw RequestProblem.ageNotWholeYears(field: field)
            }
        }
        resource.minimumAge = minimumAge?.trimmedOrNil.flatMap { Int($0) }
        resource.maximumAge = maximumAge?.trimmedOrNil.flatMap { Int($0) }
        let frequency = frequency.flatMap(Schedule.Frequency.init(rawValue:)) ?? .weekly
        var startsOnDay: String? = nil
        if let text = startsOn?.trimmedOrNil {
            guard let day = Person.isoDate(text) else {
                throw RequestProblem.oneOffDayUnreadable
            }
            startsOnDay = day
        }
        let schedule = Schedule(
            id: resource.schedules.first?.id ?? newID(), frequency: frequency, interval: 1,
            byDay: frequency == .once
                ? nil : (days ?? []).compactMap { Weekday(code: $0)?.rawValue }.joined(separator: ","),
            opensAt: opensAt?.trimmedOrNil, closesAt: closesAt?.trimmedOrNil, startsOn: startsOnDay)
        resource.schedules = [schedule] + resource.schedules.dropFirst()
        let existing = resource.sites.first
        let location = CommunityResource.Location(
            id: existing?.location.id ?? newID(), name: venue?.trimmedOrNil,
            description: existing?.location.description,
            addressID: existing?.location.addressID ?? newID(), address1: address?.trimmedOrNil ?? "",
            city: town?.trimmedOrNil ?? "", stateProvince: existing?.location.stateProvince,
            postcode: postcode?.trimmedOrNil ?? "",
            accessibility: existing?.location.accessibility)
        if location.address1.isEmpty || location.city.isEmpty {
            throw RequestProblem.addressMissing
        }
        resource.sites =
            [CommunityResource.Site(id: existing?.id ?? newID(), location: location)] + resource.sites.dropFirst()
        if let phone = phone?.trimmedOrNil {
            var contact = resource.contacts.first ?? .init(id: newID())
            contact.phones =
                [.init(id: contact.phones.first?.id ?? newID(), number: phone)] + contact.phones.dropFirst()
            resource.contacts = [contact] + resource.contacts.dropFirst()
        } else if var contact = resource.contacts.first {
            contact.phones = []
            resource.contacts = [contact] + resource.contacts.dropFirst()
        }
    }
}
