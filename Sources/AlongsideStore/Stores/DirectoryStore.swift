import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// One saved change to a community resource: who, when, what.
public struct DirectoryVersion: Sendable, Codable, Equatable {
    public let version: Int
    public let changedBy: String
    public let changedAt: Date
    public let changes: [String]
}

/// Who made a directory change: a member of staff, or an import.
public struct DirectoryEditor: Sendable {
    public let staffID: StaffMember.ID?
    public let name: String

    public init(staffID: StaffMember.ID?, name: String) {
        self.staffID = staffID
        self.name = name
    }
}

/// A council's community directory: organisations, resources, categories, versions and search.
public struct DirectoryStore: Sendable {
    let database: any Database
    public let councilID: Council.ID

    public init(_ database: any Database, councilID: Council.ID) {
        self.database = database
        self.councilID = councilID
    }

    var sql: any SQLDatabase { get throws { try database.sql } }

    static let encoder = JSONEncoder()

    // MARK: Categories

    /// Gives the council Alongside's starter categories if it has none yet, and returns its categories.
    @discardableResult
    public func ensureStarterCategories() async throws -> [TaxonomyTerm] {
        let existing = try await terms()
        if !existing.isEmpty { return existing }
        let taxonomy = Taxonomy(
            id: database.newID(), name: CommunityDirectory.categoriesName,
            description: "The categories Alongside starts every council's directory with.", version: "1")
        try await save(taxonomy)
        for category in CommunityDirectory.starterCategories {
            try await save(
                TaxonomyTerm(
                    id: .init(database.newID()), name: category.name, description: category.description,
                    code: category.code,
                    taxonomyID: taxonomy.id))
        }
        return try await terms()
    }

    public func save(_ taxonomy: Taxonomy) async throws {
        let sql = try sql
        try await DirectoryTables.taxonomies.delete(council: councilID.uuid, [taxonomy.id], on: sql)
        try await DirectoryTables.taxonomies.insert([DirectoryTables.taxonomy(councilID.uuid, taxonomy)], on: sql)
    }

    public func save(_ term: TaxonomyTerm) async throws {
        let sql = try sql
        try await DirectoryTables.terms.delete(council: councilID.uuid, [term.id.uuid], on: sql)
        try await DirectoryTables.terms.insert([DirectoryTables.term(councilID.uuid, term)], on: sql)
    }

    public func taxonomies() async throws -> [Taxonomy] {
        try await sql.select().columns(TaxonomyRow.columns.map { SQLColumn($0) }).from(TaxonomyRow.table)
            .where("council_id", .equal, councilID.uuid).orderBy("name").all().map(TaxonomyRow.taxonomy)
    }

    public func terms() async throws -> [TaxonomyTerm] {
        try await sql.select().columns(TaxonomyTermRow.columns.map { SQLColumn($0) }).from(TaxonomyTermRow.table)
            .where("council_id", .equal, councilID.uuid).orderBy("name").all().map(TaxonomyTermRow.term)
    }

    // MARK: Organisations

    public func save(_ organisation: CommunityOrganisation, at now: Date) async throws {
        let name = organisation.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 160 else {
            throw DirectoryProblem.organisationNameMissing
        }
        let sql = try sql
        try await DirectoryTables.organisations.delete(council: councilID.uuid, [organisation.id.uuid], on: sql)
        try await DirectoryTables.organisations.insert(
            [DirectoryTables.organisation(councilID.uuid, organisation, name: name, at: now)], on: sql)
    }

    public func organisations(ids: [CommunityOrganisation.ID]? = nil) async throws -> [CommunityOrganisation] {
        if let ids, ids.isEmpty { return [] }
        var query = try sql.select().columns(CommunityOrganisationRow.columns.map { SQLColumn($0) })
            .from(CommunityOrganisationRow.table).where("council_id", .equal, councilID.uuid)
        if let ids { query = query.where("id", .in, ids.map(\.uuid)) }
        return try await query.orderBy("name").orderBy("id").all().map(CommunityOrganisationRow.organisation)
    }

    public func organisation(_ id: CommunityOrganisation.ID) async throws -> CommunityOrganisation? {
        try await organisations(ids: [id]).first
    }

    // MARK: Resources

    /// Saves a resource as a new version, all in one transaction. Fills each place's ward (and centroid,
    /// when missing) from the postcode directory. Saving with nothing changed keeps the current version.
    /// Returns what changed.
    @discardableResult
    public func save(
        _ resource: CommunityResource, by editor: DirectoryEditor, at now: Date, modified: Date? = nil
    ) async throws -> [String] {
        let problems = CommunityDirectory.problems(resource)
        if !problems.isEmpty { throw AlongsideValidation(problems: problems) }
        return try await database.change { db in
            try await DirectoryStore(db, councilID: councilID).write(resource, by: editor, at: now, modified: modified)
        }
    }

    /// Runs `body` in one transaction: everything it saves is kept, or nothing is.
    public func allOrNothing<T: Sendable>(_ body: @escaping @Sendable (DirectoryStore) async throws -> T) async throws
        -> T
    {
        try await database.change { db in try await body(DirectoryStore(db, councilID: councilID)) }
    }

    func write(_ given: CommunityResource, by editor: DirectoryEditor, at now: Date, modified: Date?) async throws
        -> [String]
    {
        let sql = try sql
        guard try await organisation(given.organisationID) != nil else {
            throw DirectoryProblem.organisationMissing
        }
        var resource = given
        resource.name = resource.name.trimmingCharacters(in: .whitespaces)
        let known = Dictionary(uniqueKeysWithValues: try await terms().map { ($0.id, $0) })
        if let unknown = resource.termIDs.first(where: { known[$0] == nil }) {
            throw DirectoryProblem.noSuchCategory(unknown.description)
        }
        let postcodes = PostcodeStore(database)
        for index in resource.sites.indices {
            guard let postcode = Postcode(resource.sites[index].location.postcode) else { continue }
            resource.sites[index].location.postcode = postcode.value
            if let place = try await postcodes.place(of: postcode) {
                resource.sites[index].location.wardCode = place.wardCode
                if resource.sites[index].location.latitude == nil {
                    resource.sites[index].location.latitude = place.latitude
                    resource.sites[index].location.longitude = place.longitude
                }
            }
        }
        let current = try await stored(resource.id)
        var compared = current?.resource
        compared?.lastModified = resource.lastModified
        let changes = CommunityDirectory.changes(from: compared, to: resource)
        if current != nil && changes.isEmpty { return [] }
        resource.lastModified = modified ?? now
        let version = (current?.version ?? 0) + 1
        let document = String(decoding: try Self.encoder.encode(resource), as: UTF8.self)
        let council = councilID.uuid
        let id = resource.id.uuid
        for table in DirectoryTables.ofAResource {
            try await table.delete(council: council, [id], on: sql)
        }
        try await DirectoryTables.resources.insert(
            [DirectoryTables.resource(council, resource, version: version, document: document)], on: sql)
        try await DirectoryTables.resourceTerms.insert(
            Set(resource.termIDs).map { DirectoryTables.resourceTerm(council, id, $0) }, on: sql)
        try await DirectoryTables.sites.insert(resource.sites.map { DirectoryTables.site(council, id, $0) }, on: sql)
        try await index(resource, termNames: resource.termIDs.compactMap { known[$0]?.name })
        try await DirectoryTables.versions.insert(
            [
                DirectoryTables.version(
                    council, id, version: version, by: editor, at: now, changes: changes, document: document)
            ], on: sql)
        return changes
    }

    func stored(_ id: CommunityResource.ID) async throws -> (resource: CommunityResource, version: Int)? {
        guard
            let row = try await resourceRows().where("id", .equal, id.uuid).first()
        else { return nil }
        return (try CommunityResourceRow.resource(row), try CommunityResourceRow.version(row))
    }

    /// The select of the council's whole resources (`CommunityResourceRow.read`).
    func resourceRows() throws -> SQLSelectBuilder {
        try sql.select().columns(CommunityResourceRow.read.map { SQLColumn($0) }).from(CommunityResourceRow.table)
            .where("council_id", .equal, councilID.uuid)
    }

    public func resource(_ id: CommunityResource.ID) async throws -> CommunityResource? {
        try await stored(id)?.resource
    }

    /// Resources by id, in the order asked for; unknown ids are left out.
    public func resources(_ ids: [CommunityResource.ID]) async throws -> [CommunityResource] {
        if ids.isEmpty { return [] }
        let rows = try await resourceRows().where("id", .in, ids.map(\.uuid)).all()
        let byID = Dictionary(uniqueKeysWithValues: try rows.map(CommunityResourceRow.resource).map { ($0.id, $0) })
        return ids.compactMap { byID[$0] }
    }

    /// Marks a resource as checked today, as a new version.
    public func markChecked(_ id: CommunityResource.ID, by editor: DirectoryEditor, at now: Date) async throws {
        guard var resource = try await resource(id) else { throw AlongsideError.notFound(.resource) }
        resource.checkedOn = ISODay.string(now)
        try await save(resource, by: editor, at: now)
    }

    public func versions(of id: CommunityResource.ID) async throws -> [DirectoryVersion] {
        try await sql.select().columns(DirectoryVersionRow.read.map { SQLColumn($0) }).from(DirectoryVersionRow.table)
            .where("council_id", .equal, councilID.uuid).where("resource_id", .equal, id.uuid)
            .orderBy("version", .descending).all().map(DirectoryVersionRow.version)
    }

    /// Resources nobody has checked for `CommunityDirectory.reviewDays`, oldest check first.
    public func dueForReview(on today: String) async throws -> [CommunityResource] {
        guard let now = ISODay.date(today) else { return [] }
        let cutoff = ISODay.string(now.addingTimeInterval(-Double(CommunityDirectory.reviewDays) * 86_400))
        let rows = try await sql.raw(
            """
            SELECT document FROM directory_resources WHERE council_id = \(bind: councilID.uuid) \
            AND status <> 'defunct' AND (checked_on IS NULL OR checked_on < \(bind: cutoff)) \
            ORDER BY checked_on, name
            """
        ).all()
        return try rows.map(CommunityResourceRow.resource)
    }

    public func count() async throws -> Int {
        try await sql.raw(
            "SELECT COUNT(*) AS n FROM directory_resources WHERE council_id = \(bind: councilID.uuid)"
        ).first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
