import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// A council's own reviewed wording for the string catalog: what its Welsh speakers (or its
/// communications team) have checked, replacing the wording Alongside ships. One row a key and
/// plural form; replacing a language's wording is one transaction and moves the council's
/// `wording_version` on, so every server reloads it on its next request.
///
/// `council_wording` has no Fluent model: its rows are keyed by council, language and key (no id of their
/// own) and a language's wording is replaced whole (`DELETE` and `INSERT`, many rows a statement), never
/// changed a row at a time. This store is the one place that reads and writes it.
public struct WordingStore: Sendable {
    let database: any Database
    let councilID: Council.ID

    public init(_ database: any Database, councilID: Council.ID) {
        self.database = database
        self.councilID = councilID
    }

    /// The council's wording, by language and key.
    public func overrides() async throws -> [Language: [String: Phrase]] {
        let rows = try await database.sql.select().columns("language", "key", "text").from("council_wording")
            .where("council_id", .equal, SQLBind(councilID.uuid)).all()
        var result: [Language: [String: Phrase]] = [:]
        for row in rows {
            guard let language = Language(rawValue: try row.decode(column: "language", as: String.self)) else {
                continue
            }
            let stored = try row.decode(column: "key", as: String.self)
            let text = try row.decode(column: "text", as: String.self)
            let (key, category) = Self.split(stored)
            var phrase = result[language]?[key] ?? Phrase(forms: [:])
            phrase.forms[category] = text
            result[language, default: [:]][key] = phrase
        }
        return result
    }

    /// Replaces the council's wording in `language` with `phrases` (an empty set goes back to the
    /// catalog's own wording), in one transaction.
    public func replace(_ language: Language, with phrases: [String: Phrase], by staff: StaffMember.ID, at now: Date)
        async throws
    {
        var entries: [(key: String, text: String)] = []
        for (key, phrase) in phrases.sorted(by: { $0.key < $1.key }) {
            for (category, text) in phrase.forms.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                entries.append((Self.stored(key, phrase.isPlural ? category : nil), text))
            }
        }
        let rows = entries
        let councilID = councilID
        try await database.change { db in
            let sql = try db.sql
            try await sql.delete(from: "council_wording").where("council_id", .equal, SQLBind(councilID.uuid))
                .where("language", .equal, SQLBind(language.rawValue)).run()
            for start in stride(from: 0, to: rows.count, by: 200) {
                let chunk = Array(rows[start..<min(start + 200, rows.count)])
                let insert = sql.insert(into: "council_wording")
                    .columns("council_id", "language", "key", "text", "updated_by_id", "updated_at")
                for row in chunk {
                    insert.values([
                        SQLBind(councilID.uuid), SQLBind(language.rawValue), SQLBind(row.key), SQLBind(row.text),
                        SQLBind(staff.uuid), SQLBind(now),
                    ])
                }
                try await insert.run()
            }
            try await SetWiseWrites.countWordingVersion(council: councilID.uuid, on: sql)
        }
    }

    /// "caseload.total#few" ↔ ("caseload.total", .few); a key without a form is "other".
    static func split(_ stored: String) -> (String, PluralCategory) {
        let parts = stored.split(separator: "#", maxSplits: 1).map(String.init)
        if parts.count == 2, let category = PluralCategory(rawValue: parts[1]) { return (parts[0], category) }
        return (stored, .other)
    }

    static func stored(_ key: String, _ category: PluralCategory?) -> String {
        category.map { "\(key)#\($0.rawValue)" } ?? key
    }
}
