import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Connections a person makes with their community, and what they give back.
extension PeopleStore {
    public func connect(
        _ personID: Person.ID, kind: Connection.Kind, resourceID: CommunityResource.ID?, name: String,
        startedOn: String, note: String, by staffID: StaffMember.ID, at now: Date
    ) async throws -> Connection {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 160 else {
            throw ConnectionProblem.nameMissing
        }
        guard ISODay.date(startedOn) != nil else {
            throw ConnectionProblem.connectionStartMissing
        }
        _ = try await find(personID)
        let row = ConnectionModel()
        row.councilID = councilID.uuid
        row.personID = personID.uuid
        row.kind = kind.rawValue
        row.resourceID = resourceID?.uuid
        row.name = name
        row.startedOn = startedOn
        row.note = String(note.prefix(2_000))
        row.addedByID = staffID.uuid
        row.addedAt = now
        try await row.create(on: database)
        return try row.connection()
    }

    public func connections(of personID: Person.ID) async throws -> [Connection] {
        try await ConnectionRow.select(council: councilID.uuid, on: database.sql)
            .where("person_id", .equal, personID.uuid).where("struck_at", .is, SQLLiteral.null)
            .orderBy("started_on", .descending).all().map(ConnectionRow.connection)
    }

    func connectionRow(_ id: Connection.ID, of personID: Person.ID) async throws -> ConnectionModel {
        guard
            let row = try await ConnectionModel.query(on: database).filter(\.$councilID == councilID.uuid)
                .filter(\.$personID == personID.uuid).filter(\.$id == id.uuid).first()
        else { throw AlongsideError.notFound(.connection) }
        return row
    }

    /// Records whether a connection was still going three months on.
    public func recordLasting(_ id: Connection.ID, of personID: Person.ID, lasting: Bool) async throws {
        let row = try await connectionRow(id, of: personID)
        row.lasting = lasting
        try await row.save(on: database)
    }

    public func endConnection(_ id: Connection.ID, of personID: Person.ID, on day: String) async throws {
        let row = try await connectionRow(id, of: personID)
        row.endedOn = day
        try await row.save(on: database)
    }

    public func addContribution(
        _ personID: Person.ID, kind: Contribution.Kind, what: String, startedOn: String, by staffID: StaffMember.ID,
        at now: Date
    ) async throws {
        let what = what.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !what.isEmpty, what.count <= 500 else {
            throw ConnectionProblem.contributionMissing
        }
        guard ISODay.date(startedOn) != nil else {
            throw ConnectionProblem.contributionStartMissing
        }
        _ = try await find(personID)
        let row = ContributionModel()
        row.councilID = councilID.uuid
        row.personID = personID.uuid
        row.kind = kind.rawValue
        row.what = what
        row.startedOn = startedOn
        row.addedByID = staffID.uuid
        row.addedAt = now
        try await row.create(on: database)
    }

    public func contributions(of personID: Person.ID) async throws -> [Contribution] {
        try await ContributionRow.select(council: councilID.uuid, on: database.sql)
            .where("person_id", .equal, personID.uuid).where("struck_at", .is, SQLLiteral.null)
            .orderBy("started_on", .descending).all().map(ContributionRow.contribution)
    }
}
