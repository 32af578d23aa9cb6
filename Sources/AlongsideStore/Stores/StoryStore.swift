import AlongsideCore
import FluentKit
import Foundation

final class StoryModel: Model, @unchecked Sendable {
    static let schema = "stories"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @Field(key: "consent_wording") var consentWording: String
    @Field(key: "status") var status: String
    @OptionalField(key: "written_by_id") var writtenByID: UUID?
    @Field(key: "written_at") var writtenAt: Date
    @OptionalField(key: "approved_by_id") var approvedByID: UUID?
    @OptionalField(key: "approved_at") var approvedAt: Date?

    init() {}

    func story() throws -> Story {
        Story(
            id: .init(try requireID()), personID: .init(personID), title: title, body: body,
            status: Story.Status(rawValue: status) ?? .awaitingApproval, writtenAt: writtenAt)
    }
}

/// Stories told with consent; only approved ones are shown beyond the team leader.
public struct StoryStore: Sendable {
    let database: any Database
    public let councilID: Council.ID

    public init(_ database: any Database, councilID: Council.ID) {
        self.database = database
        self.councilID = councilID
    }

    public func write(
        for person: Person, title: String, body: String, consent: Bool, by staffID: StaffMember.ID, at now: Date
    ) async throws {
        let problems = Story.problems(title: title, body: body, consent: consent, person: person)
        if !problems.isEmpty { throw AlongsideValidation(problems: problems) }
        let row = StoryModel()
        row.councilID = councilID.uuid
        row.personID = person.id.uuid
        row.title = title.trimmingCharacters(in: .whitespaces)
        row.body = body.trimmingCharacters(in: .whitespacesAndNewlines)
        row.consentWording = Story.consentWording
        row.status = Story.Status.awaitingApproval.rawValue
        row.writtenByID = staffID.uuid
        row.writtenAt = now
        try await row.create(on: database)
    }

    public func stories(status: Story.Status) async throws -> [Story] {
        try await StoryModel.query(on: database).filter(\.$councilID == councilID.uuid).filter(
            \.$status == status.rawValue
        )
        .sort(\.$writtenAt, .descending).all().map { try $0.story() }
    }

    public func stories(of personID: Person.ID) async throws -> [Story] {
        try await StoryModel.query(on: database).filter(\.$councilID == councilID.uuid).filter(
            \.$personID == personID.uuid
        )
        .sort(\.$writtenAt, .descending).all().map { try $0.story() }
    }

    public func approve(_ id: Story.ID, by staffID: StaffMember.ID, at now: Date) async throws {
        guard
            let row = try await StoryModel.query(on: database).filter(\.$councilID == councilID.uuid)
                .filter(\.$id == id.uuid).first()
        else { throw AlongsideError.notFound(what: "story") }
        row.status = Story.Status.approved.rawValue
        row.approvedByID = staffID.uuid
        row.approvedAt = now
        try await row.save(on: database)
    }
}
