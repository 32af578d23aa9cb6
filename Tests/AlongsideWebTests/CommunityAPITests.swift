import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// A person's stories and Good Neighbour requests are corrected through the API as on the record's page:
/// who may, from which state, in one transaction with the audit entry; another council's ids are not found.
@Suite("Stories and requests over the API")
struct CommunityAPITests {
    @Test func aStoryIsEditedSentBackAndApprovedWithEachStepCheckedAndAudited() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let stories = StoryStore(app.db, councilID: council.id)
            try await stories.write(
                for: person, title: "Back in the garden", body: "She grows beans again.", consent: true,
                by: coordinator.id, at: clock.now)
            let story = try #require(try await stories.stories(of: person.id).first)
            let mine = try await PeopleAPITests().token(app, coordinator)
            let lead = try await PeopleAPITests().token(app, leader)
            let base = "/api/v1/people/\(person.id)/stories"
            let listed = try await app.testing().sendRequest(.GET, base, headers: mine)
            #expect(listed.status == .ok && listed.body.string.contains("Back in the garden"))

            let edited = try await app.testing().sendRequest(.PATCH, "\(base)/\(story.id)", headers: mine) {
                try $0.content.encode(["title": "Growing again"], as: .json)
            }
            #expect(edited.status == .ok && edited.body.string.contains("\"title\":\"Growing again\""))
            // A coordinator cannot decide on a story; a decision needs a known word and a note to send back.
            let notTheirs = try await app.testing().sendRequest(.POST, "\(base)/\(story.id)/review", headers: mine) {
                try $0.content.encode(["decision": "approve"], as: .json)
            }
            #expect(notTheirs.status == .forbidden)
            for body in [["decision": "publish"], ["decision": "send-back"]] {
                let refused = try await app.testing().sendRequest(
                    .POST, "\(base)/\(story.id)/review", headers: lead
                ) { try $0.content.encode(body, as: .json) }
                #expect(refused.status == .unprocessableEntity)
            }
            let sentBack = try await app.testing().sendRequest(.POST, "\(base)/\(story.id)/review", headers: lead) {
                try $0.content.encode(["decision": "send-back", "note": "Leave out the street name"], as: .json)
            }
            #expect(sentBack.status == .ok && sentBack.body.string.contains("\"status\":\"sent-back\""))
            // Only a story awaiting approval is approved.
            let early = try await app.testing().sendRequest(.POST, "\(base)/\(story.id)/review", headers: lead) {
                try $0.content.encode(["decision": "approve"], as: .json)
            }
            #expect(early.status == .conflict)
            _ = try await app.testing().sendRequest(.PATCH, "\(base)/\(story.id)", headers: mine) {
                try $0.content.encode(["body": "She grows beans on the allotment again."], as: .json)
            }
            let approved = try await app.testing().sendRequest(.POST, "\(base)/\(story.id)/review", headers: lead) {
                try $0.content.encode(["decision": "approve"], as: .json)
            }
            #expect(approved.status == .ok && approved.body.string.contains("\"status\":\"approved\""))
            let late = try await app.testing().sendRequest(.PATCH, "\(base)/\(story.id)", headers: mine) {
                try $0.content.encode(["title": "Changed after approval"], as: .json)
            }
            #expect(late.status == .conflict)
            let audit = try await AuditStore(app.db, councilID: council.id).entries(about: person.id)
            // The refused approval wrote nothing: one approval in the log.
            #expect(audit.count(where: { $0.words == "Approved a story (API)" }) == 1)
            #expect(audit.contains { $0.words == "Sent a story back to be changed (API)" })
            let corrections = try await PeopleStore(app.db, councilID: council.id).corrections(of: person.id)
            #expect(corrections.contains { $0.entry == .story && $0.changes.contains { $0.field == "title" } })

            // Another council's member of staff finds neither the person nor the story.
            let (other, otherCoordinator, _, _) = try await factory.coveredCouncil("kestrel")
            _ = other
            let stranger = try await PeopleAPITests().token(app, otherCoordinator)
            let foreign = try await app.testing().sendRequest(.PATCH, "\(base)/\(story.id)", headers: stranger) {
                try $0.content.encode(["title": "Hijacked"], as: .json)
            }
            #expect(foreign.status == .notFound)
        }
    }

    @Test func aRequestIsCorrectedWhileItIsArrangedAndOnlyOnItsOwnPerson() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let neighbour = try await factory.introduce(council, name: "Tom Reed", phone: "07700 900999")
            let scheme = GoodNeighbourStore(app.db, councilID: council.id)
            let request = try await scheme.raise(
                for: person, kind: .shopping, details: "A weekly shop", neededOn: "2026-08-04", needsClearance: false,
                by: coordinator.id, at: clock.now)
            let headers = try await PeopleAPITests().token(app, coordinator)
            let base = "/api/v1/people/\(person.id)/help-requests"
            let listed = try await app.testing().sendRequest(.GET, base, headers: headers)
            #expect(listed.status == .ok && listed.body.string.contains("A weekly shop"))
            let bad = try await app.testing().sendRequest(.PATCH, "\(base)/\(request.id)", headers: headers) {
                try $0.content.encode(["neededOn": "31/02/2026"], as: .json)
            }
            #expect(bad.status == .unprocessableEntity)
            let corrected = try await app.testing().sendRequest(.PATCH, "\(base)/\(request.id)", headers: headers) {
                try $0.content.encode(["details": "A fortnightly shop", "neededOn": "2026-08-05"], as: .json)
            }
            #expect(corrected.status == .ok && corrected.body.string.contains("\"neededOn\":\"2026-08-05\""))
            #expect(try await scheme.request(request.id).details == "A fortnightly shop")
            // Through someone else's record, the request is not found.
            let elsewhere = try await app.testing().sendRequest(
                .PATCH, "/api/v1/people/\(neighbour.id)/help-requests/\(request.id)", headers: headers
            ) { try $0.content.encode(["details": "Something else"], as: .json) }
            #expect(elsewhere.status == .notFound)
            // Once it is cancelled, it is no longer corrected.
            try await scheme.record(.cancel, on: request.id, at: clock.now)
            let late = try await app.testing().sendRequest(.PATCH, "\(base)/\(request.id)", headers: headers) {
                try $0.content.encode(["details": "Too late"], as: .json)
            }
            #expect(late.status == .conflict)
        }
    }
}
