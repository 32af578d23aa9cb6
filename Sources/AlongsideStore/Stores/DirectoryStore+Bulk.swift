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
            rows.append(DirectoryTables.organisation(councilID.uuid, organisation, name: name, at: now))
        }
        guard !rows.isEmpty else { return }
        let council = councilID.uuid
        let values = rows
        try await database.change { db in
            let sql = try db.sql
            try await DirectoryTables.organisations.delete(council: council, organisations.map(\.id.uuid), on: sql)
            try await DirectoryTables.organisations.insert(values, on: sql)
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
            for row in try await PostcodeRow.select(Array(codes), on: database.sql).all() {
                guard let entry = try PostcodeRow.entry(row) else { continue }
                places[try row.decode(column: "postcode", as: String.self)] = entry
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
            let termNames = resource.termIDs.compactMap { known[$0]?.name }
            let body = resource.searchText(organisationName: organisation.name, termNames: termNames)
            let name = resource.name
            let (plainName, plainBody) = (DirectoryQuery.folded(name), DirectoryQuery.folded(body))
            if postgres {
                let search = DirectoryTables.searchVector(
                    name: name, body: body, plainName: plainName, plainBody: plainBody)
                resourceRows.append(
                    DirectoryTables.resource(council, resource, version: 1, document: document, search: search))
            } else {
                resourceRows.append(DirectoryTables.resource(council, resource, version: 1, document: document))
                searchRows.append(DirectoryTables.searchEntry(council, id, key: key, name: name, body: body))
                plainRows.append(
                    DirectoryTables.searchEntry(council, id, key: key, name: plainName, body: plainBody))
            }
            termRows += Set(resource.termIDs).map { DirectoryTables.resourceTerm(council, id, $0) }
            siteRows += resource.sites.map { DirectoryTables.site(council, id, $0) }
            versionRows.append(
                DirectoryTables.version(
                    council, id, version: 1, by: editor, at: now, changes: changes, document: document))
        }
        try await DirectoryTables.resources.insert(resourceRows, extra: postgres ? ["search"] : [], on: sql)
        try await DirectoryTables.resourceTerms.insert(termRows, on: sql)
        try await DirectoryTables.sites.insert(siteRows, on: sql)
        try await DirectoryTables.search.insert(searchRows, on: sql)
        try await DirectoryTables.searchPlain.insert(plainRows, on: sql)
        try await DirectoryTables.versions.insert(versionRows, on: sql)
    }
}
