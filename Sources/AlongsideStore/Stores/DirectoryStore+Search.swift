import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// What someone is looking for in the directory. Every filter given must hold (AND).
public struct DirectorySearch: Sendable {
    public var text = DirectoryQuery("")
    public var termID: TaxonomyTerm.ID?
    public var taxonomyID: UUID?
    public var organisationID: CommunityOrganisation.ID?
    public var wardCode: String?
    public var day: Weekday?
    public var modifiedAfter: Date?
    /// ORUK: services whose minimum age is at least this.
    public var minimumAge: Int?
    /// ORUK: services whose maximum age is at most this.
    public var maximumAge: Int?
    /// Sort by distance from here; with `withinMetres`, leave out places further away.
    public var near: (latitude: Double, longitude: Double)?
    public var withinMetres: Double?
    /// Leave out resources that are not running or have closed for good.
    public var runningOnly = false

    public init() {}
}

/// One result: a resource, and (for place searches) one of its places, with how far away it is.
public struct DirectoryHit: Sendable, Equatable {
    public let resourceID: CommunityResource.ID
    public let siteID: UUID?
    public let metres: Double?
}

extension DirectoryStore {
    /// The council's token in SQLite's search index (`ScopeDirectorySearch`): a search matches its own
    /// council's rows in the index, not every council's.
    static func councilKey(_ id: Council.ID) -> String {
        "c" + id.uuid.uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }

    /// Finds resources, best first: nearest when `near` is given, else best text match, else by name.
    public func find(_ search: DirectorySearch) async throws -> [DirectoryHit] {
        try await candidates(search, bySite: false)
    }

    /// Finds places (ORUK `service_at_location`), ordered as `find`.
    public func findSites(_ search: DirectorySearch) async throws -> [DirectoryHit] {
        try await candidates(search, bySite: true)
    }

    /// A page of results with their resources, for lists.
    public func page(_ hits: [DirectoryHit], page: Int, per: Int) async throws -> Paged<DirectoryResult> {
        let metadata = Paged<DirectoryResult>.Metadata(page: page, per: per, total: hits.count)
        let slice = Array(hits.page(page, per: per))
        let resources = Dictionary(
            uniqueKeysWithValues: try await resources(slice.map(\.resourceID)).map { ($0.id, $0) })
        let items = slice.compactMap { hit in
            resources[hit.resourceID].map { DirectoryResult(resource: $0, siteID: hit.siteID, metres: hit.metres) }
        }
        return Paged(items: items, metadata: metadata)
    }

    func candidates(_ search: DirectorySearch, bySite: Bool) async throws -> [DirectoryHit] {
        let sql = try sql
        let council = councilID.uuid
        let sqlite = sql.dialect.name == "sqlite"
        var from: SQLQueryString =
            "directory_resources r LEFT JOIN directory_sites s ON s.council_id = r.council_id AND s.resource_id = r.id"
        var rank: SQLQueryString = "CAST(0 AS DOUBLE PRECISION)"
        var conditions: [SQLQueryString] = ["r.council_id = \(bind: council)"]
        if !search.text.isEmpty {
            // Each word must be found, in the English index (stemmed: "walking" finds "walk") or the plain
            // one (as typed, accents folded: "côr" and "cor" find "Côr"; "clwb cinio" is not stemmed away).
            let words = zip(search.text.words, search.text.plainWords)
            if sqlite {
                let key = "council_key : \"\(Self.councilKey(councilID))\" AND {name body} : "
                let any = words.map { "\"\($0.0)\"*" }.joined(separator: " OR ")
                from =
                    """
                    directory_resources r LEFT JOIN (SELECT resource_id, \
                    bm25(directory_search, 0.0, 0.0, 0.0, 10.0, 1.0) AS score FROM directory_search \
                    WHERE directory_search MATCH \(bind: key + "(" + any + ")") AND council_id = \(bind: council)) f \
                    ON f.resource_id = r.id \
                    LEFT JOIN directory_sites s ON s.council_id = r.council_id AND s.resource_id = r.id
                    """
                rank = "COALESCE(f.score, 0.0)"
                for (word, plain) in words {
                    conditions.append(
                        """
                        (r.id IN (SELECT resource_id FROM directory_search WHERE directory_search MATCH \
                        \(bind: key + "\"\(word)\"*") AND council_id = \(bind: council)) \
                        OR r.id IN (SELECT resource_id FROM directory_search_plain WHERE directory_search_plain MATCH \
                        \(bind: key + "\"\(plain)\"*") AND council_id = \(bind: council)))
                        """)
                }
            } else {
                var query: SQLQueryString = ""
                for (index, (word, plain)) in words.enumerated() {
                    query =
                        query + (index == 0 ? "(" : " && (")
                        + "to_tsquery('english', \(bind: word + ":*")) || to_tsquery('simple', \(bind: plain + ":*")))"
                }
                rank = "-ts_rank(r.search, " + query + ")"
                conditions.append("r.search @@ (" + query + ")")
            }
        }
        if let termID = search.termID {
            conditions.append(
                """
                EXISTS (SELECT 1 FROM directory_resource_terms t WHERE t.council_id = r.council_id \
                AND t.resource_id = r.id AND t.term_id = \(bind: termID.uuid))
                """)
        }
        if let taxonomyID = search.taxonomyID {
            conditions.append(
                """
                EXISTS (SELECT 1 FROM directory_resource_terms t JOIN directory_terms d ON d.council_id = t.council_id \
                AND d.id = t.term_id WHERE t.council_id = r.council_id AND t.resource_id = r.id \
                AND d.taxonomy_id = \(bind: taxonomyID))
                """)
        }
        if let organisationID = search.organisationID {
            conditions.append("r.organisation_id = \(bind: organisationID.uuid)")
        }
        if let wardCode = search.wardCode { conditions.append("s.ward_code = \(bind: wardCode)") }
        if let day = search.day { conditions.append("r.days LIKE \(bind: "%,\(day.rawValue),%")") }
        if let after = search.modifiedAfter { conditions.append("r.modified_at >= \(bind: after)") }
        if let age = search.minimumAge { conditions.append("r.minimum_age >= \(bind: age)") }
        if let age = search.maximumAge { conditions.append("r.maximum_age <= \(bind: age)") }
        if search.runningOnly { conditions.append("r.status IN ('active', 'temporarily closed')") }
        var whereClause: SQLQueryString = ""
        for (index, condition) in conditions.enumerated() {
            whereClause = whereClause + (index == 0 ? " WHERE " : " AND ") + condition
        }
        let query: SQLQueryString =
            "SELECT r.id AS rid, r.name AS name, s.id AS sid, s.latitude AS lat, s.longitude AS lon, \(rank) AS rank FROM "
            + from + whereClause
        struct Row {
            let resourceID: UUID
            let name: String
            let siteID: UUID?
            let metres: Double?
            let rank: Double
        }
        let rows = try await sql.raw(query).all().map { row -> Row in
            let lat = try row.decode(column: "lat", as: Double?.self)
            let lon = try row.decode(column: "lon", as: Double?.self)
            var metres: Double? = nil
            if let near = search.near, let lat, let lon {
                metres = Distance.metres(
                    fromLatitude: near.latitude, longitude: near.longitude, toLatitude: lat, longitude: lon)
            }
            return Row(
                resourceID: try row.decode(column: "rid", as: UUID.self),
                name: try row.decode(column: "name", as: String.self),
                siteID: try row.decode(column: "sid", as: UUID?.self), metres: metres,
                rank: try row.decode(column: "rank", as: Double.self))
        }
        var kept = rows
        if let within = search.withinMetres {
            kept = kept.filter { ($0.metres ?? .infinity) <= within }
        }
        if !bySite {
            var best: [UUID: Row] = [:]
            for row in kept {
                if let seen = best[row.resourceID], (seen.metres ?? .infinity) <= (row.metres ?? .infinity) { continue }
                best[row.resourceID] = row
            }
            kept = Array(best.values)
        } else {
            kept = kept.filter { $0.siteID != nil }
        }
        let byDistance = search.near != nil
        kept.sort { a, b in
            if byDistance, a.metres != b.metres { return (a.metres ?? .infinity) < (b.metres ?? .infinity) }
            if a.rank != b.rank { return a.rank < b.rank }
            if a.name != b.name { return a.name < b.name }
            return (a.resourceID.uuidString, a.siteID?.uuidString ?? "") < (
                b.resourceID.uuidString, b.siteID?.uuidString ?? ""
            )
        }
        return kept.map { DirectoryHit(resourceID: .init($0.resourceID), siteID: $0.siteID, metres: $0.metres) }
    }
}

extension DirectoryStore {
    /// Writes a resource's words into the search index, replacing what it held: once as English (stemmed)
    /// and once plain (not stemmed, accents folded: `DirectoryQuery.folded`), so Welsh words are found as
    /// typed. SQLite keeps each in its own FTS5 table (`directory_search`, `directory_search_plain`), keyed
    /// by council; PostgreSQL keeps both in the resource's `search` tsvector ('english' and 'simple').
    func index(_ resource: CommunityResource, termNames: [String]) async throws {
        let sql = try sql
        let organisationName = try await organisation(resource.organisationID)?.name ?? ""
        let body = resource.searchText(organisationName: organisationName, termNames: termNames)
        let (council, id) = (councilID.uuid, resource.id.uuid)
        let name = resource.name
        let (plainName, plainBody) = (DirectoryQuery.folded(name), DirectoryQuery.folded(body))
        guard sql.dialect.name == "sqlite" else {
            let search = DirectoryTables.searchVector(
                name: name, body: body, plainName: plainName, plainBody: plainBody)
            try await sql.raw(
                """
                UPDATE directory_resources SET search = \(search) WHERE council_id = \(bind: council) AND id = \(bind: id)
                """
            ).run()
            return
        }
        let key = Self.councilKey(councilID)
        for (table, indexed) in [
            (DirectoryTables.search, (name, body)), (DirectoryTables.searchPlain, (plainName, plainBody)),
        ] {
            try await DirectoryTables.unindex(table, council: key, resource: id, on: sql)
            try await table.insert(
                [DirectoryTables.searchEntry(council, id, key: key, name: indexed.0, body: indexed.1)], on: sql)
        }
    }

    /// Writes every resource of every council into the search index again (after the index changes).
    static func reindexAll(on database: any Database) async throws {
        let rows = try await database.sql.raw("SELECT council_id, id FROM directory_resources").all()
        var byCouncil: [UUID: [UUID]] = [:]
        for row in rows {
            byCouncil[try row.decode(column: "council_id", as: UUID.self), default: []].append(
                try row.decode(column: "id", as: UUID.self))
        }
        // One transaction a council: each resource's index rows written one by one outside a transaction cost a
        // sync each (34,000 resources, the Network's size, took 6 min 47 s on SQLite that way). Run from a
        // migration, before the figures' summaries exist: so without `change`'s catch-up.
        for (council, ids) in byCouncil {
            try await database.retryingTransaction { db in
                let store = DirectoryStore(db, councilID: .init(council))
                let names = Dictionary(uniqueKeysWithValues: try await store.terms().map { ($0.id, $0.name) })
                for id in ids {
                    guard let resource = try await store.resource(.init(id)) else { continue }
                    try await store.index(resource, termNames: resource.termIDs.compactMap { names[$0] })
                }
            }
        }
    }
}

/// A resource found by a search, with the place that matched and how far away it is.
public struct DirectoryResult: Sendable, Codable {
    public let resource: CommunityResource
    public let siteID: UUID?
    public let metres: Double?
}
