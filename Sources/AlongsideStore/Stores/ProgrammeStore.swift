import AlongsideCore
import FluentKit
import Foundation

final class ProgrammeModel: Model, @unchecked Sendable {
    static let schema = "programmes"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "name") var name: String
    @Field(key: "funder") var funder: String
    @Field(key: "purpose") var purpose: String
    @Field(key: "cohort") var cohort: String
    @Field(key: "starts_on") var startsOn: String
    @Field(key: "ends_on") var endsOn: String
    @OptionalField(key: "extended_to") var extendedTo: String?
    @Field(key: "budget_pence") var budgetPence: Int
    @Field(key: "extra_coordinators") var extraCoordinators: Int

    init() {}

    func programme() throws -> Programme {
        Programme(
            id: .init(try requireID()), councilID: .init(councilID), name: name, funder: funder, purpose: purpose,
            cohort: cohort, startsOn: startsOn, endsOn: endsOn, extendedTo: extendedTo, budgetPence: budgetPence,
            extraCoordinators: extraCoordinators)
    }
}

final class ProgrammeMemberModel: Model, @unchecked Sendable {
    static let schema = "programme_members"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "programme_id") var programmeID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "joined_on") var joinedOn: String

    init() {}
}

/// A council's funded programmes and who is in them.
public struct ProgrammeStore: Sendable {
    let database: any Database
    public let councilID: Council.ID

    public init(_ database: any Database, councilID: Council.ID) {
        self.database = database
        self.councilID = councilID
    }

    public func all() async throws -> [Programme] {
        try await ProgrammeModel.query(on: database).filter(\.$councilID == councilID.uuid).sort(
            \.$startsOn, .descending
        )
        .all().map { try $0.programme() }
    }

    public func find(_ id: Programme.ID) async throws -> Programme {
        guard
            let model = try await ProgrammeModel.query(on: database).filter(\.$councilID == councilID.uuid)
                .filter(\.$id == id.uuid).first()
        else { throw AlongsideError.notFound(what: "programme") }
        return try model.programme()
    }

    public func save(_ programme: Programme) async throws {
        let model =
            try await ProgrammeModel.query(on: database).filter(\.$councilID == councilID.uuid)
            .filter(\.$id == programme.id.uuid).first() ?? ProgrammeModel()
        model.id = programme.id.uuid
        model.councilID = councilID.uuid
        model.name = programme.name
        model.funder = programme.funder
        model.purpose = programme.purpose
        model.cohort = programme.cohort
        model.startsOn = programme.startsOn
        model.endsOn = programme.endsOn
        model.extendedTo = programme.extendedTo
        model.budgetPence = programme.budgetPence
        model.extraCoordinators = programme.extraCoordinators
        try await model.save(on: database)
    }

    /// Adds a person to a programme (once).
    public func join(_ personID: Person.ID, to programmeID: Programme.ID, on day: String) async throws {
        _ = try await find(programmeID)
        _ = try await PeopleStore(database, councilID: councilID).find(personID)
        let existing = try await ProgrammeMemberModel.query(on: database).filter(\.$councilID == councilID.uuid)
            .filter(\.$programmeID == programmeID.uuid).filter(\.$personID == personID.uuid).first()
        guard existing == nil else { return }
        let row = ProgrammeMemberModel()
        row.councilID = councilID.uuid
        row.programmeID = programmeID.uuid
        row.personID = personID.uuid
        row.joinedOn = day
        try await row.create(on: database)
    }

    public func members(of programmeID: Programme.ID) async throws -> [Person.ID] {
        try await ProgrammeMemberModel.query(on: database).filter(\.$councilID == councilID.uuid)
            .filter(\.$programmeID == programmeID.uuid).all().map { .init($0.personID) }
    }

    /// How many people each programme has, in one query.
    public func memberCounts() async throws -> [Programme.ID: Int] {
        let rows = try await ProgrammeMemberModel.query(on: database).filter(\.$councilID == councilID.uuid)
            .field(\.$programmeID).all()
        var counts: [Programme.ID: Int] = [:]
        for row in rows { counts[.init(row.programmeID), default: 0] += 1 }
        return counts
    }

    public func programmes(of personID: Person.ID) async throws -> [Programme] {
        let ids = try await ProgrammeMemberModel.query(on: database).filter(\.$councilID == councilID.uuid)
            .filter(\.$personID == personID.uuid).all().map(\.programmeID)
        guard !ids.isEmpty else { return [] }
        return try await ProgrammeModel.query(on: database).filter(\.$councilID == councilID.uuid)
            .filter(\.$id ~~ ids).all().map { try $0.programme() }
    }

    /// What a programme report needs about its members: their stages, outcomes and wellbeing readings.
    public func report(_ programmeID: Programme.ID) async throws -> (
        people: [Person], outcomes: [RecordedOutcome], readings: [MeasureReading]
    ) {
        let ids = try await members(of: programmeID).map(\.uuid)
        guard !ids.isEmpty else { return ([], [], []) }
        var people: [Person] = []
        var outcomes: [RecordedOutcome] = []
        var readings: [MeasureReading] = []
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            people += try await PersonModel.query(on: database).filter(\.$councilID == councilID.uuid)
                .filter(\.$id ~~ chunk).all().map { try $0.person() }
            outcomes += try await OutcomeModel.query(on: database).filter(\.$councilID == councilID.uuid)
                .filter(\.$personID ~~ chunk).all().map { try $0.outcome() }
            readings += try await MeasureModel.query(on: database).filter(\.$councilID == councilID.uuid)
                .filter(\.$personID ~~ chunk).all().map { try $0.reading() }
        }
        return (people, outcomes, readings)
    }
}
