import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import NIOFoundationEssentialsCompat
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

@Suite("Open Referral UK API")
struct ORUKTests {
    func json(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test func servicesArePagedFilteredAndFullyNested() async throws {
        try await withAlongside { app, _ in
            _ = try await Factory(app: app).directoryCouncil()
            let root = try await app.sendRequest(.GET, "/oruk/")
            #expect(try json(root)["version"] as? String == "HSDS-UK-3.0")
            #expect(root.headers.first(name: .accessControlAllowOrigin) == "*")
            let document = try json(try await app.sendRequest(.GET, "/oruk/openapi.json"))
            #expect((document["paths"] as? [String: Any])?["/services"] != nil)
            #expect((try json(root)["openapi_url"] as? String)?.hasSuffix("/oruk/openapi.json") == true)

            let page = try json(try await app.sendRequest(.GET, "/oruk/services?per_page=10&page=2"))
            #expect(page["total_items"] as? Int == 34)
            #expect(page["total_pages"] as? Int == 4)
            #expect(page["page_number"] as? Int == 2)
            #expect((page["contents"] as? [Any])?.count == 10)
            #expect(page["first_page"] as? Bool == false)

            let tuesdayLunch = try json(try await app.sendRequest(.GET, "/oruk/services?search=lunch&day=TU"))
            let names = (tuesdayLunch["contents"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(names.contains("Abbey Fields Lunch Club") && names.contains("Ashcombe Lunch Club"))
            #expect(!names.contains("Abbey Fields Friday Lunch Club"))

            let near = try json(
                try await app.sendRequest(.GET, "/oruk/services?postcode=KV1%201AA&proximity=1000&search=lunch"))
            #expect(
                (near["contents"] as? [[String: Any]])?.compactMap { $0["name"] as? String }.contains {
                    $0.hasPrefix("Ashcombe")
                } == false)

            let first = try #require((page["contents"] as? [[String: Any]])?.first?["id"] as? String)
            let full = try json(try await app.sendRequest(.GET, "/oruk/services/\(first)"))
            #expect((full["schedules"] as? [Any])?.isEmpty == false)
            let site = try #require((full["service_at_locations"] as? [[String: Any]])?.first)
            let location = try #require(site["location"] as? [String: Any])
            #expect((location["addresses"] as? [[String: Any]])?.first?["country"] as? String == "GB")
            #expect((full["attributes"] as? [[String: Any]])?.first?["taxonomy_term"] != nil)
            #expect((full["organization"] as? [String: Any])?["name"] != nil)
        }
    }

    @Test func everyEndpointAnswersAndBadInputGetsAReason() async throws {
        try await withAlongside { app, _ in
            _ = try await Factory(app: app).directoryCouncil()
            for path in ["service_at_locations", "organizations", "taxonomies", "taxonomy_terms"] {
                let list = try json(try await app.sendRequest(.GET, "/oruk/\(path)"))
                let id = try #require((list["contents"] as? [[String: Any]])?.first?["id"] as? String, "\(path)")
                let one = try await app.sendRequest(.GET, "/oruk/\(path)/\(id)")
                #expect(one.status == .ok, "\(path)/{id}")
                #expect(try json(one)["id"] as? String == id)
            }
            let ndjson = try await app.sendRequest(.GET, "/oruk/services?format=ndjson")
            #expect(ndjson.headers.contentType?.description.contains("ndjson") == true)
            #expect(ndjson.body.string.split(separator: "\n").count == 34)
            let minimal = try await app.sendRequest(.GET, "/oruk/services?minimal=true")
            #expect((try JSONSerialization.jsonObject(with: Data(buffer: minimal.body)) as? [Any])?.count == 34)

            let missing = try await app.sendRequest(.GET, "/oruk/services/\(UUID())")
            #expect(missing.status == .notFound)
            #expect(missing.headers.first(name: .accessControlAllowOrigin) == "*")
            let bad = try await app.sendRequest(.GET, "/oruk/services?per_page=0")
            #expect(bad.status == .badRequest)
            #expect((try json(bad)["reason"] as? String)?.contains("per_page") == true)
            let postcode = try await app.sendRequest(.GET, "/oruk/services?postcode=nowhere")
            #expect(postcode.status == .badRequest)
            #expect(try await app.sendRequest(.POST, "/oruk/services").status.code >= 400)
        }
    }

    @Test func anImportOfTheFeedIntoAnEmptyCouncilReproducesIt() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            _ = try await factory.directoryCouncil("source")
            let empty = try await factory.council("copy", name: "Copy Council")
            let feed = AppFeed(app: app, base: "/councils/source/oruk")
            let catalogue = try await ORUKImport(feed: feed, at: clock.now).read()
            let store = DirectoryStore(app.db, councilID: empty.id)
            let report = try await ORUKImport.write(catalogue, into: store, source: feed.name, at: clock.now)
            #expect(report.added == 34)
            #expect(report.services == 34)
            for path in [
                "services?per_page=100&full=true", "organizations?per_page=100", "taxonomies", "taxonomy_terms",
                "service_at_locations?per_page=100",
            ] {
                let original = try await app.sendRequest(.GET, "/councils/source/oruk/\(path)").body.string
                let copy = try await app.sendRequest(.GET, "/councils/copy/oruk/\(path)").body.string
                #expect(original == copy, "\(path)")
            }
            clock.advance(60)
            let again = try await ORUKImport.write(
                try await ORUKImport(feed: feed, at: clock.now).read(), into: store, source: feed.name, at: clock.now)
            #expect(again.unchanged == 34)
            #expect(again.added == 0)
        }
    }

    @Test func aBadRecordRejectsTheWholeImportWithAReport() async throws {
        try await withAlongside { app, clock in
            let council = try await Factory(app: app).council()
            let organisation = UUID().uuidString
            let good = """
                {"id":"\(UUID())","name":"Lunch Club","status":"active","organization":{"id":"\(organisation)","name":"Church","description":""}}
                """
            let bad = """
                {"id":"\(UUID())","name":"Choir","status":"sleeping","organization_id":"\(organisation)"}
                """
            let unnamed = """
                {"id":"\(UUID())","status":"active","organization_id":"\(organisation)"}
                """
            #expect {
                _ = try ORUKImport.read(file: Data((good + "\n" + bad).utf8), name: "feed.ndjson", at: clock.now)
            } throws: { error in
                String(describing: error).contains("Service \"Choir\"")
                    && String(describing: error).contains("status \"sleeping\"")
                    && String(describing: error).contains("nothing was changed")
            }
            #expect {
                _ = try ORUKImport.read(file: Data((good + "\n" + unnamed).utf8), name: "feed.ndjson", at: clock.now)
            } throws: { error in String(describing: error).contains("line 2: name is missing") }
            let catalogue = try ORUKImport.read(file: Data(good.utf8), name: "feed.ndjson", at: clock.now)
            let store = DirectoryStore(app.db, councilID: council.id)
            _ = try await ORUKImport.write(catalogue, into: store, source: "feed", at: clock.now)
            #expect(try await store.count() == 1)
        }
    }

    @Test func aSpreadsheetLoadsUpdatesAndRejectsBadRowsWhole() async throws {
        try await withAlongside { app, _ in
            let council = try await Factory(app: app).council()
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("directory-\(UUID()).csv")
            defer { try? FileManager.default.removeItem(at: file) }
            let header = "name,organisation,address,town,postcode,category,day,opens,closes,cost\n"
            try
                (header + """
                    Tuesday Lunch Club,St Mark's Church,1 High Street,Derby,DE1 1AA,Lunch clubs and food,Tuesday,12:00,14:00,£3
                    Men's Shed,Derby Shed Trust,2 Mill Lane,Derby,DE2 2BB,mens-sheds,TU;TH,10:00,15:00,Free

                    """).write(to: file, atomically: true, encoding: .utf8)
            let output = try await app.run(["import", "directory", file.path, "--council", council.slug])
            #expect(output.contains("2 added"))
            let store = DirectoryStore(app.db, councilID: council.id)
            #expect(try await store.organisations().map(\.name) == ["Derby Shed Trust", "St Mark's Church"])

            try
                (header + """
                    Tuesday Lunch Club,St Mark's Church,1 High Street,Derby,DE1 1AA,Lunch clubs and food,Tuesday,12:00,14:30,£3
                    Choir,St Mark's Church,1 High Street,Derby,DE1 1AA,Singing,Monday,19:00,21:00,Free

                    """).write(to: file, atomically: true, encoding: .utf8)
            await #expect {
                try await app.run(["import", "directory", file.path, "--council", council.slug])
            } throws: { error in
                String(describing: error).contains("Line 3: \"singing\" is not a category")
            }
            #expect(try await store.count() == 2)

            try
                (header + """
                    Tuesday Lunch Club,St Mark's Church,1 High Street,Derby,DE1 1AA,Lunch clubs and food,Tuesday,12:00,14:30,£3

                    """).write(to: file, atomically: true, encoding: .utf8)
            let update = try await app.run(["import", "directory", file.path, "--council", council.slug])
            #expect(update.contains("0 added, 1 updated"))
            #expect(try await store.count() == 2)
        }
    }
}
