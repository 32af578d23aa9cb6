import AlongsideCore
import AlongsideTestSupport
import Fluent
import Foundation
import SQLKit
import Testing

@testable import AlongsideStore

/// Directory search finds Welsh words as typed, on SQLite and PostgreSQL alike: each resource is indexed
/// in English (stemmed) and plain (not stemmed, accents folded), and a word may match either.
@Suite("Welsh directory search")
struct WelshDirectorySearchTests {
    static func welshDirectory(_ db: any Database) async throws -> DirectoryStore {
        let (store, organisation) = try await DirectoryStoreTests.setUp(db)
        let editor = DirectoryEditor(staffID: nil, name: "Import")
        for (name, description) in [
            ("Côr Cymunedol Abaty", "Côr cymysg sy'n canu yn Gymraeg. Does dim angen darllen cerddoriaeth."),
            ("Clwb Cinio Cymraeg", "Cinio poeth a sgwrs yn Gymraeg bob wythnos. Croeso i ddysgwyr."),
            ("Paned a Sgwrs", "Paned, cacen a sgwrs hamddenol. Croeso cynnes i bawb."),
            ("Grŵp Gofalwyr", "Seibiant a chefnogaeth i bobl sy'n gofalu am rywun. Taith gerdded bob mis."),
            ("Community Choir", "Singing together on Thursday evenings."),
            ("Walking Group", "Gentle walks by the river."),
        ] {
            try await store.save(
                DirectoryStoreTests.resource(name, organisation: organisation.id, description: description), by: editor,
                at: DirectoryStoreTests.t0)
        }
        return store
    }

    static func names(_ store: DirectoryStore, _ text: String) async throws -> [String] {
        var search = DirectorySearch()
        search.text = DirectoryQuery(text)
        return try await store.resources(try await store.find(search).map(\.resourceID)).map(\.name).sorted()
    }

    @Test func theSearchHintsOwnWelshExamplesFindWelshGroups() async throws {
        try await withDatabase { db in
            let store = try await Self.welshDirectory(db)
            #expect(try await Self.names(store, "côr") == ["Côr Cymunedol Abaty"])
            #expect(try await Self.names(store, "clwb cinio") == ["Clwb Cinio Cymraeg"])
            #expect(try await Self.names(store, "Côr Cymunedol") == ["Côr Cymunedol Abaty"])
            // Accents are folded: "cor" finds "Côr", and "côr" is not confused with English "core".
            #expect(try await Self.names(store, "cor") == ["Côr Cymunedol Abaty"])
            // Welsh words are not stemmed: a word half typed finds the word ("gofalwy", on its way to
            // "gofalwyr", which English stemming would make "gofalwi" and miss), on both databases.
            #expect(try await Self.names(store, "gofalwy") == ["Grŵp Gofalwyr"])
            #expect(try await Self.names(store, "grwp gofalwyr") == ["Grŵp Gofalwyr"])
            #expect(try await Self.names(store, "cymdeithas").isEmpty)
            #expect(try await Self.names(store, "sgwrs") == ["Clwb Cinio Cymraeg", "Paned a Sgwrs"])
            #expect(try await Self.names(store, "paned a sgwrs") == ["Paned a Sgwrs"])
            #expect(try await Self.names(store, "sgwrs canu").isEmpty)
            // English keeps its stemming, and a Welsh word beside an English one finds both languages' text.
            #expect(try await Self.names(store, "walking") == ["Walking Group"])
            #expect(try await Self.names(store, "singing choirs") == ["Community Choir"])
            #expect(try await Self.names(store, "gymraeg") == ["Clwb Cinio Cymraeg", "Côr Cymunedol Abaty"])
        }
    }

    @Test func anotherCouncilsWelshGroupsAreNotFound() async throws {
        try await withDatabase { db in
            _ = try await Self.welshDirectory(db)
            let other = try await CouncilStore(db).create(slug: "otherton", name: "Otherton")
            let store = DirectoryStore(db, councilID: other.id)
            #expect(try await Self.names(store, "côr").isEmpty)
            #expect(try await Self.names(store, "cor").isEmpty)
        }
    }

    /// Migration 024 writes every resource saved before it into the plain index.
    @Test func indexingAgainFindsResourcesSavedBeforeThePlainIndex() async throws {
        try await withDatabase { db in
            let store = try await Self.welshDirectory(db)
            let sql = try db.sql
            // What each database missed before: a half-typed Welsh word (SQLite's porter stemmer), an
            // accent left off (PostgreSQL's 'english' keeps "côr" as it is).
            let missed: String
            if sql.dialect.name == "sqlite" {
                try await sql.raw("DELETE FROM directory_search_plain").run()
                missed = "gofalwy"
            } else {
                try await sql.raw(
                    "UPDATE directory_resources SET search = setweight(to_tsvector('english', name), 'A')"
                ).run()
                missed = "cor"
            }
            #expect(try await Self.names(store, missed).isEmpty)
            try await DirectoryStore.reindexAll(on: db)
            #expect(try await Self.names(store, "gofalwy") == ["Grŵp Gofalwyr"])
            #expect(try await Self.names(store, "cor") == ["Côr Cymunedol Abaty"])
        }
    }

    @Test func foldingTakesOffEveryWelshAccent() {
        #expect(
            DirectoryQuery.folded("Côr Ŵyl Ŷd Â Ê Î Ô Û ä ë ï ö ü ẅ ÿ á é í ó ú ẃ ý à è ì ò ù ẁ ỳ")
                == "cor wyl yd a e i o u a e i o u w y a e i o u w y a e i o u w y")
        #expect(DirectoryQuery("côr, clwb-cinio!").plainWords == ["cor", "clwb", "cinio"])
    }
}
