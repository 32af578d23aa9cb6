// The people list API (`GET /api/v1/people?page=1&per=50` as a team leader) served from Alongside's own SQLite
// file by Hummingbird 2 and GRDB 7, to measure what Vapor, SQLKit and SQLiteNIO cost on the same request
// (issue 28). Throwaway: it knows one request, one token and the demo's schema; see docs/BENCHMARKS.md.
//
//     Prototype DATABASE PORT TOKEN TOKEN_DIGEST [REPLAY_FOLDER]
//
// What it does per request, as Alongside does: finds the bearer token's member of staff and council (one
// statement here; Alongside: three), counts the council's people, reads the page of 50 by name, writes
// the JSON, and writes the audit entry in its own transaction. Statements are prepared once a connection
// and reused (`cachedStatement`), rows are read by column index, and the JSON is written directly into
// bytes. The SHA-256 of the token is not worked out: the digest is given on the command line (about a
// microsecond of Alongside's request).
//
// Routes: /health/live (plain text, as Alongside's), /api/v1/people (GRDB + JSON written directly),
// /api/v1/people-codable (GRDB, the same DTO through Foundation's JSONEncoder, as Vapor encodes it), and
// /replay/{page} (Replay.swift): any page of Alongside's replayed from what one of its requests did, its
// statements through GRDB prepared once and the same bytes written, for the pages not prototyped by hand.
import Foundation
import GRDB
import Hummingbird
import NIOCore

let arguments = CommandLine.arguments
guard arguments.count == 5 || arguments.count == 6, let port = Int(arguments[2]) else {
    print("usage: Prototype DATABASE PORT TOKEN TOKEN_DIGEST [REPLAY_FOLDER]")
    exit(2)
}
let token = arguments[3]
let tokenDigest = arguments[4]

var configuration = Configuration()
// As Alongside's connections wait (busy_timeout 5000): without it, a write that meets Alongside's own
// housekeeping, or a checkpoint, answers 500.
configuration.busyMode = .timeout(5)
configuration.prepareDatabase { db in
    try db.execute(sql: "PRAGMA cache_size = -16000")
}
let pool = try DatabasePool(path: arguments[1], configuration: configuration)

struct Staff: Sendable {
    let id: String
    let councilID: String
}

struct Person: Sendable {
    var id = ""
    var fullName = ""
    var preferredName = ""
    var dateOfBirth: String? = nil
    var ageBand: String? = nil
    var phone: String? = nil
    var email: String? = nil
    var contactPreference: String? = nil
    var preferredLanguage: String? = nil
    var address: String? = nil
    var postcode = ""
    var wardID: String? = nil
    var household: String? = nil
    var ownWords: String? = nil
    var categories = ""
    var level = 0
    var stage = ""
    var endReason: String? = nil
    var coordinatorID: String? = nil
    var queueReason: String? = nil
    var createdAt = 0.0
    var lastContactAt: Double? = nil
    var nextStepDue: String? = nil
}

enum SQL {
    static let staff = """
        SELECT "staff"."id", "staff"."council_id" FROM "api_tokens" \
        JOIN "staff" ON "staff"."id" = "api_tokens"."staff_id" \
        JOIN "councils" ON "councils"."id" = "staff"."council_id" \
        WHERE "api_tokens"."token_digest" = ? AND "api_tokens"."expires_at" > ? AND "staff"."active" = 1 LIMIT 1
        """
    static let count = """
        SELECT COUNT(*) AS "n" FROM "people" WHERE "council_id" = ? AND "merged_into_id" IS NULL
        """
    static let page = """
        SELECT "id", "full_name", "preferred_name", "date_of_birth", "age_band", "phone", "email", \
        "contact_preference", "preferred_language", "address", "postcode", "ward_id", "household", "own_words", \
        "categories", "level", "stage", "end_reason", "coordinator_id", "queue_reason", "created_at", \
        "last_contact_at", "next_step_due" FROM "people" WHERE "council_id" = ? AND "merged_into_id" IS NULL \
        ORDER BY "full_name" ASC, "id" ASC LIMIT ? OFFSET ?
        """
    static let audit = """
        INSERT INTO "audit_entries" ("id", "council_id", "staff_id", "person_id", "action", "detail", "reason", \
        "address", "at") VALUES (?, ?, ?, NULL, 'search', ?, NULL, ?, ?)
        """
}

func person(_ row: Row) -> Person {
    var p = Person()
    p.id = row[0]
    p.fullName = row[1]
    p.preferredName = row[2]
    p.dateOfBirth = row[3]
    p.ageBand = row[4]
    p.phone = row[5]
    p.email = row[6]
    p.contactPreference = row[7]
    p.preferredLanguage = row[8]
    p.address = row[9]
    p.postcode = row[10]
    p.wardID = row[11]
    p.household = row[12]
    p.ownWords = row[13]
    p.categories = row[14]
    p.level = row[15]
    p.stage = row[16]
    p.endReason = row[17]
    p.coordinatorID = row[18]
    p.queueReason = row[19]
    p.createdAt = row[20]
    p.lastContactAt = row[21]
    p.nextStepDue = row[22]
    return p
}

func read(page: Int, per: Int, digest: String) async throws -> (Staff, Int, [Person])? {
    try await pool.read { db in
        guard
            let staffRow = try Row.fetchOne(
                db.cachedStatement(sql: SQL.staff), arguments: [digest, Date().timeIntervalSince1970])
        else { return nil }
        let staff = Staff(id: staffRow[0], councilID: staffRow[1])
        let total = try Int.fetchOne(db.cachedStatement(sql: SQL.count), arguments: [staff.councilID]) ?? 0
        var people: [Person] = []
        people.reserveCapacity(per)
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: SQL.page), arguments: [staff.councilID, per, (page - 1) * per])
        while let row = try rows.next() { people.append(person(row)) }
        return (staff, total, people)
    }
}

func audit(_ staff: Staff, page: Int) async throws {
    try await pool.write { db in
        try db.cachedStatement(sql: SQL.audit).execute(arguments: [
            UUID().uuidString, staff.councilID, staff.id, "Listed people through the API, page \(page)",
            "127.0.0.1", Date().timeIntervalSince1970,
        ])
    }
}

// MARK: JSON written directly, the same bytes as Vapor's JSONEncoder gives for Alongside's PersonDTO.

struct JSONBytes {
    var bytes: [UInt8] = []

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
            case UInt8(ascii: "/"): bytes.append(contentsOf: [92, 47])
            case 0x0A: bytes.append(contentsOf: [92, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [92, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func optional(_ text: String?) {
        if let text { string(text) } else { raw("null") }
    }

    mutating func int(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    mutating func date(_ seconds: Double) { string(isoDate(seconds)) }
}

func isoDate(_ seconds: Double) -> String {
    var time = time_t(seconds.rounded(.down))
    var parts = tm()
    gmtime_r(&time, &parts)
    func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
        + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
}

func categories(_ stored: String) -> [Substring] {
    stored.split(separator: ",")
}

/// Keys in PersonDTO's declaration order, nil fields left out, as Alongside's `JSONBytes` writes them.
func writeJSON(_ staff: Staff, page: Int, per: Int, total: Int, people: [Person]) -> [UInt8] {
    var out = JSONBytes()
    out.bytes.reserveCapacity(700 * people.count + 100)
    out.raw("{\"items\":[")
    for (index, p) in people.enumerated() {
        if index > 0 { out.raw(",") }
        let details = p.coordinatorID == staff.id
        out.raw("{\"id\":")
        out.string(p.id.lowercased())
        out.raw(",\"fullName\":")
        out.string(p.fullName)
        out.raw(",\"preferredName\":")
        out.string(p.preferredName)
        out.raw(",\"detailsShown\":")
        out.raw(details ? "true" : "false")
        if details {
            if let v = p.dateOfBirth { out.raw(",\"dateOfBirth\":"); out.string(v) }
            if let v = p.phone { out.raw(",\"phone\":"); out.string(v) }
            if let v = p.email { out.raw(",\"email\":"); out.string(v) }
            if let v = p.contactPreference { out.raw(",\"contactPreference\":"); out.string(v) }
            if let v = p.preferredLanguage { out.raw(",\"preferredLanguage\":"); out.string(v) }
            if let v = p.address { out.raw(",\"address\":"); out.string(v) }
        }
        out.raw(",\"postcode\":")
        out.string(p.postcode)
        if let v = p.wardID { out.raw(",\"wardID\":"); out.string(v.lowercased()) }
        if details {
            if let v = p.household { out.raw(",\"household\":"); out.string(v) }
            if let v = p.ownWords { out.raw(",\"ownWords\":"); out.string(v) }
        }
        out.raw(",\"categories\":[")
        for (k, c) in categories(p.categories).enumerated() {
            if k > 0 { out.raw(",") }
            out.string(String(c))
        }
        out.raw("],\"level\":")
        out.int(p.level)
        out.raw(",\"stage\":")
        out.string(p.stage)
        if let v = p.endReason { out.raw(",\"endReason\":"); out.string(v) }
        if let v = p.coordinatorID { out.raw(",\"coordinatorID\":"); out.string(v.lowercased()) }
        if let v = p.queueReason { out.raw(",\"queueReason\":"); out.string(v) }
        out.raw(",\"createdAt\":")
        out.date(p.createdAt)
        if let v = p.lastContactAt { out.raw(",\"lastContactAt\":"); out.date(v) }
        if let v = p.nextStepDue { out.raw(",\"nextStepDue\":"); out.string(v) }
        out.raw("}")
    }
    out.raw("],\"metadata\":{\"page\":")
    out.int(page)
    out.raw(",\"per\":")
    out.int(per)
    out.raw(",\"total\":")
    out.int(total)
    out.raw(",\"pageCount\":")
    out.int(per < 1 ? 0 : total / per + (total % per == 0 ? 0 : 1))
    out.raw("}}")
    return out.bytes
}

// MARK: The same DTO through Foundation's JSONEncoder.

struct PersonDTO: Encodable {
    let id: String
    let fullName: String
    let preferredName: String
    let detailsShown: Bool
    let dateOfBirth: String?
    let phone: String?
    let email: String?
    let contactPreference: String?
    let preferredLanguage: String?
    let address: String?
    let postcode: String
    let wardID: String?
    let household: String?
    let ownWords: String?
    let categories: [String]
    let level: Int
    let stage: String
    let endReason: String?
    let coordinatorID: String?
    let queueReason: String?
    let createdAt: Date
    let lastContactAt: Date?
    let nextStepDue: String?
    let version: Int?
}

struct PagedDTO: Encodable {
    struct Metadata: Encodable {
        let page: Int
        let per: Int
        let total: Int
        let pageCount: Int
    }
    let items: [PersonDTO]
    let metadata: Metadata
}

func codableJSON(_ staff: Staff, page: Int, per: Int, total: Int, people: [Person]) throws -> [UInt8] {
    let items = people.map { p in
        let details = p.coordinatorID == staff.id
        return PersonDTO(
            id: p.id.lowercased(), fullName: p.fullName, preferredName: p.preferredName, detailsShown: details,
            dateOfBirth: details ? p.dateOfBirth : nil, phone: details ? p.phone : nil, email: details ? p.email : nil,
            contactPreference: details ? p.contactPreference : nil,
            preferredLanguage: details ? p.preferredLanguage : nil, address: details ? p.address : nil,
            postcode: p.postcode, wardID: p.wardID?.lowercased(), household: details ? p.household : nil,
            ownWords: details ? p.ownWords : nil, categories: categories(p.categories).map(String.init), level: p.level,
            stage: p.stage, endReason: p.endReason, coordinatorID: p.coordinatorID?.lowercased(), queueReason: p.queueReason,
            createdAt: Date(timeIntervalSince1970: p.createdAt),
            lastContactAt: p.lastContactAt.map { Date(timeIntervalSince1970: $0) }, nextStepDue: p.nextStepDue,
            version: nil)
    }
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    return Array(
        try encoder.encode(
            PagedDTO(
                items: items,
                metadata: .init(
                    page: page, per: per, total: total,
                    pageCount: per < 1 ? 0 : total / per + (total % per == 0 ? 0 : 1)))))
}

// MARK: Routes

func people(_ request: Request, encode: @Sendable (Staff, Int, Int, Int, [Person]) throws -> [UInt8]) async throws
    -> Response
{
    guard let header = request.headers[.authorization], header == "Bearer \(token)" else {
        return Response(status: .unauthorized)
    }
    let page = max(1, request.uri.queryParameters.get("page", as: Int.self) ?? 1)
    let per = min(100, max(1, request.uri.queryParameters.get("per", as: Int.self) ?? 50))
    guard let (staff, total, people) = try await read(page: page, per: per, digest: tokenDigest) else {
        return Response(status: .unauthorized)
    }
    let body = try encode(staff, page, per, total, people)
    try await audit(staff, page: page)
    return Response(
        status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(bytes: body)))
}

let router = Router()
router.get("/health/live") { _, _ in
    Response(
        status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
}
router.get("/api/v1/people") { request, _ in try await people(request, encode: writeJSON) }
router.get("/api/v1/people-codable") { request, _ in try await people(request, encode: codableJSON) }
let replays = arguments.count == 6 ? try Replay.load(folder: arguments[5]) : [:]
router.get("/replay/:page") { _, context in
    guard let name = context.parameters.get("page"), let replay = replays[name] else {
        return Response(status: .notFound)
    }
    return try await replay.respond(pool)
}

let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
