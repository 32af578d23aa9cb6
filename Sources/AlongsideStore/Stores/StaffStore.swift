import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Staff accounts. Password hashing is done by the caller; this store only keeps the hash.
public struct StaffStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    public func create(
        councilID: Council.ID, email: String, name: String, role: Role, passwordHash: String
    ) async throws -> StaffMember {
        let email = StaffMember.normalisedEmail(email)
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard StaffMember.isPlausibleEmail(email) else {
            throw AlongsideError.invalid(field: "email", message: "Enter an email address like name@council.gov.uk.")
        }
        guard !name.isEmpty, name.count <= 120 else {
            throw AlongsideError.invalid(field: "name", message: "Enter a name of up to 120 characters.")
        }
        if try await StaffModel.query(on: database).filter(\.$email == email).first() != nil {
            throw AlongsideError.conflict(message: "There is already an account for \(email).")
        }
        let model = StaffModel(
            councilID: councilID.uuid, email: email, name: name, role: role, passwordHash: passwordHash)
        try await model.create(on: database)
        return try model.staffMember()
    }

    /// The active account for an email, with its password hash, for signing in.
    public func credentials(email: String) async throws -> (member: StaffMember, passwordHash: String)? {
        guard
            let model = try await StaffModel.query(on: database)
                .filter(\.$email == StaffMember.normalisedEmail(email)).filter(\.$active == true).first()
        else { return nil }
        return (try model.staffMember(), model.passwordHash)
    }

    public func find(_ id: StaffMember.ID) async throws -> StaffMember? {
        guard let model = try await StaffModel.find(id.uuid, on: database), model.active else { return nil }
        return try model.staffMember()
    }

    /// Active staff of one council, by name; optionally only those with the given roles.
    /// How many active staff each council has, in one query.
    public func countsByCouncil() async throws -> [Council.ID: Int] {
        let rows = try await database.sql.raw(
            "SELECT council_id, COUNT(*) AS n FROM staff WHERE active = \(bind: true) GROUP BY council_id"
        ).all()
        var counts: [Council.ID: Int] = [:]
        for row in rows {
            counts[.init(try row.decode(column: "council_id", as: UUID.self))] = try row.decode(
                column: "n", as: Int.self)
        }
        return counts
    }

    public func list(councilID: Council.ID, roles: [Role]? = nil) async throws -> [StaffMember] {
        var query = StaffModel.query(on: database).filter(\.$councilID == councilID.uuid)
            .filter(\.$active == true)
        if let roles { query = query.filter(\.$role ~~ roles.map(\.rawValue)) }
        return try await query.sort(\.$name).all().map { try $0.staffMember() }
    }
}
