import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideDemo
@testable import AlongsideWeb

/// A Welsh reader searching the public directory with the search hint's own examples finds the groups
/// that meet in Welsh; every reader can tell the council's coordinators what is missing.
@Suite("Welsh directory pages")
struct WelshDirectoryPageTests {
    static let welshBrowser: HTTPHeaders = ["Accept-Language": "cy-GB,cy;q=0.9"]

    @Test func theHintsExamplesFindWelshGroupsAndTheCoordinatorIsALinkAway() async throws {
        try await withAlongside { app, _ in
            let council = try await Factory(app: app).council("dyffryn", name: "Cyngor Dyffryn")
            try await CouncilStore(app.db).setLanguages([.english, .welsh], for: council.id)
            let postcodes: [PostcodeDirectory.Entry] = [
                .init(postcode: Postcode("KV1 1AA")!, wardCode: "W05900001", latitude: 52.9, longitude: -1.47)
            ]
            try await PostcodeStore(app.db).load(postcodes)
            var directory = DemoDirectory(
                councilID: council.id, wards: [("W05900001", "Abaty", postcodes)],
                today: Date(timeIntervalSince1970: 1_785_000_000))
            #expect(try await directory.load(on: app.db) == DemoDirectory.resourcesPerWard + 3)

            let reader = Browser(app)
            reader.headers = Self.welshBrowser
            let hint = try await reader.get("/c/dyffryn/directory").body.string
            #expect(hint.contains("<html lang=\"cy-GB\">"))
            #expect(hint.contains("Er enghraifft clwb cinio, cerdded, côr, banc bwyd"))
            #expect(
                hint.contains("<a href=\"/c/dyffryn/introduce\">Dywedwch wrth eich Cydlynydd Ardal Leol</a>"))
            let choir = try await reader.get("/c/dyffryn/directory?q=c%C3%B4r").body.string
            #expect(choir.contains("Côr Cymunedol Abaty"))
            #expect(!choir.contains("Clwb Cinio Cymraeg Abaty"))
            let withoutAccent = try await reader.get("/c/dyffryn/directory?q=cor").body.string
            #expect(withoutAccent.contains("Côr Cymunedol Abaty"))
            let lunch = try await reader.get("/c/dyffryn/directory?q=clwb+cinio").body.string
            #expect(lunch.contains("Clwb Cinio Cymraeg Abaty"))
            #expect(!lunch.contains("Côr Cymunedol Abaty"))

            // The count, what was asked, the distance and "Free" are in the reader's language; a cost the team
            // wrote in its own words is shown as written.
            let near = try await reader.get("/c/dyffryn/directory?postcode=KV1+1AA").body.string
            #expect(near.contains("o leoedd wedi&#39;u canfod yr agosaf at KV1 1AA yn gyntaf"))
            #expect(near.contains("i ffwrdd") && !near.contains(" away"))
            #expect(near.contains("<dd>Am ddim</dd>") && !near.contains("<dd>Free</dd>"))
            #expect(near.contains("<dd>50p for tea</dd>"))
            #expect(lunch.contains("1 lle wedi&#39;i ganfod yn cyfateb i"))
            let tuesdays = try await reader.get("/c/dyffryn/directory?day=TU").body.string
            #expect(tuesdays.contains("ar ddydd Mawrth"))
            // A page past the end shows the last page, not "nothing matched" under a count of places.
            let pastTheEnd = try await reader.get("/c/dyffryn/directory?page=500").body.string
            #expect(pastTheEnd.contains("class=\"resource-card"))
            let inEnglish = try await Browser(app).get("/c/dyffryn/directory?postcode=KV1+1AA").body.string
            #expect(inEnglish.contains("places found nearest KV1 1AA first"))
            #expect(inEnglish.contains("<dd>Free</dd>") && inEnglish.contains(" away"))

            // English readers get the same link, and English search still stems.
            let english = try await Browser(app).get("/c/dyffryn/directory?q=choirs").body.string
            #expect(english.contains("<a href=\"/c/dyffryn/introduce\">Tell your Local Area Coordinator</a>"))
        }
    }

    @Test func aCouncilInEnglishAloneHasNoWelshDemoGroups() async throws {
        try await withAlongside { app, _ in
            let council = try await Factory(app: app).directoryCouncil()
            #expect(
                try await DirectoryStore(app.db, councilID: council.id).count() == 2 * DemoDirectory.resourcesPerWard)
        }
    }
}
