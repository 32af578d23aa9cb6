import AlongsideCore
import FluentKit
import Foundation
import SQLKit

extension DirectoryStore {
    /// Saves many resources new to the directory (each as its version 1) at once, with the same rows
    /// `save` writes for each (resource, categories, sites, search entries, version), many rows a statement:
    /// for generated directories (the demo and scale data), whose councils are set up with a few hundred
    /// resources each. Checks them as `save` does; one already held is saved through `save`'s own way.
    public func saveNew(_ resources: [CommunityResource], by editor: DirectoryEditor, at now: Date) async throws {
        for resource in resources {
            let problems = CommunityDirectory.problems(resource)
            if !problems.isEmpty { throw AlongsideValidation(problems: problems) }
        }
        try await database.change { db in
            try await DirectoryStore(db, councilID: councilID).writeNew(resources, by: editor, at: now)
        }
    }

    /// Saves many organisations at once, with the rows `save` writes for each (an organisation already held is
    /// replaced, as there).
    public func saveNew(_ organisations: [CommunityOrganisation], at now: Date) async throws {
        var rows: [SQLQueryString] = []
        for organisation in organisations {
            let name = organisation.name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.count <= 160 else {
                throw DirectoryProblem.organisationNameMissing
            }
            rows.append(
                """
                (\(bind: councilID.uuid), \(bind: organisation.id.uuid), \(bind: name), \
                \(bind: organisation.description), \(bind: organisation.email), \(bind: organisation.website), \
                \(bind: now))
                """)
        }
        guard !rows.isEmpty else { return }
        let council = councilID.uuid
        let values = rows
        try await database.change { db in
            let sql = try db.sql
            try await sql.raw(
                """
                DELETE FROM directory_organisations WHERE council_id = \(bind: council) \
                AND id IN (\(binds: organisations.map(\.id.uuid)))
                """
            ).run()
            try await Self.insert(
                "INSERT INTO directory_organisations (council_id, id, name, description, email, website, modified_at)",
                values, on: sql)
        }
    }

    /// Inserts `rows` ("(…, …)") after `head`, 500 a statement.
    static func insert(_ head: String, _ rows: [SQLQueryString], on sql: any SQLDatabase) async throws {
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + 500, rows.count)]
            var query = SQLQueryString(head + " VALUES ")
            for (index, row) in chunk.enumerated() { query += (index == 0 ? "" : ", ") + row }
            try await sql.raw(query).run()
            start += chunk.count
        }
    }

    func writeNew(_ given: [CommunityResource], by editor: DirectoryEditor, at now: Date) async throws {
        guard !given.isEmpty else { return }
        let sql = try sql
        let organisations = Dictionary(uniqueKeysWithValues: try await organisations().map { ($0.id, $0) })
        let known = Dictionary(uniqueKeysWithValues: try await terms().map { ($0.id, $0) })
        // One already held is saved as its next version, as `save` does.
        let held = Set(
            try await sql.raw(
                "SELECT id FROM directory_resources WHERE council_id = \(bind: councilID.uuid) AND id IN (\(binds: given.map(\.id.uuid)))"
            ).all().map { try $0.decode(column: "id", as: UUID.self) })
        for resource in given where held.contains(resource.id.uuid) {
            _ = try await write(resource, by: editor, at: now, modified: nil)
        }
        let fresh = given.filter { !held.contains($0.id.uuid) }
        // Every postcode's place, read at once.
        var places: [String: PostcodeDirectory.Entry] = [:]
        let codes = Set(fresh.flatMap { $0.sites.compactMap { Postcode($0.location.postcode)?.value } })
        if !codes.isEmpty {
            for row in try await PostcodeModel.query(on: database).filter(\.$id ~~ Array(codes)).all() {
                guard let code = row.id, let postcode = Postcode(code) else { continue }
                places[code] = PostcodeDirectory.Entry(
                    postcode: postcode, wardCode: row.wardCode, latitude: row.latitude, longitude: row.longitude)
            }
        }
        let postgres = sql.dialect.name != "sqlite"
        let council = councilID.uuid
        let key = Self.councilKey(councilID)
        var resourceRows: [SQLQueryString] = []
        var termRows: [SQLQueryString] = []
        var siteRows: [SQLQueryString] = []
        var searchRows: [SQLQueryString] = []
        var plainRows: [SQLQueryString] = []
        var versionRows: [SQLQueryString] = []
        for original in fresh {
            guard let organisation = organisations[original.organisationID] else {
                throw DirectoryProblem.organisationMissing
            }
            var resource = original
            resource.name = resource.name.trimmingCharacters(in: .whitespaces)
            if let unknown = resource.termIDs.first(where: { known[$0] == nil }) {
                throw DirectoryProblem.noSuchCategory(unknown.description)
            }
            for index in resource.sites.indices {
                guard let postcode = Postcode(resource.sites[index].location.postcode) else { continue }
                resource.sites[index].location.postcode = postcode.value
                if let place = places[postcode.value] {
                    resource.sites[index].location.wardCode = place.wardCode
                    if resource.sites[index].location.latitude == nil {
                        resource.sites[index].location.latitude = place.latitude
                        resource.sites[index].location.longitude = place.longitude
                    }
                }
            }
            let changes = CommunityDirectory.changes(from: nil, to: resource)
            resource.lastModified = now
            let document = String(decoding: try Self.encoder.encode(resource), as: UTF8.self)
            let id = resource.id.uuid
            let days = "," + resource.days.map(\.rawValue).joined(separator: ",") + ","
            let termNames = resource.termIDs.compactMap { known[$0]?.name }
            let body = resource.searchText(organisationName: organisation.name, termNames: termNames)
            let name = resource.name
            let (plainName, plainBody) = (DirectoryQuery.folded(name), DirectoryQuery.folded(body))
            var row: SQLQueryString = """
                (\(bind: council), \(bind: id), \(bind: resource.organisationID.uuid), \(bind: resource.name), \
                \(bind: resource.status.rawValue), \(bind: resource.lastModified), \(bind: resource.checkedOn), \
                \(bind: resource.minimumAge), \(bind: resource.maximumAge), \(bind: days), \(bind: 1), \(bind: document)
                """
            if postgres {
                row += """
                    , setweight(to_tsvector('english', \(bind: name)), 'A') || to_tsvector('english', \(bind: body)) || \
                    setweight(to_tsvector('simple', \(bind: plainName)), 'A') || to_tsvector('simple', \(bind: plainBody))
                    """
            } else {
                searchRows.append("(\(bind: council), \(bind: id), \(bind: key), \(bind: name), \(bind: body))")
                plainRows.append(
                    "(\(bind: council), \(bind: id), \(bind: key), \(bind: plainName), \(bind: plainBody))")
            }
            resourceRows.append(row + ")")
            for termID in Set(resource.termIDs) {
                termRows.append("(\(bind: council), \(bind: id), \(bind: termID.uuid))")
            }
            for site in resource.sites {
                let location = site.location
                siteRows.append(
                    """
                    (\(bind: council), \(bind: site.id), \(bind: id), \(bind: location.id), \
                    \(bind: location.postcode), \(bind: location.wardCode), \(bind: location.latitude), \
                    \(bind: location.longitude))
                    """)
            }
            versionRows.append(
                """
                (\(bind: council), \(bind: id), \(bind: 1), \(bind: editor.staffID?.uuid), \(bind: editor.name), \
                \(bind: now), \(bind: changes.joined(separator: ", ")), \(bind: document))
                """)
        }
        func insert(_ head: String, _ rows: [SQLQueryString]) async throws {
            try await Self.insert(head, rows, on: sql)
        }
        try await insert(
            """
            INSERT INTO directory_resources (council_id, id, organisation_id, name, status, modified_at, checked_on, \
            minimum_age, maximum_age, days, version, document\(postgres ? ", search" : ""))
            """, resourceRows)
        try await insert("INSERT INTO directory_resource_terms (council_id, resource_id, term_id)", termRows)
        try await insert(
            """
            INSERT INTO directory_sites (council_id, id, resource_id, location_id, postcode, ward_code, latitude, \
            longitude)
            """, siteRows)
        try await insert("INSERT INTO directory_search (council_id, resource_id, council_key, name, body)", searchRows)
        try await insert(
            "INSERT INTO directory_search_plain (council_id, resource_id, council_key, name, body)", plainRows)
        try await insert(
            """
            INSERT INTO directory_versions (council_id, resource_id, version, changed_by_id, changed_by, changed_at, \
            changes, document)
            """, versionRows)
    }
}
