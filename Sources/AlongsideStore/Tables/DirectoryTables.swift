import AlongsideCore
import Foundation
import SQLKit

/// The community directory's tables, written here and nowhere else. They have no Fluent model, for these
/// reasons:
/// - A resource is kept whole as JSON (`directory_resources.document`, the Core `CommunityResource`), with
///   the columns lists and filters need beside it; a save replaces the resource's rows in every table
///   (`DELETE` + `INSERT`, one transaction) rather than changing fields, so there is nothing for a model to
///   track.
/// - Their keys are Open Referral ids, unique per council (`council_id`, `id`): a composite key Fluent's
///   models do not have.
/// - `directory_search` and `directory_search_plain` are SQLite FTS5 virtual tables (no model can map them;
///   a row is found by `MATCH` and removed by `rowid`); on PostgreSQL the words go in the resource's
///   `search` tsvector instead.
/// - Generated directories (the demo and scale data) write hundreds of resources many rows a statement
///   (`DirectoryStore.saveNew`), with the very rows `save` writes one resource at a time: each row is made
///   here once, for both.
enum DirectoryTables {
    /// One table: its name, its columns in the order its rows give them, and the column a resource's (or
    /// an organisation's, a taxonomy's, a term's) rows are found by.
    struct Table: Sendable {
        let name: String
        let columns: [String]
        let key: String

        /// Removes the rows of `ids` of one council.
        func delete(council: UUID, _ ids: [UUID], on sql: any SQLDatabase) async throws {
            guard !ids.isEmpty else { return }
            try await sql.raw(
                "DELETE FROM \(ident: name) WHERE council_id = \(bind: council) AND \(ident: key) IN (\(binds: ids))"
            ).run()
        }

        /// Inserts `rows` (each "(…, …)", in `columns`' order, plus `extra` columns), 500 a statement.
        func insert(_ rows: [SQLQueryString], extra: [String] = [], on sql: any SQLDatabase) async throws {
            let head = "INSERT INTO \(name) (\((columns + extra).joined(separator: ", "))) VALUES "
            var start = 0
            while start < rows.count {
                let chunk = rows[start..<min(start + 500, rows.count)]
                var query = SQLQueryString(head)
                for (index, row) in chunk.enumerated() { query += (index == 0 ? "" : ", ") + row }
                try await sql.raw(query).run()
                start += chunk.count
            }
        }
    }

    // The tables whose rows are read as a Core type take their columns from that type's row codec
    // (`TaxonomyRow`, `TaxonomyTermRow`, `CommunityOrganisationRow`, `CommunityResourceRow`,
    // `DirectoryVersionRow`, in this folder): one list for reading and writing.
    static let taxonomies = Table(name: TaxonomyRow.table, columns: TaxonomyRow.columns, key: "id")
    static let terms = Table(name: TaxonomyTermRow.table, columns: TaxonomyTermRow.columns, key: "id")
    static let organisations = Table(
        name: CommunityOrganisationRow.table, columns: CommunityOrganisationRow.columns, key: "id")
    static let resources = Table(
        name: CommunityResourceRow.table, columns: CommunityResourceRow.columns, key: "id")
    static let resourceTerms = Table(
        name: "directory_resource_terms", columns: ["council_id", "resource_id", "term_id"], key: "resource_id")
    static let sites = Table(
        name: "directory_sites",
        columns: [
            "council_id", "id", "resource_id", "location_id", "postcode", "ward_code", "latitude", "longitude",
        ], key: "resource_id")
    static let versions = Table(
        name: DirectoryVersionRow.table, columns: DirectoryVersionRow.columns, key: "resource_id")
    /// The FTS5 tables (SQLite only): English (stemmed) and plain (accents folded).
    static let search = Table(
        name: "directory_search", columns: ["council_id", "resource_id", "council_key", "name", "body"],
        key: "resource_id")
    static let searchPlain = Table(
        name: "directory_search_plain", columns: ["council_id", "resource_id", "council_key", "name", "body"],
        key: "resource_id")

    /// The tables a resource's rows are replaced in when it is saved again (its versions are kept).
    static let ofAResource = [resources, sites, resourceTerms]

    // MARK: Rows

    static func taxonomy(_ council: UUID, _ taxonomy: Taxonomy) -> SQLQueryString {
        """
        (\(bind: council), \(bind: taxonomy.id), \(bind: taxonomy.name), \(bind: taxonomy.description), \
        \(bind: taxonomy.uri), \(bind: taxonomy.version))
        """
    }

    static func term(_ council: UUID, _ term: TaxonomyTerm) -> SQLQueryString {
        """
        (\(bind: council), \(bind: term.id.uuid), \(bind: term.taxonomyID), \(bind: term.name), \
        \(bind: term.description), \(bind: term.code), \(bind: term.parentID?.uuid))
        """
    }

    static func organisation(_ council: UUID, _ organisation: CommunityOrganisation, name: String, at now: Date)
        -> SQLQueryString
    {
        """
        (\(bind: council), \(bind: organisation.id.uuid), \(bind: name), \
        \(bind: organisation.description), \(bind: organisation.email), \(bind: organisation.website), \
        \(bind: now))
        """
    }

    /// A resource's row; `search` adds PostgreSQL's tsvector as one more column.
    static func resource(
        _ council: UUID, _ resource: CommunityResource, version: Int, document: String,
        search: SQLQueryString? = nil
    ) -> SQLQueryString {
        let days = "," + resource.days.map(\.rawValue).joined(separator: ",") + ","
        var row: SQLQueryString = """
            (\(bind: council), \(bind: resource.id.uuid), \(bind: resource.organisationID.uuid), \
            \(bind: resource.name), \(bind: resource.status.rawValue), \(bind: resource.lastModified), \
            \(bind: resource.checkedOn), \(bind: resource.minimumAge), \(bind: resource.maximumAge), \(bind: days), \
            \(bind: version), \(bind: document)
            """
        if let search { row += ", " + search }
        return row + ")"
    }

    static func resourceTerm(_ council: UUID, _ resource: UUID, _ term: TaxonomyTerm.ID) -> SQLQueryString {
        "(\(bind: council), \(bind: resource), \(bind: term.uuid))"
    }

    static func site(_ council: UUID, _ resource: UUID, _ site: CommunityResource.Site) -> SQLQueryString {
        let location = site.location
        return """
            (\(bind: council), \(bind: site.id), \(bind: resource), \(bind: location.id), \
            \(bind: location.postcode), \(bind: location.wardCode), \(bind: location.latitude), \
            \(bind: location.longitude))
            """
    }

    static func version(
        _ council: UUID, _ resource: UUID, version: Int, by editor: DirectoryEditor, at now: Date,
        changes: [String], document: String
    ) -> SQLQueryString {
        """
        (\(bind: council), \(bind: resource), \(bind: version), \(bind: editor.staffID?.uuid), \(bind: editor.name), \
        \(bind: now), \(bind: changes.joined(separator: ", ")), \(bind: document))
        """
    }

    /// A search table's row (`search`, `searchPlain`).
    static func searchEntry(_ council: UUID, _ resource: UUID, key: String, name: String, body: String)
        -> SQLQueryString
    {
        "(\(bind: council), \(bind: resource), \(bind: key), \(bind: name), \(bind: body))"
    }

    /// PostgreSQL's search column for a resource: English (stemmed) and plain words, the name weighted.
    static func searchVector(name: String, body: String, plainName: String, plainBody: String) -> SQLQueryString {
        """
        setweight(to_tsvector('english', \(bind: name)), 'A') || to_tsvector('english', \(bind: body)) || \
        setweight(to_tsvector('simple', \(bind: plainName)), 'A') || to_tsvector('simple', \(bind: plainBody))
        """
    }

    /// Removes a resource's entry from an FTS5 search table: found by `MATCH` on the council's key (an FTS5
    /// table has no index on its other columns) and removed by `rowid`.
    static func unindex(_ table: Table, council key: String, resource: UUID, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            DELETE FROM \(ident: table.name) WHERE rowid IN (SELECT rowid FROM \(ident: table.name) \
            WHERE \(ident: table.name) MATCH \(bind: "council_key : \"\(key)\"") AND resource_id = \(bind: resource))
            """
        ).run()
    }
}
