import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import NIOFoundationEssentialsCompat
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

@Suite("Subject access")
struct SubjectAccessTests {
    @Test func anExportHoldsEverythingAboutThePersonWithOtherPeoplesDetailsRemoved() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            var draft = IntroductionDraft()
            draft.fullName = "Margaret Hale"
            draft.postcode = "DE1 1AA"
            draft.phone = "07700 900123"
            draft.source = .neighbour
            draft.introducerName = "Nosy Neighbour"
            draft.introducerContact = "07700 111222"
            draft.whatMatters = "She misses singing."
            let person = try await PeopleStore(app.db, councilID: council.id)
                .introduce(try draft.validated(today: Date()).get(), recordedBy: coordinator.id, at: clock.now).person
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let path = "/people/\(person.id)"
            try await browser.get(path)
            _ = try await browser.post(
                path + "/conversations",
                form: [
                    "happenedOn": "1/7/2026", "place": "home", "whoWasThere": "Her son Tom",
                    "notes": "Talked about the choir.",
                ])
            _ = try await browser.post(
                path + "/people", form: ["name": "Tom Hale", "kind": "family", "closeness": "1"])
            _ = try await browser.post(
                path + "/connections", form: ["connectionName": "Jean next door", "connectionKind": "neighbour"])
            #expect(try await browser.get(path + "/export").status == .forbidden)
            // A correction (its earlier values) and a consent are theirs too.
            let store = PeopleStore(app.db, councilID: council.id)
            let conversation = try #require(try await store.conversations(of: person.id).first)
            try await store.correctConversation(
                conversation.id, of: person.id, happenedOn: "2026-06-30", minutes: nil, place: .home,
                whoWasThere: "Her son Tom and his wife", notes: "Talked about the choir.", reason: "Wrong day",
                expectedVersion: conversation.version, by: coordinator.id, mayCorrectOthers: false, at: clock.now)
            _ = try await store.recordConsent(
                person.id, kind: .keepInformation, partner: nil, givenOn: "2026-07-01", by: coordinator.id,
                at: clock.now)

            let lead = Browser(app)
            try await lead.signIn(leader.email, password: testPassword)
            let page = try await lead.get(path + "/export")
            #expect(page.status == .ok)
            let html = page.body.string
            for expected in [
                "Margaret Hale", "She misses singing.", "Talked about the choir.", "Family", "A neighbour",
                "Who has seen or changed this record", "Amara Okafor", "[removed: another person&#39;s details]",
            ] {
                #expect(html.contains(expected), "\(expected)")
            }
            for secret in ["Nosy Neighbour", "07700 111222", "Tom Hale", "Her son Tom", "Jean next door"] {
                #expect(!html.contains(secret), "\(secret) should be removed")
            }
            let json = try await lead.get(path + "/export.json")
            #expect(json.headers.first(name: .contentDisposition)?.contains("subject-access-") == true)
            let export = try JSONDecoder().decode(SubjectAccessExport.self, from: Data(buffer: json.body))
            #expect(export.sections.first { $0.id == "conversations" }?.entries.count == 1)
            #expect(export.sections.first { $0.id == "consents" }?.entries.count == 1)
            let corrections = try #require(export.sections.first { $0.id == "corrections" })
            #expect(corrections.entries.count == 1)
            #expect(corrections.entries[0].details.contains { $0.value == "from “2026-07-01” to “2026-06-30”" })
            #expect(!json.body.string.contains("his wife"))
            #expect(!json.body.string.contains("Tom Hale"))
            let audit = try await AuditStore(app.db, councilID: council.id).entries(about: person.id)
            #expect(audit.filter { $0.action == .export }.count == 2)

            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sar-\(UUID())").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let output = try await app.run([
                "export", "person", person.id.description, "--council", council.slug, "--to", folder,
            ])
            #expect(output.contains("Wrote"))
            let document = try String(contentsOfFile: folder + "/person-\(person.id).html", encoding: .utf8)
            #expect(document.contains("Talked about the choir.") && !document.contains("Nosy Neighbour"))
            #expect(FileManager.default.fileExists(atPath: folder + "/person-\(person.id).json"))
            // Only the operator may read what was exported: 0600, never readable by others.
            for suffix in ["html", "json"] {
                let attributes = try FileManager.default.attributesOfItem(
                    atPath: folder + "/person-\(person.id).\(suffix)")
                #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(suffix)")
            }
        }
    }
}
