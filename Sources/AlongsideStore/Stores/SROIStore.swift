import AlongsideCore
import FluentKit
import Foundation
import SQLKit

final class ProxyModel: Model, @unchecked Sendable {
    static let schema = "proxies"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "kind") var kind: String
    /// The proxy as JSON (value as an exact decimal string).
    @Field(key: "definition") var definition: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

final class SROIReportModel: Model, @unchecked Sendable {
    static let schema = "sroi_reports"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "title") var title: String
    @Field(key: "scope") var scope: String
    @Field(key: "model") var model: String
    @OptionalField(key: "created_by_id") var createdByID: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A saved SROI report: the model exactly as it was agreed, so the result can always be worked again.
public struct SavedSROIReport: Sendable {
    public let id: UUID
    public let title: String
    public let scope: String
    public let model: SROI.Model
    public let createdAt: Date
}

/// The council's proxy library, outcome counts for a report, and saved reports.
public struct SROIStore: Sendable {
    let database: any Database
    public let councilID: Council.ID

    public init(_ database: any Database, councilID: Council.ID) {
        self.database = database
        self.councilID = councilID
    }

    public func library() async throws -> [Proxy] {
        try await Self.libraries(of: [councilID], on: database)[councilID] ?? ProxyLibrary.starter
    }

    /// Several councils' libraries in one query.
    static func libraries(of councils: [Council.ID], on database: any Database) async throws -> [Council.ID: [Proxy]] {
        let rows = try await ProxyModel.query(on: database).filter(\.$councilID ~~ councils.map(\.uuid)).all()
        let own = Dictionary(grouping: rows, by: { Council.ID($0.councilID) }).mapValues { models in
            models.compactMap { try? JSONDecoder().decode(Proxy.self, from: Data($0.definition.utf8)) }
        }
        return Dictionary(uniqueKeysWithValues: councils.map { ($0, ProxyLibrary.merged(own[$0] ?? [])) })
    }

    public func save(_ proxy: Proxy, at now: Date) async throws {
        guard proxy.value >= 0 else {
            throw AlongsideError.invalid(field: "value", message: "A value cannot be negative.")
        }
        let problems = SROI.Model(
            investment: 1,
            outcomes: [
                .init(
                    name: proxy.kind.label, quantity: 1, proxyValue: proxy.value, deadweight: proxy.deadweight,
                    displacement: proxy.displacement, attribution: proxy.attribution,
                    durationYears: proxy.durationYears,
                    dropOff: proxy.dropOff)
            ]
        ).problems()
        if let first = problems.first {
            throw AlongsideError.invalid(field: proxy.kind.rawValue, message: first)
        }
        let row =
            try await ProxyModel.query(on: database).filter(\.$councilID == councilID.uuid)
            .filter(\.$kind == proxy.kind.rawValue).first() ?? ProxyModel()
        row.councilID = councilID.uuid
        row.kind = proxy.kind.rawValue
        row.definition = String(decoding: try JSONEncoder().encode(proxy), as: UTF8.self)
        row.updatedAt = now
        try await row.save(on: database)
    }

    /// Recorded outcomes by kind with `happened_on` in [from, to], optionally for one ward or coordinator.
    public func outcomeCounts(
        from: String, to: String, wardID: Ward.ID? = nil, coordinatorID: StaffMember.ID? = nil
    ) async throws -> [RecordedOutcome.Kind: Int] {
        guard let sql = database as? any SQLDatabase else { return [:] }
        var query = sql.select().column(SQLColumn("kind", table: "outcomes"))
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("outcomes")
            .join("people", on: SQLColumn("person_id", table: "outcomes"), .equal, SQLColumn("id", table: "people"))
            .where(SQLColumn("council_id", table: "outcomes"), .equal, SQLBind(councilID.uuid))
            .where(SQLColumn("happened_on", table: "outcomes"), .greaterThanOrEqual, SQLBind(from))
            .where(SQLColumn("happened_on", table: "outcomes"), .lessThanOrEqual, SQLBind(to))
        if let wardID { query = query.where(SQLColumn("ward_id", table: "people"), .equal, SQLBind(wardID.uuid)) }
        if let coordinatorID {
            query = query.where(SQLColumn("coordinator_id", table: "people"), .equal, SQLBind(coordinatorID.uuid))
        }
        var counts: [RecordedOutcome.Kind: Int] = [:]
        for row in try await query.groupBy(SQLColumn("kind", table: "outcomes")).all() {
            if let kind = RecordedOutcome.Kind(rawValue: try row.decode(column: "kind", as: String.self)) {
                counts[kind] = try row.decode(column: "n", as: Int.self)
            }
        }
        return counts
    }

    public func saveReport(title: String, scope: String, model: SROI.Model, by staffID: StaffMember.ID?, at now: Date)
        async throws -> UUID
    {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 200 else {
            throw AlongsideError.invalid(field: "title", message: "Give the report a title of up to 200 characters.")
        }
        let row = SROIReportModel()
        let id = UUID()
        row.id = id
        row.councilID = councilID.uuid
        row.title = title
        row.scope = scope
        row.model = String(decoding: try JSONEncoder().encode(model), as: UTF8.self)
        row.createdByID = staffID?.uuid
        row.createdAt = now
        try await row.create(on: database)
        return id
    }

    public func reports() async throws -> [SavedSROIReport] {
        try await SROIReportModel.query(on: database).filter(\.$councilID == councilID.uuid)
            .sort(\.$createdAt, .descending).all().compactMap(Self.report)
    }

    public func report(_ id: UUID) async throws -> SavedSROIReport {
        guard
            let row = try await SROIReportModel.query(on: database).filter(\.$councilID == councilID.uuid)
                .filter(\.$id == id).first(), let report = Self.report(row)
        else { throw AlongsideError.notFound(what: "report") }
        return report
    }

    static func report(_ row: SROIReportModel) -> SavedSROIReport? {
        guard let id = row.id, let model = try? JSONDecoder().decode(SROI.Model.self, from: Data(row.model.utf8)) else {
            return nil
        }
        return SavedSROIReport(id: id, title: row.title, scope: row.scope, model: model, createdAt: row.createdAt)
    }
}
