import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// A council's funded programmes and who is in them.
public struct ProgrammeStore: Sendable {
    let database: any Database
    public let councilID: Council.ID

    public init(_ database: any Database, councilID: Council.ID) {
        self.database = database
        self.councilID = councilID
    }

    public func all() async throws -> [Programme] {
        try await ProgrammeRow.select(council: councilID.uuid, on: database.sql).orderBy("starts_on", .descending)
            .all().map(ProgrammeRow.programme)
    }

    public func find(_ id: Programme.ID) async throws -> Programme {
        guard
            let row = try await ProgrammeRow.select(council: councilID.uuid, on: database.sql)
                .where("id", .equal, id.uuid).first()
        else { throw AlongsideError.notFound(.programme) }
        return try ProgrammeRow.programme(row)
    }

    /// The programme's version now (each edit moves it on by one).
    public func version(of id: Programme.ID) async throws -> Int {
        guard
            let row = try await database.sql.select().column("version").from(ProgrammeModel.schema)
                .where("council_id", .equal, councilID.uuid).where("id", .equal, id.uuid).first()
        else { throw AlongsideError.notFound(.programme) }
        return try row.decode(column: "version", as: Int.self)
    }

    /// Edits or extends a programme after it was set up, only from the version the form was opened on.
    public func edit(_ programme: Programme, expectedVersion: Int?) async throws {
        let current = try await version(of: programme.id)
        let read = expectedVersion ?? current
        let updated = try await CompareAndSet.update(
            ProgrammeModel.schema, council: councilID.uuid, id: programme.id.uuid, guards: ["version": read],
            set: [
                "name": programme.name, "funder": programme.funder, "purpose": programme.purpose,
                "cohort": programme.cohort, "starts_on": programme.startsOn, "ends_on": programme.endsOn,
                "extended_to": programme.extendedTo, "budget_pence": programme.budgetPence,
                "extra_coordinators": programme.extraCoordinators, "version": read + 1,
            ], on: database.sql)
        guard updated else { throw RecordChanged(currentVersion: current, corrections: []) }
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
        let existing = try await ProgrammeMemberRow.select(council: councilID.uuid, on: database.sql)
            .where("programme_id", .equal, programmeID.uuid).where("person_id", .equal, personID.uuid).first()
        guard existing == nil else { return }
        let row = ProgrammeMemberModel()
        row.councilID = councilID.uuid
        row.programmeID = programmeID.uuid
        row.personID = personID.uuid
        row.joinedOn = day
        try await row.create(on: database)
    }

    /// A member leaves the programme on a day (on or after joining): what happens after it is not the
    /// programme's. Refused for someone who is not a member, or has left already.
    public func leave(_ personID: Person.ID, from programmeID: Programme.ID, on day: String) async throws {
        guard
            let row = try await ProgrammeMemberModel.query(on: database).filter(\.$councilID == councilID.uuid)
                .filter(\.$programmeID == programmeID.uuid).filter(\.$personID == personID.uuid).first()
        else { throw AlongsideError.notFound(.programme) }
        guard row.leftOn == nil else {
            throw ProgrammeProblem.alreadyLeft
        }
        guard day >= row.joinedOn else {
            throw ProgrammeProblem.leftBeforeJoining
        }
        row.leftOn = day
        try await row.save(on: database)
    }

    /// When each member joined and (when they have) left.
    public func memberships(of programmeID: Programme.ID) async throws -> [Person.ID: (joined: String, left: String?)] {
        try await ProgrammeMemberRow.select(council: councilID.uuid, on: database.sql)
            .where("programme_id", .equal, programmeID.uuid).all().map(ProgrammeMemberRow.membership)
            .reduce(into: [:]) { $0[$1.personID] = ($1.joinedOn, $1.leftOn) }
    }

    public func members(of programmeID: Programme.ID) async throws -> [Person.ID] {
        try await ProgrammeMemberRow.select(council: councilID.uuid, on: database.sql)
            .where("programme_id", .equal, programmeID.uuid).all().map(ProgrammeMemberRow.membership).map(\.personID)
    }

    /// How many people each programme has, in one query.
    public func memberCounts() async throws -> [Programme.ID: Int] {
        var counts: [Programme.ID: Int] = [:]
        for row in try await database.sql.select().column("programme_id").from(ProgrammeMemberRow.table)
            .where("council_id", .equal, councilID.uuid).all()
        {
            counts[.init(try row.decode(column: "programme_id", as: UUID.self)), default: 0] += 1
        }
        return counts
    }

    /// The programmes the person belongs or belonged to, with when they joined and left.
    public func memberships(for personID: Person.ID) async throws -> [(
        programme: Programme, joined: String, left: String?
    )] {
        let rows = try await ProgrammeMemberRow.select(council: councilID.uuid, on: database.sql)
            .where("person_id", .equal, personID.uuid).orderBy("joined_on").all().map(ProgrammeMemberRow.membership)
        guard !rows.isEmpty else { return [] }
        let programmes = try await ProgrammeRow.select(council: councilID.uuid, on: database.sql)
            .where("id", .in, rows.map(\.programmeID.uuid)).all().map(ProgrammeRow.programme)
            .reduce(into: [Programme.ID: Programme]()) { $0[$1.id] = $1 }
        return rows.compactMap { row in
            programmes[row.programmeID].map { ($0, row.joinedOn, row.leftOn) }
        }
    }

    /// What a programme report needs about its members: their stages, and the outcomes and wellbeing
    /// readings of the days each belonged to it (from joining to leaving), struck-out entries left out.
    public func report(_ programmeID: Programme.ID) async throws -> (
        people: [Person], outcomes: [RecordedOutcome], readings: [MeasureReading]
    ) {
        let periods = try await memberships(of: programmeID)
        func belonged(_ person: Person.ID, on day: String) -> Bool {
            guard let period = periods[person] else { return false }
            return day >= period.joined && period.left.map { day <= $0 } ?? true
        }
        let ids = periods.keys.map(\.uuid)
        guard !ids.isEmpty else { return ([], [], []) }
        var people: [Person] = []
        var outcomes: [RecordedOutcome] = []
        var readings: [MeasureReading] = []
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            people += try await database.sql.select().columns(PersonRow.columns.map { SQLColumn($0) })
                .from(PersonModel.schema).where("council_id", .equal, councilID.uuid).where("id", .in, chunk).all()
                .map(PersonRow.person)
            outcomes += try await database.sql.select().columns(OutcomeRow.columns.map { SQLColumn($0) })
                .from(OutcomeRow.table).where("council_id", .equal, councilID.uuid).where("person_id", .in, chunk)
                .where(SQLColumn("struck_at"), .is, SQLLiteral.null).all().map(OutcomeRow.outcome)
                .filter { belonged($0.personID, on: $0.happenedOn) }
            readings += try await database.sql.select().columns(MeasureRow.columns.map { SQLColumn($0) })
                .from(MeasureRow.table).where("council_id", .equal, councilID.uuid).where("person_id", .in, chunk)
                .where(SQLColumn("struck_at"), .is, SQLLiteral.null).all().map(MeasureRow.reading)
                .filter { belonged($0.personID, on: $0.takenOn) }
        }
        return (people, outcomes, readings)
    }
}
