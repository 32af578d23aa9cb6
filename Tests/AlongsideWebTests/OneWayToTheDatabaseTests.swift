import Foundation
import Testing

/// One way to the database (docs/contributors.md, "One way to the database"): the web layer and the example
/// data reach the stores only through `Stores` (`req.stores.people`, `app.stores.councils`), a transaction's
/// stores are made on its `db`, and a table that has a Fluent model is never written with a raw
/// `INSERT INTO` or `DELETE FROM` string.
@Suite("One way to the database")
struct OneWayToTheDatabaseTests {
    let root = URL(fileURLWithPath: packageRoot)

    func swiftFiles(under folder: String) throws -> [(path: String, text: String)] {
        let base = root.appendingPathComponent(folder)
        let walker = FileManager.default.enumerator(atPath: base.path)
        var found: [(String, String)] = []
        while let relative = walker?.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            let url = base.appendingPathComponent(relative)
            found.append((folder + "/" + relative, try String(contentsOf: url, encoding: .utf8)))
        }
        return found.sorted { $0.0 < $1.0 }
    }

    func captures(_ pattern: String, in text: String) throws -> [String] {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// The stores: every `…Store` type in `Sources/AlongsideStore/Stores`, and `FigureSummaries`.
    func storeTypes() throws -> Set<String> {
        var types: Set<String> = []
        for (_, text) in try swiftFiles(under: "Sources/AlongsideStore/Stores") {
            types.formUnion(try captures(#"public struct (\w+Store|FigureSummaries)\b"#, in: text))
        }
        return types
    }

    @Test func noStoreIsMadeOutsideStores() throws {
        let stores = try storeTypes()
        #expect(stores.contains("PeopleStore") && stores.contains("StaffStore") && stores.count > 15)
        var found: [String] = []
        let files = try swiftFiles(under: "Sources/AlongsideWeb") + swiftFiles(under: "Sources/AlongsideDemo")
        #expect(files.contains { $0.path.hasPrefix("Sources/AlongsideDemo/") })
        for (path, text) in files where !path.hasSuffix("App/Stores.swift") {
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for store in stores where line.contains(store + "(") {
                    found.append("\(path):\(number + 1): \(store)(")
                }
            }
        }
        #expect(found.isEmpty, "make stores with req.stores / Stores(db, council:), not: \(found)")
    }

    @Test func aTransactionsStoresAreMadeOnItsDatabase() throws {
        var found: [String] = []
        for (path, text) in try swiftFiles(under: "Sources/AlongsideWeb") {
            var depth = 0
            var opened: [Int] = []
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let opens = line.contains(".change {") || line.contains(".transaction {")
                if !opened.isEmpty, !opens,
                    line.contains("req.stores.") || line.contains("req.db") || line.contains("app.db")
                        || line.contains("app.stores")
                {
                    found.append("\(path):\(number + 1)")
                }
                if opens { opened.append(depth) }
                depth += line.filter { $0 == "{" }.count - line.filter { $0 == "}" }.count
                while let last = opened.last, depth <= last { opened.removeLast() }
            }
        }
        #expect(found.isEmpty, "inside a transaction use req.stores(on: db) / Stores(db, …): \(found)")
    }

    @Test func aTableWithAModelIsNotWrittenWithRawSQL() throws {
        var modelled: Set<String> = []
        for (_, text) in try swiftFiles(under: "Sources/AlongsideStore/Models") {
            modelled.formUnion(try captures(#"static let schema = "(\w+)""#, in: text))
        }
        #expect(modelled.contains("people") && modelled.count > 30)
        var found: [String] = []
        for folder in [
            "Sources/AlongsideStore/Stores", "Sources/AlongsideStore/Tables", "Sources/AlongsideWeb",
            "Sources/AlongsideDemo",
        ] {
            for (path, text) in try swiftFiles(under: folder) {
                for table in try captures(#"(?:INSERT INTO|DELETE FROM) (\w+)"#, in: text)
                where modelled.contains(table) {
                    found.append("\(path): \(table)")
                }
            }
        }
        #expect(found.isEmpty, "write a modelled table through its model: \(found)")
    }

    /// A raw `INSERT INTO`/`DELETE FROM`/`UPDATE` whose table is put in from a value (`\(unsafeRaw: table)`,
    /// `\(ident: name)`, `\(table)`) names no table this test can check, so it is allowed only in the named
    /// places for tables without a model, for bulk rows and for set-wise writes, each with its reason.
    static let tablesNamedFromAValue = [
        // The directory's tables, which have no model (its header says why).
        "Sources/AlongsideStore/Tables/",
        // Generated records (demo and scale data), many rows a statement as SQL literals; nothing validated.
        "Sources/AlongsideStore/Stores/BulkLoad.swift",
        // Set-wise writes over several modelled tables at once, each with its reason (erasure's struck reasons).
        "Sources/AlongsideStore/Stores/SetWiseWrites.swift",
    ]

    @Test func noRawWriteNamesItsTableFromAValueOutsideTheNamedPlaces() throws {
        var found: [String] = []
        for folder in ["Sources/AlongsideStore", "Sources/AlongsideWeb", "Sources/AlongsideDemo"] {
            for (path, text) in try swiftFiles(under: folder)
            where !path.contains("/Migrations/")
                && !Self.tablesNamedFromAValue.contains(where: { path.hasPrefix($0) })
            {
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    if try !captures(#"((?:INSERT INTO|DELETE FROM|UPDATE)\s+\\\()"#, in: String(line)).isEmpty {
                        found.append("\(path):\(number + 1)")
                    }
                }
            }
        }
        #expect(found.isEmpty, "write a modelled table through its model, or in a named place: \(found)")
    }

    /// A raw `UPDATE` that names a modelled table as plain text (`UPDATE people SET …`) is allowed only in the
    /// named places for set-wise writes (`SetWiseWrites`, each with its reason), the directory's tables,
    /// bulk loads and migrations; anywhere else the table is updated through its model
    /// (`Model.query(on:).filter(…).set(…).update()`).
    @Test func noRawUpdateNamesAModelledTableOutsideTheNamedPlaces() throws {
        var modelled: Set<String> = []
        for (_, text) in try swiftFiles(under: "Sources/AlongsideStore/Models") {
            modelled.formUnion(try captures(#"static let schema = "(\w+)""#, in: text))
        }
        #expect(modelled.contains("people") && modelled.contains("outbox"))
        var found: [String] = []
        for folder in ["Sources/AlongsideStore", "Sources/AlongsideWeb", "Sources/AlongsideDemo"] {
            for (path, text) in try swiftFiles(under: folder)
            where !path.contains("/Migrations/")
                && !Self.tablesNamedFromAValue.contains(where: { path.hasPrefix($0) })
            {
                for table in try captures(#"UPDATE\s+(\w+)\s+SET\b"#, in: text) where modelled.contains(table) {
                    found.append("\(path): \(table)")
                }
            }
        }
        #expect(found.isEmpty, "update a modelled table through its model, or in SetWiseWrites: \(found)")
    }

    /// The SQLKit builder writes (`insert(into:)`, `delete(from:)`, `sql.update(…)`, or an `SQLInsert`/`SQLUpdate`/
    /// `SQLDelete` made by hand) to a table that has a model, each kept for a reason, with how many there are in
    /// the file: anywhere else, and any more of them, such a table is written through its model. The key is the
    /// file and the table as written there (`X.schema`, `"name"`, or a value such as `table`, which names a
    /// modelled one).
    static let builderWritesToModelledTables: [String: (count: Int, reason: String)] = [
        // Bulk loads: the postcode directory (millions of rows), emptied and refilled 500 rows a statement.
        "Sources/AlongsideStore/Stores/PostcodeStore.swift \"postcodes\"": (
            2, "bulk postcode load, 500 rows a statement"
        ),
        // Compare-and-set: the one function every guarded write goes through (a version, a status, a link's
        // `used_at`); the write must say whether it changed a row, which a Fluent query update does not.
        "Sources/AlongsideStore/Stores/CompareAndSet.swift table": (1, "compare-and-set, for every caller"),
        // Set-wise moves: a merge moves (and its undo moves back) every row of a person, table by table.
        "Sources/AlongsideStore/Stores/PeopleStore+Merge.swift table": (2, "a merge, and its undo, move every row"),
        "Sources/AlongsideStore/Stores/PeopleStore+Merge.swift \"corrections\"": (
            1, "an undone merge moves corrections"
        ),
        // Erasure redacts the words of searches for the person in the audit log, over many entries at once.
        "Sources/AlongsideStore/Stores/PeopleStore+Rights.swift \"audit_entries\"": (1, "erasure redacts searches"),
    ]

    /// Every builder write in the sources outside migrations, as "path table" with its line.
    func builderWrites() throws -> [(key: String, line: String)] {
        var modelled: Set<String> = []
        for (_, text) in try swiftFiles(under: "Sources/AlongsideStore/Models") {
            modelled.formUnion(try captures(#"static let schema = "(\w+)""#, in: text))
        }
        #expect(modelled.contains("outbox") && modelled.contains("postcodes"))
        // Across lines: `insert(into:`, `delete(from:` and `.update(` of a lone table on any receiver, and a
        // statement made by hand (named by its type, as a value would be).
        let regex = try NSRegularExpression(
            pattern: #"(?:insert\(into:|delete\(from:)\s*([\w."]+)|\.update\(\s*([\w."]+)\s*\)"#
                + #"|\b(SQL(?:Insert|Update|Delete)(?:Builder)?)\("#)
        var found: [(String, String)] = []
        for folder in ["Sources/AlongsideStore", "Sources/AlongsideWeb", "Sources/AlongsideDemo"] {
            for (path, text) in try swiftFiles(under: folder) where !path.contains("/Migrations/") {
                for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    guard
                        let range = (1...3).lazy.compactMap({ Range(match.range(at: $0), in: text) }).first
                    else { continue }
                    let table = String(text[range])
                    // A literal table without a model (the directory's, jobs, wording) is not modelled.
                    if table.hasPrefix("\""), !modelled.contains(table.trimmingCharacters(in: ["\""])) {
                        continue
                    }
                    let line = text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
                    found.append(("\(path) \(table)", "\(path):\(line)"))
                }
            }
        }
        return found
    }

    @Test func noBuilderWriteToAModelledTableOutsideTheAllowList() throws {
        let writes = try builderWrites()
        let unlisted = writes.filter { Self.builderWritesToModelledTables[$0.key] == nil }.map(\.line)
        #expect(unlisted.isEmpty, "write a modelled table through its model, or in a named place: \(unlisted)")
        // As many as listed: one more in an allowed file fails too, and one gone is taken off the list.
        let counted = Dictionary(grouping: writes, by: \.key).mapValues(\.count)
        for (key, allowed) in Self.builderWritesToModelledTables {
            #expect(counted[key, default: 0] == allowed.count, "\(key): \(allowed.reason)")
        }
    }
}
