import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// The log of coordinators' work with the community, by ward.
public struct CommunityWorkStore: Sendable {
    let database: any Database
    public let councilID: Council.ID

    public init(_ database: any Database, councilID: Council.ID) {
        self.database = database
        self.councilID = councilID
    }

    public func record(
        ward: Ward.ID, kind: CommunityWork.Kind, happenedOn: String, minutes: Int?, notes: String,
        by staffID: StaffMember.ID, at now: Date
    ) async throws {
        _ = try await WardStore(database, councilID: councilID).find(ward)
        let notes = notes.trimmingCharacters(in: .whitespacesAndNewlines)
        let problems = CommunityWork.problems(
            notes: notes, happenedOn: happenedOn, minutes: minutes, today: ISODay.string(now))
        if !problems.isEmpty { throw AlongsideValidation(problems: problems) }
        let row = CommunityWorkModel()
        row.councilID = councilID.uuid
        row.wardID = ward.uuid
        row.staffID = staffID.uuid
        row.kind = kind.rawValue
        row.happenedOn = happenedOn
        row.minutes = minutes
        row.notes = notes
        row.recordedAt = now
        try await row.create(on: database)
    }

    /// Newest first; in one ward when given.
    public func entries(ward: Ward.ID? = nil, limit: Int = 200) async throws -> [CommunityWork] {
        let query = CommunityWorkRow.select(council: councilID.uuid, on: try database.sql)
        if let ward { query.where("ward_id", .equal, ward.uuid) }
        let rows = try await query.orderBy("happened_on", .descending).orderBy("recorded_at", .descending)
            .limit(limit).all()
        let names = Dictionary(
            uniqueKeysWithValues: try await StaffStore(database).list(councilID: councilID).map { ($0.id, $0.name) })
        return try rows.map { try CommunityWorkRow.entry($0, names: names) }
    }
}
