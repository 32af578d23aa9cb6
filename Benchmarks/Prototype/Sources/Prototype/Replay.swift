// A page of Alongside's replayed on Hummingbird and GRDB (issue 28): what one of its requests did, done again
// as directly as this stack allows. `Benchmarks/Prototype/replay` captures, for each hot page, the statements
// one request ran (from Alongside's log at LOG_LEVEL=trace, with their values: the session's or token's
// lookup, the page's reads, the audit entry) and the response's bytes, into REPLAY_FOLDER/<page>.spec and
// <page>.body. Each request here then:
// - runs the reads in one read transaction, each statement prepared once a connection (`cachedStatement`),
//   stepping every row and copying every column out into Swift values (text into `String`);
// - writes the body's bytes into a new buffer one by one, looking at each for escaping as a direct writer of
//   HTML or JSON does (the floor of rendering the same bytes, with nothing left to decide);
// - runs the writes (the audit entry) in a transaction of their own, with a new id each time.
// What it leaves out is what a page decides: checking the session's values, building the view from the rows,
// choosing what to show. So it is the floor of this stack for the same work, not a second implementation.
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import NIOCore

struct Replay: Sendable {
    struct Statement: Sendable {
        let write: Bool
        let sql: String
        let arguments: [DatabaseValue]
    }

    let reads: [Statement]
    let writes: [Statement]
    let body: [UInt8]
    let contentType: String

    /// Every `<page>.spec` in `folder`, with its `<page>.body` and `<page>.type`.
    static func load(folder: String) throws -> [String: Replay] {
        var replays: [String: Replay] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".spec") {
            let name = String(file.dropLast(5))
            let spec = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            let body = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/" + name + ".body")))
            let type =
                (try? String(contentsOfFile: folder + "/" + name + ".type", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? "text/html; charset=utf-8"
            let statements = parse(spec)
            replays[name] = Replay(
                reads: statements.filter { !$0.write }, writes: statements.filter(\.write), body: body,
                contentType: type)
        }
        return replays
    }

    /// sqlfloor's spec: blocks of "R" or "W", the SQL, then one line a value ("T text", "I 3", "F 1.5", "N").
    static func parse(_ spec: String) -> [Statement] {
        var statements: [Statement] = []
        for block in spec.components(separatedBy: "\n\n") {
            let lines = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                .filter { !$0.isEmpty }
            guard lines.count >= 2 else { continue }
            let values: [DatabaseValue] = lines.dropFirst(2).map { line in
                let value = String(line.dropFirst(2))
                switch line.first {
                case "T": return value.databaseValue
                case "I": return (Int64(value) ?? 0).databaseValue
                case "F": return (Double(value) ?? 0).databaseValue
                default: return .null
                }
            }
            statements.append(Statement(write: lines[0] == "W", sql: lines[1], arguments: values))
        }
        return statements
    }

    func respond(_ pool: DatabasePool) async throws -> Response {
        // Every column copied out into the Swift value it holds; the lengths summed so none is skipped.
        let copied = try await pool.read { db -> Int in
            var copied = 0
            for statement in reads {
                let cursor = try Row.fetchCursor(
                    db.cachedStatement(sql: statement.sql), arguments: StatementArguments(statement.arguments))
                while let row = try cursor.next() {
                    for index in 0..<row.count {
                        switch (row[index] as DatabaseValue).storage {
                        case .null: break
                        case .int64(let value): copied &+= Int(truncatingIfNeeded: value) & 1
                        case .double(let value): copied &+= value > 0 ? 1 : 0
                        case .string(let value): copied &+= value.utf8.count
                        case .blob(let value): copied &+= value.count
                        }
                    }
                }
            }
            return copied
        }
        // The same bytes written one at a time, each looked at as an escaping writer does.
        var out: [UInt8] = []
        out.reserveCapacity(body.count + 64)
        var escapes = 0
        for byte in body {
            switch byte {
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "\""): escapes += 1
            default: break
            }
            out.append(byte)
        }
        if !writes.isEmpty {
            try await pool.write { db in
                for statement in writes {
                    var arguments = statement.arguments
                    if let first = arguments.first, let id = String.fromDatabaseValue(first), id.count == 36 {
                        arguments[0] = UUID().uuidString.databaseValue
                    }
                    try db.cachedStatement(sql: statement.sql).execute(arguments: StatementArguments(arguments))
                }
            }
        }
        var headers: HTTPFields = [.contentType: contentType]
        headers[HTTPField.Name("X-Replay-Copied")!] = "\(copied + escapes)"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: out)))
    }
}
