import AlongsideCore
import AlongsideTestSupport
import Fluent
import Foundation
import SQLKit
import Testing

@testable import AlongsideStore

@Suite("Directory resources saved together")
struct DirectoryBulkTests {
    /// Every row the directory keeps of a council's resources, as text, the council's own id and search key
    /// left out (the search entries on SQLite; the search vector on PostgreSQL). The JSON documents are
    /// compared as what they hold, not as text: the encoder writes an object's keys in no fixed order.
    static func rows(_ db: any Database, council: Council.ID) async throws -> [String: [String]] {
        let sql = try db.sql
        var tables: [(String, [String])] = [
            (
                "directory_resources",
                [
                    "id", "organisation_id", "name", "status", "modified_at", "checked_on", "minimum_age",
                    "maximum_age", "days", "version",
                ]
            ),
            ("directory_resource_terms", ["resource_id", "term_id"]),
            ("directory_organisations", ["id", "name", "description", "email", "website", "modified_at"]),
            (
                "directory_sites",
                ["id", "resource_id", "location_id", "postcode", "ward_code", "latitude", "longitude"]
            ),
            (
                "directory_versions",
                ["resource_id", "version", "changed_by_id", "changed_by", "changed_at", "changes"]
            ),
        ]
        if sql.dialect.name == "sqlite" {
            tables.append(("directory_search", ["resource_id", "name", "body"]))
            tables.append(("directory_search_plain", ["resource_id", "name", "body"]))
        } else {
            tables[0].1.append("search")
        }
        var result: [String: [String]] = [:]
        for (table, columns) in tables {
            let list = columns.map { "COALESCE(CAST(\($0) AS TEXT), '-')" }.joined(separator: " || '|' || ")
            result[table] = try await sql.raw(
                "SELECT \(unsafeRaw: list) AS line FROM \(ident: table) WHERE council_id = \(bind: council.uuid)"
            ).all().map { try $0.decode(column: "line", as: String.self) }.sorted()
        }
        for (table, key) in [("directory_resources", "id"), ("directory_versions", "resource_id")] {
            result[table + " documents"] = try await sql.raw(
                "SELECT \(ident: key) AS id, document FROM \(ident: table) WHERE council_id = \(bind: council.uuid)"
            ).all().map { row in
                let document = try JSONSerialization.jsonObject(
                    with: Data(try row.decode(column: "document", as: String.self).utf8), options: [])
                let sorted = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
                return (try row.decode(column: "id", as: UUID.self)).uuidString + " "
                    + String(decoding: sorted, as: UTF8.self)
            }.sorted()
        }
        return result
    }

    @Test func savingManyAtOnceWritesTheRowsSavingEachWrites() async throws {
        try await withDatabase { db in
            let (one, organisation) = try await DirectoryStoreTests.setUp(db, slug: "one")
            let two = DirectoryStore(
                db, councilID: try await CouncilStore(db).create(slug: "two", name: "Twoshire").id)
            try await two.saveNew([organisation], at: DirectoryStoreTests.t0)
            let taxonomy = Taxonomy(id: UUID(), name: "Categories", description: "", version: "1")
            let term = TaxonomyTerm(id: .init(UUID()), name: "Lunch clubs", description: "", taxonomyID: taxonomy.id)
            for store in [one, two] {
                try await store.save(taxonomy)
                try await store.save(term)
            }
            let resources = [
                DirectoryStoreTests.resource(
                    "  Tuesday Lunch Club ", organisation: organisation.id, description: "A hot lunch.",
                    terms: [term.id]),
                DirectoryStoreTests.resource(
                    "Walking Group", organisation: organisation.id, day: "SA", postcode: "de2 2bb",
                    latitude: 52.9, longitude: -1.3),
                DirectoryStoreTests.resource("Somewhere else", organisation: organisation.id, postcode: "ZZ9 9ZZ"),
            ]
            let editor = DirectoryEditor(staffID: nil, name: "Import")
            for resource in resources { try await one.save(resource, by: editor, at: DirectoryStoreTests.t0) }
            try await two.saveNew(resources, by: editor, at: DirectoryStoreTests.t0)
            let each = try await Self.rows(db, council: one.councilID)
            let together = try await Self.rows(db, council: two.councilID)
            #expect(each["directory_resources"]?.count == 3)
            #expect(each["directory_resource_terms"]?.count == 1)
            #expect(each["directory_organisations"]?.count == 1)
            #expect(each["directory_versions documents"]?.count == 3)
            for (table, lines) in each { #expect(together[table] == lines, "\(table)") }
            // Found by the search, as one saved on its own is.
            var search = DirectorySearch()
            search.text = DirectoryQuery("lunch")
            let found = try await two.resources(try await two.find(search).map(\.resourceID))
            #expect(found.map(\.name) == ["Tuesday Lunch Club"])
            // Saved again together: each is kept as its next version, as `save` would.
            var changed = resources
            changed[1].fees = "£1"
            try await two.saveNew(changed, by: editor, at: DirectoryStoreTests.t0.addingTimeInterval(60))
            try await one.save(changed[1], by: editor, at: DirectoryStoreTests.t0.addingTimeInterval(60))
            #expect(try await two.versions(of: changed[1].id).map(\.version) == [2, 1])
            #expect(try await Self.rows(db, council: two.councilID) == Self.rows(db, council: one.councilID))
        }
    }
}
