import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Councils on this deployment.
public struct CouncilStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    public func create(slug: String, name: String) async throws -> Council {
        let slug = slug.trimmingCharacters(in: .whitespaces).lowercased()
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Council.isValidSlug(slug) else {
            throw CouncilProblem.slugUnusable
        }
        guard !name.isEmpty else {
            throw CouncilProblem.nameMissing
        }
        if try await find(slug: slug) != nil {
            throw CouncilProblem.slugTaken(slug)
        }
        let model = CouncilModel(slug: slug, name: name)
        try await model.create(on: database)
        return try model.council()
    }

    public func find(slug: String) async throws -> Council? {
        try await CouncilRow.select(on: database.sql).where("slug", .equal, slug.lowercased()).first()
            .map(CouncilRow.council)
    }

    public func find(_ id: Council.ID) async throws -> Council? {
        try await database.sql.select().columns(CouncilRow.columns.map { SQLColumn($0) }).from(CouncilRow.table)
            .where("id", .equal, id.uuid).first().map(CouncilRow.council)
    }

    /// Sets how many days without contact flag a person on a caseload (7 to 365).
    public func setNoContactDays(_ days: Int, for id: Council.ID) async throws {
        guard (7...365).contains(days) else {
            throw CouncilProblem.noContactDaysOutOfRange
        }
        guard let model = try await CouncilModel.find(id.uuid, on: database) else {
            throw AlongsideError.notFound(.council)
        }
        model.noContactDays = days
        try await model.save(on: database)
    }

    /// Sets how long records are kept (years): Level 1 after the last contact, Level 2 after it ended.
    public func setRetention(level1Years: Int, level2Years: Int, for id: Council.ID) async throws {
        guard let model = try await CouncilModel.find(id.uuid, on: database) else {
            throw AlongsideError.notFound(.council)
        }
        model.retentionLevel1Years = level1Years
        model.retentionLevel2Years = level2Years
        try await model.save(on: database)
    }

    public func setRequireTwoStep(_ required: Bool, for id: Council.ID) async throws {
        guard let model = try await CouncilModel.find(id.uuid, on: database) else {
            throw AlongsideError.notFound(.council)
        }
        model.requireTwoStep = required
        try await model.save(on: database)
    }

    /// Whether the council shares its figures with the Network, and what it invests a year (pence; nil
    /// when not given).
    public func setNetworkSharing(_ shares: Bool, annualInvestmentPence: Int?, for id: Council.ID) async throws {
        if let pence = annualInvestmentPence, !Council.isPlausibleInvestment(pence: pence) {
            throw Council.implausibleInvestment
        }
        guard let model = try await CouncilModel.find(id.uuid, on: database) else {
            throw AlongsideError.notFound(.council)
        }
        model.shareWithNetwork = shares
        model.annualInvestmentPence = annualInvestmentPence.map(Int64.init)
        try await model.save(on: database)
    }

    /// Which languages the council's pages offer (English is always kept).
    public func setLanguages(_ languages: [Language], for id: Council.ID) async throws {
        guard let model = try await CouncilModel.find(id.uuid, on: database) else {
            throw AlongsideError.notFound(.council)
        }
        model.languages = Language.stored(languages)
        try await model.save(on: database)
    }

    /// How residents reach the council's team, for its public pages (empty parts when not given).
    public func publicContact(of id: Council.ID) async throws -> Council.PublicContact {
        guard
            let row = try await database.sql.select()
                .columns("public_phone", "public_hours", "public_hours_cy", "out_of_hours_phone")
                .from(CouncilModel.schema).where("id", .equal, id.uuid).first()
        else { return Council.PublicContact() }
        return Council.PublicContact(
            phone: try row.decode(column: "public_phone", as: String.self),
            hours: try row.decode(column: "public_hours", as: String.self),
            outOfHoursPhone: try row.decode(column: "out_of_hours_phone", as: String.self),
            hoursWelsh: try row.decode(column: "public_hours_cy", as: String.self))
    }

    /// Sets how residents reach the council's team; `contact` must be checked (`PublicContact.checked`).
    public func setPublicContact(_ contact: Council.PublicContact, for id: Council.ID) async throws {
        guard let model = try await CouncilModel.find(id.uuid, on: database) else {
            throw AlongsideError.notFound(.council)
        }
        model.publicPhone = contact.phone
        model.publicHours = contact.hours
        model.publicHoursWelsh = contact.hoursWelsh
        model.outOfHoursPhone = contact.outOfHoursPhone
        try await model.save(on: database)
    }

    /// Another council on this deployment with a ward of this code (where a postcode outside `id`'s area
    /// lies), first by name; nil when none has it.
    public func council(holdingWard code: String, other id: Council.ID) async throws -> Council? {
        guard
            let row = try await database.sql.select().column(SQLColumn("council_id", table: "wards"))
                .from("wards").join(
                    CouncilModel.schema, on: SQLColumn("id", table: CouncilModel.schema), .equal,
                    SQLColumn("council_id", table: "wards")
                )
                .where(SQLColumn("code", table: "wards"), .equal, SQLBind(code))
                .where(SQLColumn("council_id", table: "wards"), .notEqual, SQLBind(id.uuid))
                .orderBy(SQLColumn("name", table: CouncilModel.schema)).first()
        else { return nil }
        return try await find(.init(try row.decode(column: "council_id", as: UUID.self)))
    }

    /// The councils that share their figures with the Network, by name.
    public func sharingWithNetwork() async throws -> [Council] {
        try await CouncilRow.select(on: database.sql).where("share_with_network", .equal, true).orderBy("name")
            .all().map(CouncilRow.council)
    }

    /// The council the deployment was set up for: the first one created.
    public func first() async throws -> Council? {
        try await CouncilRow.select(on: database.sql).orderBy("created_at").orderBy("name").first()
            .map(CouncilRow.council)
    }

    public func count() async throws -> Int {
        try await database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(CouncilRow.table).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    public func all() async throws -> [Council] {
        try await CouncilRow.select(on: database.sql).orderBy("name").all().map(CouncilRow.council)
    }
}
