import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// A council's wards and who covers them. Every query is scoped to the one council.
public struct WardStore: Sendable {
    let database: any Database
    public let councilID: Council.ID

    public init(_ database: any Database, councilID: Council.ID) {
        self.database = database
        self.councilID = councilID
    }

    private var wards: QueryBuilder<WardModel> {
        WardModel.query(on: database).filter(\.$councilID == councilID.uuid)
    }

    /// Read with SQLKit: pages that show a ward beside each person (the caseload) read every ward each time.
    public func all() async throws -> [Ward] {
        try await database.sql.select().columns(WardRow.columns.map { SQLColumn($0) }).from(WardRow.table)
            .where("council_id", .equal, councilID.uuid).orderBy("name").all().map(WardRow.ward)
    }

    public func find(_ id: Ward.ID) async throws -> Ward {
        guard
            let row = try await WardRow.select(council: councilID.uuid, on: database.sql).where("id", .equal, id.uuid)
                .first()
        else { throw AlongsideError.notFound(.ward) }
        return try WardRow.ward(row)
    }

    public func find(code: String) async throws -> Ward? {
        try await WardRow.select(council: councilID.uuid, on: database.sql).where("code", .equal, code.uppercased())
            .first().map(WardRow.ward)
    }

    public func create(code: String, name: String) async throws -> Ward {
        let valid = try Ward.validated(code: code, name: name)
        if try await find(code: valid.code) != nil {
            throw WardProblem.codeTaken(valid.code)
        }
        let model = WardModel(councilID: councilID.uuid, code: valid.code, name: valid.name)
        try await model.create(on: database)
        return try model.ward()
    }

    public func rename(_ id: Ward.ID, to name: String) async throws -> Ward {
        guard let model = try await wards.filter(\.$id == id.uuid).first() else {
            throw AlongsideError.notFound(.ward)
        }
        model.name = try Ward.validated(code: model.code, name: name).name
        try await model.save(on: database)
        return try model.ward()
    }

    /// Every ward with its named coordinator now.
    public func coverage() async throws -> Coverage {
        let wards = try await all()
        let current = try await WardAssignmentRow.select(council: councilID.uuid, on: database.sql)
            .where(SQLColumn("ended_at"), .is, SQLLiteral.null).all()
        let people = try await staffNamesAndEmails()
        var byWard: [Ward.ID: Coverage.Coordinator] = [:]
        for row in current {
            let coordinatorID = try row.decode(column: "coordinator_id", as: UUID.self)
            guard let person = people[coordinatorID] else { continue }
            byWard[.init(try row.decode(column: "ward_id", as: UUID.self))] = Coverage.Coordinator(
                id: .init(coordinatorID), name: person.name, email: person.email)
        }
        return Coverage(wards: wards, current: byWard)
    }

    /// The ward's named coordinator now, if it has one.
    public func namedCoordinator(of wardID: Ward.ID) async throws -> StaffMember.ID? {
        try await database.sql.select().column("coordinator_id").from(WardAssignmentModel.schema)
            .where("council_id", .equal, councilID.uuid).where("ward_id", .equal, wardID.uuid)
            .where(SQLColumn("ended_at"), .is, SQLLiteral.null).first()
            .map { .init(try $0.decode(column: "coordinator_id", as: UUID.self)) }
    }

    /// Who has covered the ward, newest first.
    public func history(of wardID: Ward.ID) async throws -> [WardAssignment] {
        let ward = try await find(wardID)
        let rows = try await WardAssignmentRow.select(council: councilID.uuid, on: database.sql)
            .where("ward_id", .equal, ward.id.uuid).orderBy("started_at", .descending).all()
        let names = try await staffNamesAndEmails().mapValues(\.name)
        return try rows.map { try WardAssignmentRow.assignment($0, names: names) }
    }

    /// The name and email of each of the council's staff, active or not, by id.
    private func staffNamesAndEmails() async throws -> [UUID: (name: String, email: String)] {
        try await database.sql.select().column("id").column("name").column("email").from(StaffRow.table)
            .where("council_id", .equal, councilID.uuid).all()
            .reduce(into: [:]) {
                $0[try $1.decode(column: "id", as: UUID.self)] = (
                    try $1.decode(column: "name", as: String.self), try $1.decode(column: "email", as: String.self)
                )
            }
    }

    /// Makes `coordinatorID` the named coordinator of the ward from `at`, ending the current
    /// assignment. Passing nil leaves the ward uncovered. All or nothing.
    public func assign(
        _ wardID: Ward.ID, to coordinatorID: StaffMember.ID?, by actor: StaffMember.ID?, at now: Date
    ) async throws {
        let ward = try await find(wardID)
        if let coordinatorID {
            guard
                let person = try await database.sql.select().column("role").column("name").from(StaffRow.table)
                    .where("id", .equal, coordinatorID.uuid).where("council_id", .equal, councilID.uuid)
                    .where("active", .equal, true).first()
            else {
                throw WardProblem.coordinatorMissing
            }
            let name = try person.decode(column: "name", as: String.self)
            guard Role(rawValue: try person.decode(column: "role", as: String.self))?.canCoverWard == true else {
                throw WardProblem.notACoordinator(name)
            }
        }
        let councilID = self.councilID
        try await database.change { db in
            let current = try await WardAssignmentModel.query(on: db)
                .filter(\.$councilID == councilID.uuid).filter(\.$wardID == ward.id.uuid)
                .filter(\.$endedAt == nil).all()
            if current.count == 1, current[0].coordinatorID == coordinatorID?.uuid { return }
            for assignment in current {
                assignment.endedAt = now
                try await assignment.save(on: db)
            }
            if let coordinatorID {
                try await WardAssignmentModel(
                    councilID: councilID.uuid, wardID: ward.id.uuid, coordinatorID: coordinatorID.uuid,
                    assignedByID: actor?.uuid, startedAt: now
                ).create(on: db)
            }
        }
    }
}
