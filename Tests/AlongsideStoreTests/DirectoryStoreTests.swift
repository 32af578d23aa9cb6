import AlongsideCore
import AlongsideTestSupport
import Fluent
import Foundation
import Testing

@testable import AlongsideStore

@Suite("Directory store")
struct DirectoryStoreTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    static func resource(
        _ name: String, organisation: CommunityOrganisation.ID, description: String = "", day: String = "TU",
        postcode: String = "DE1 1AA", terms: [TaxonomyTerm.ID] = [], latitude: Double? = nil,
        longitude: Double? = nil
    ) -> CommunityResource {
        CommunityResource(
            id: .init(UUID()), organisationID: organisation, name: name, description: description,
            schedules: [Schedule(id: UUID(), frequency: .weekly, byDay: day, opensAt: "12:00", closesAt: "14:00")],
            sites: [
                .init(
                    id: UUID(),
                    location: .init(
                        id: UUID(), addressID: UUID(), address1: "1 High Street", city: "Derby", postcode: postcode,
                        latitude: latitude, longitude: longitude))
            ], termIDs: terms, lastModified: t0)
    }

    static func setUp(_ db: any Database, slug: String = "testshire") async throws -> (
        DirectoryStore, CommunityOrganisation
    ) {
        let council = try await CouncilStore(db).create(slug: slug, name: "Testshire")
        try await PostcodeStore(db).load([
            .init(postcode: Postcode("DE1 1AA")!, wardCode: "E05000001", latitude: 52.92, longitude: -1.47),
            .init(postcode: Postcode("DE2 2BB")!, wardCode: "E05000002", latitude: 52.95, longitude: -1.40),
        ])
        let store = DirectoryStore(db, councilID: council.id)
        let organisation = CommunityOrganisation(
            id: .init(UUID()), name: "St Mark's Church", description: "A parish church.")
        try await store.save(organisation, at: t0)
        return (store, organisation)
    }

    @Test func eachSaveKeepsAVersionSayingWhoAndWhatChanged() async throws {
        try await withDatabase { db in
            let (store, organisation) = try await Self.setUp(db)
            let editor = DirectoryEditor(staffID: nil, name: "Asha Patel")
            var club = Self.resource("Tuesday Lunch Club", organisation: organisation.id)
            #expect(try await store.save(club, by: editor, at: Self.t0) == ["added"])
            #expect(try await store.save(club, by: editor, at: Self.t0.addingTimeInterval(60)).isEmpty)
            club.fees = "£3 for lunch"
            club.schedules[0].opensAt = "12:30"
            let later = Self.t0.addingTimeInterval(3_600)
            #expect(try await store.save(club, by: editor, at: later) == ["cost", "when it meets"])
            let versions = try await store.versions(of: club.id)
            #expect(versions.map(\.version) == [2, 1])
            #expect(versions.first?.changedBy == "Asha Patel")
            let saved = try #require(try await store.resource(club.id))
            #expect(saved.lastModified == later)
            #expect(saved.sites.first?.location.wardCode == "E05000001")
            #expect(saved.sites.first?.location.latitude == 52.92)
        }
    }

    @Test func fullTextSearchRanksNameMatchesFirstAndFindsWordForms() async throws {
        try await withDatabase { db in
            let (store, organisation) = try await Self.setUp(db)
            let editor = DirectoryEditor(staffID: nil, name: "Import")
            try await store.save(
                Self.resource(
                    "Men's Shed", organisation: organisation.id, description: "Woodwork; we stop for lunch at noon."),
                by: editor, at: Self.t0)
            try await store.save(
                Self.resource("Lunch Club", organisation: organisation.id, description: "A hot two-course meal."),
                by: editor, at: Self.t0)
            try await store.save(
                Self.resource(
                    "Walking Group", organisation: organisation.id, description: "Gentle walks by the river."),
                by: editor, at: Self.t0)
            var search = DirectorySearch()
            search.text = DirectoryQuery("lunch")
            let found = try await store.resources(try await store.find(search).map(\.resourceID))
            #expect(found.map(\.name) == ["Lunch Club", "Men's Shed"])
            search.text = DirectoryQuery("walk")
            #expect(try await store.find(search).count == 1)
            search.text = DirectoryQuery("LUNCH; DROP TABLE")
            #expect(try await store.find(search).isEmpty)
            search.text = DirectoryQuery("st mark")
            #expect(try await store.find(search).count == 3)
        }
    }

    @Test func filtersByDayCategoryWardAndDistance() async throws {
        try await withDatabase { db in
            let (store, organisation) = try await Self.setUp(db)
            let terms = try await store.ensureStarterCategories()
            let food = try #require(terms.first { $0.code == "lunch-clubs" })
            let editor = DirectoryEditor(staffID: nil, name: "Import")
            let near = Self.resource("Near club", organisation: organisation.id, day: "TU", terms: [food.id])
            let far = Self.resource(
                "Far club", organisation: organisation.id, day: "TU", postcode: "DE2 2BB", terms: [food.id])
            let thursday = Self.resource("Thursday club", organisation: organisation.id, day: "TH", terms: [food.id])
            for resource in [far, near, thursday] { try await store.save(resource, by: editor, at: Self.t0) }
            var search = DirectorySearch()
            search.day = .tuesday
            search.termID = food.id
            search.near = (52.92, -1.47)
            let hits = try await store.find(search)
            #expect(hits.map(\.resourceID) == [near.id, far.id])
            #expect((hits.last?.metres ?? 0) > 4_000)
            search.withinMetres = 2_000
            #expect(try await store.find(search).map(\.resourceID) == [near.id])
            var ward = DirectorySearch()
            ward.wardCode = "E05000002"
            #expect(try await store.find(ward).map(\.resourceID) == [far.id])
        }
    }

    @Test func anotherCouncilCanHoldTheSameIdsWithoutSeeingEachOther() async throws {
        try await withDatabase { db in
            let (mine, organisation) = try await Self.setUp(db)
            let theirsCouncil = try await CouncilStore(db).create(slug: "theirs", name: "Theirs")
            let theirs = DirectoryStore(db, councilID: theirsCouncil.id)
            try await theirs.save(organisation, at: Self.t0)
            let club = Self.resource("Lunch Club", organisation: organisation.id)
            let editor = DirectoryEditor(staffID: nil, name: "Import")
            try await mine.save(club, by: editor, at: Self.t0)
            var copy = club
            copy.name = "Riverside Lunch Club"
            try await theirs.save(copy, by: editor, at: Self.t0)
            #expect(try await mine.resource(club.id)?.name == "Lunch Club")
            var search = DirectorySearch()
            search.text = DirectoryQuery("riverside")
            #expect(try await mine.find(search).isEmpty)
            #expect(try await theirs.find(search).count == 1)
            // A new name replaces the old in the search index of its own council only.
            var renamed = club
            renamed.name = "Canal Lunch Club"
            try await mine.save(renamed, by: editor, at: Self.t0.addingTimeInterval(60))
            search.text = DirectoryQuery("canal")
            #expect(try await mine.find(search).map(\.resourceID) == [club.id])
            #expect(try await theirs.find(search).isEmpty)
            search.text = DirectoryQuery("lunch")
            #expect(try await mine.find(search).count == 1)
            #expect(try await theirs.find(search).count == 1)
            search.text = DirectoryQuery("riverside")
            #expect(try await theirs.find(search).count == 1)
            // The council's own token in the index is not something a search can match.
            search.text = DirectoryQuery(DirectoryStore.councilKey(theirsCouncil.id))
            #expect(try await theirs.find(search).isEmpty)
        }
    }

    @Test func upgradingADirectoryScopesItsSearchAndKeepsItFindable() async throws {
        try await withDatabase { db in
            let (store, organisation) = try await Self.setUp(db)
            let club = Self.resource("Riverside Lunch Club", organisation: organisation.id)
            try await store.save(club, by: DirectoryEditor(staffID: nil, name: "Import"), at: Self.t0)
            // As a deployment with a directory upgrades: the search index as it was, then migration 013,
            // which writes each row's council token in SQL; it must be the token searches ask for.
            try await ScopeDirectorySearch().revert(on: db)
            try await ScopeDirectorySearch().prepare(on: db)
            var search = DirectorySearch()
            search.text = DirectoryQuery("riverside")
            #expect(try await store.find(search).map(\.resourceID) == [club.id])
        }
    }

    @Test func badResourcesAreRefusedWithTheFieldToFix() async throws {
        try await withDatabase { db in
            let (store, organisation) = try await Self.setUp(db)
            var club = Self.resource("", organisation: organisation.id, postcode: "nowhere")
            club.minimumAge = 70
            club.maximumAge = 18
            await #expect(throws: AlongsideValidation.self) {
                try await store.save(club, by: DirectoryEditor(staffID: nil, name: "A"), at: Self.t0)
            }
            let problems = CommunityDirectory.problems(club).map(\.field)
            #expect(problems == ["name", "maximumAge", "postcode"])
            #expect(try await store.count() == 0)
        }
    }
}
