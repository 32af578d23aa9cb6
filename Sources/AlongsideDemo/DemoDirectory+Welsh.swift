import AlongsideCore
import AlongsideStore
import AlongsideWeb
import FluentKit
import Foundation

/// A council that offers Cymraeg lists a few groups that meet in Welsh, named and described in Welsh, so
/// the directory's Welsh search ("côr", "clwb cinio") has something to find.
extension DemoDirectory {
    struct WelshGroup {
        let category: String
        let name: String
        let description: String
        let day: String
        let times: (String, String)
        let fees: String
    }

    static let welshGroups = [
        WelshGroup(
            category: "arts", name: "Côr Cymunedol",
            description:
                "Côr cymysg sy'n canu yn Gymraeg ac yn Saesneg. Does dim angen darllen cerddoriaeth: dewch draw.",
            day: "TH", times: ("19:00", "20:30"), fees: "Am ddim"),
        WelshGroup(
            category: "lunch-clubs", name: "Clwb Cinio Cymraeg",
            description: "Cinio poeth a sgwrs yn Gymraeg bob wythnos. Croeso i siaradwyr newydd a dysgwyr.",
            day: "TH", times: ("12:00", "14:00"), fees: "£3.50 am ginio"),
        WelshGroup(
            category: "social", name: "Paned a Sgwrs",
            description: "Paned, cacen a sgwrs hamddenol yn Gymraeg. Croeso cynnes i bawb.",
            day: "WE", times: ("10:00", "12:00"), fees: "Am ddim"),
    ]

    /// Adds the Welsh groups in the first ward with postcodes, when the council offers Welsh; returns how
    /// many it added.
    mutating func loadWelshGroups(on db: any Database, categories: [String: TaxonomyTerm.ID]) async throws -> Int {
        guard try await Stores(db).councils.find(councilID)?.languages.contains(.welsh) == true,
            let ward = wards.first(where: { !$0.postcodes.isEmpty })
        else { return 0 }
        let store = try Stores(db, council: councilID).directory
        let created = today.addingTimeInterval(-400 * 86_400)
        let organisation = CommunityOrganisation(
            id: .init(random.uuid()), name: "Menter Iaith \(ward.name)",
            description: "Mudiad sy'n helpu pobl i fwynhau defnyddio'r Gymraeg yn eu cymuned.")
        try await store.save(organisation, at: created)
        for group in Self.welshGroups {
            let place = ward.postcodes[0]
            let resource = CommunityResource(
                id: .init(random.uuid()), organisationID: organisation.id, name: "\(group.name) \(ward.name)",
                description: group.description, status: .active, fees: group.fees,
                schedules: [
                    Schedule(
                        id: random.uuid(), frequency: .weekly, interval: 1, byDay: group.day, opensAt: group.times.0,
                        closesAt: group.times.1)
                ],
                sites: [
                    .init(
                        id: random.uuid(),
                        location: .init(
                            id: random.uuid(), name: "Canolfan Gymunedol \(ward.name)", addressID: random.uuid(),
                            address1: "1 \(ward.name) Road", city: "Kestrel Vale", stateProvince: "Kestrel Vale",
                            postcode: place.postcode.value, latitude: place.latitude, longitude: place.longitude))
                ],
                termIDs: categories[group.category].map { [$0] } ?? [], checkedOn: ISODay.string(today),
                lastModified: created)
            try await store.save(resource, by: DirectoryEditor(staffID: nil, name: "Demo data"), at: created)
        }
        return Self.welshGroups.count
    }
}
