import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

@Suite("People API")
struct PeopleAPITests {
    struct PageOf: Decodable {
        struct Item: Decodable { let id: String; let fullName: String; let stage: String }
        struct Metadata: Decodable, Equatable { let page: Int; let per: Int; let total: Int; let pageCount: Int }
        let items: [Item]
        let metadata: Metadata
    }

    struct Introduced: Decodable {
        struct PersonBody: Decodable { let id: String; let coordinatorID: String? }
        struct RouteBody: Decodable { let coordinatorID: String?; let queueReason: String? }
        struct MatchBody: Decodable { let fullName: String; let reasons: [String] }
        let person: PersonBody
        let route: RouteBody
        let likelyDuplicates: [MatchBody]
    }

    func token(_ app: Application, _ member: StaffMember) async throws -> HTTPHeaders {
        let token = try await app.testing().sendRequest(.POST, "/api/v1/tokens") {
            try $0.content.encode(["email": member.email, "password": testPassword], as: .json)
        }.content.decode(APITests.Token.self).token
        return ["Authorization": "Bearer \(token)"]
    }

    @Test func introductionsAreRoutedAndLikelyDuplicatesReturned() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            try await factory.introduce(council, name: "Margaret Hale", dateOfBirth: "3/4/1950")
            let headers = try await token(app, leader)
            let response = try await app.testing().sendRequest(.POST, "/api/v1/introductions", headers: headers) {
                try $0.content.encode(
                    [
                        "fullName": "Margaret Hale", "dateOfBirth": "1950-04-03", "postcode": "DE1 1AA",
                        "source": "gp-or-health", "phone": "01234 567890",
                    ],
                    as: .json)
            }
            #expect(response.status == .created)
            let body = try response.content.decode(Introduced.self)
            #expect(body.route.coordinatorID == coordinator.id.description)
            #expect(body.likelyDuplicates.first?.reasons == ["Same name and date of birth"])

            let queued = try await app.testing().sendRequest(.POST, "/api/v1/introductions", headers: headers) {
                try $0.content.encode(
                    ["fullName": "Sam Uncovered", "postcode": "DE2 2BB", "phone": "01234 567891"], as: .json)
            }.content.decode(Introduced.self)
            #expect(queued.route.queueReason == "uncovered-ward")

            let invalid = try await app.testing().sendRequest(.POST, "/api/v1/introductions", headers: headers) {
                try $0.content.encode(["fullName": "", "postcode": "nonsense"], as: .json)
            }
            #expect(invalid.status == .unprocessableEntity)
            #expect(try invalid.content.decode(APITests.ErrorBody.self).reason.contains("Enter a full postcode"))
        }
    }

    @Test func peopleComeInPagesWithASaneMaximum() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, _, leader, _) = try await factory.coveredCouncil()
            for index in 0..<7 {
                try await factory.introduce(council, name: "Person \(index)", phone: "0770090\(1000 + index)")
            }
            let headers = try await token(app, leader)
            let page = try await app.testing().sendRequest(.GET, "/api/v1/people?page=2&per=3", headers: headers)
                .content.decode(PageOf.self)
            #expect(page.metadata == .init(page: 2, per: 3, total: 7, pageCount: 3))
            #expect(page.items.map(\.fullName) == ["Person 3", "Person 4", "Person 5"])
            let huge = try await app.testing().sendRequest(.GET, "/api/v1/people?per=100000", headers: headers)
                .content.decode(PageOf.self)
            #expect(huge.metadata.per == 100)
            let badStage = try await app.testing().sendRequest(.GET, "/api/v1/people?stage=floating", headers: headers)
            #expect(badStage.status == .unprocessableEntity)
        }
    }

    @Test func coordinatorsListTheirOwnCaseloadAndNeedAReasonForOthers() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            let mine = try await factory.introduce(council, name: "Margaret Hale")
            let queued = try await factory.introduce(council, name: "Sam Uncovered", postcode: "DE2 2BB")
            let headers = try await token(app, coordinator)
            let list = try await app.testing().sendRequest(.GET, "/api/v1/people", headers: headers).content.decode(
                PageOf.self)
            #expect(list.items.map(\.id) == [mine.id.description])

            let refused = try await app.testing().sendRequest(.GET, "/api/v1/people/\(queued.id)", headers: headers)
            #expect(refused.status == .forbidden)
            #expect(try refused.content.decode(APITests.ErrorBody.self).reason.contains("not on your caseload"))
            var withReason = headers
            withReason.add(name: "X-Alongside-Reason", value: "Team leader asked me to call")
            let opened = try await app.testing().sendRequest(.GET, "/api/v1/people/\(queued.id)", headers: withReason)
            #expect(opened.status == .ok)
            let audit = try await AuditStore(app.db, councilID: council.id).entries(about: queued.id)
            #expect(audit.contains { $0.reason == "Team leader asked me to call" })
        }
    }

    @Test func aCoordinatorWorksARecordThroughTheAPI() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let headers = try await token(app, coordinator)
            let base = "/api/v1/people/\(person.id)"
            let conversation = try await app.testing().sendRequest(.POST, base + "/conversations", headers: headers) {
                try $0.content.encode(
                    PeopleAPI.ConversationRequest(
                        happenedOn: "2026-07-10", minutes: 40, place: "phone", whoWasThere: nil, notes: "Called"))
            }
            #expect(conversation.status == .created)
            let step = try await app.testing().sendRequest(.POST, base + "/steps", headers: headers) {
                try $0.content.encode(
                    PeopleAPI.StepRequest(what: "Visit the choir", who: "Maggie", dueOn: "2026-08-01"))
            }
            #expect(step.status == .created)
            let stepID = try step.content.decode(PeopleAPI.StepDTO.self).id
            let done = try await app.testing().sendRequest(.POST, base + "/steps/\(stepID)", headers: headers) {
                try $0.content.encode(PeopleAPI.StepUpdate(done: true))
            }
            #expect(try done.content.decode(PeopleAPI.StepDTO.self).doneAt != nil)
            let relationship = try await app.testing().sendRequest(.POST, base + "/relationships", headers: headers) {
                try $0.content.encode(
                    PeopleAPI.RelationshipRequest(name: "Susan", kind: "family", closeness: 1, note: nil))
            }
            #expect(relationship.status == .created)
            let badKind = try await app.testing().sendRequest(.POST, base + "/relationships", headers: headers) {
                try $0.content.encode(PeopleAPI.RelationshipRequest(name: "X", kind: "pet", closeness: 1, note: nil))
            }
            #expect(badKind.status == .unprocessableEntity)
            let vision = try await app.testing().sendRequest(.PUT, base + "/vision", headers: headers) {
                try $0.content.encode(
                    PeopleAPI.VisionDTO(vision: "Sing again", strengths: "", giftsAndInterests: "", whatMatters: ""))
            }
            #expect(vision.status == .ok)
            let stage = try await app.testing().sendRequest(.POST, base + "/stage", headers: headers) {
                try $0.content.encode(PeopleAPI.StageRequest(stage: "ended", reason: nil))
            }
            #expect(stage.status == .unprocessableEntity)
            let detail = try await app.testing().sendRequest(.GET, base, headers: headers).content.decode(
                PeopleAPI.PersonDetail.self)
            #expect(detail.vision.vision == "Sing again")
            #expect(detail.relationships.map(\.name) == ["Susan"])
            #expect(detail.steps.count == 1)
            let conversations = try await app.testing().sendRequest(.GET, base + "/conversations", headers: headers)
                .content.decode(Paged<PeopleAPI.ConversationDTO>.self)
            #expect(conversations.items.map(\.notes) == ["Called"])
            let handover = try await app.testing().sendRequest(.POST, base + "/coordinator", headers: headers) {
                try $0.content.encode(PeopleAPI.CoordinatorRequest(coordinatorID: nil))
            }
            #expect(handover.status == .forbidden)
        }
    }
}
