import AlongsideCore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// Walks every registered route, pages and API, as each kind of caller, sending hostile values in every
/// query parameter and form field the code reads; the server must answer each with something other than
/// a server error, and still be serving afterwards. A value that traps (an overflow, a conversion of a
/// huge double to Int) ends the test process, so that fails too.
@Suite("No request can stop the server")
struct HostileValuesTests {
    /// Huge, negative, zero, not a number, very long, line breaks, NUL, and numbers Double cannot hold.
    static let hostile = [
        "9223372036854775807", "-9223372036854775808", "99999999999999999999999999", "-1", "0", "abc",
        String(repeating: "9", count: 4_000), "x\r\nSet-Cookie: hostile=1", "a\u{0}b", "1e308", "nan", "-inf",
    ]

    /// Every name a request is read by: the fields of the forms and queries the controllers decode, and the
    /// names read one at a time (`at: "…"`), found in the sources so that a field added later is walked too.
    static func fieldNames() throws -> [String] {
        let root = URL(fileURLWithPath: packageRoot).appendingPathComponent("Sources/AlongsideWeb")
        var names: Set<String> = ["page", "per", "per_page", "q", "next", "csrf"]
        let patterns = [#"var (\w+): (?:String|Int|Double|Decimal|Bool|\[String\])\?"#, #"at: "(\w+)""#]
        let expressions = try patterns.map { try NSRegularExpression(pattern: $0) }
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for expression in expressions {
                for match in expression.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    if let range = Range(match.range(at: 1), in: text) { names.insert(String(text[range])) }
                }
            }
        }
        // The SROI form numbers its outcomes' fields.
        for index in 0..<3 {
            for field in ["proxyValue", "deadweight", "displacement", "attribution", "dropOff", "durationYears"] {
                names.insert("o\(index)_\(field)")
            }
        }
        names.remove("csrf")
        return names.sorted()
    }

    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    /// The route's path with each parameter filled in: a real id of the caller's council where there is one.
    static func path(_ route: Route, ids: [String: String], fallback: String) -> String {
        "/"
            + route.path.map { component -> String in
                switch component {
                case .constant(let text): return text
                case .parameter(let name): return ids[name] ?? fallback
                case .anything, .catchall: return fallback
                }
            }.joined(separator: "/")
    }

    @Test func everyRouteAnswersHostileValuesWithoutAServerError() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, coordinator, leader, northfield) = try await factory.coveredCouncil()
            let admin = try await factory.staff(council, .councilAdmin)
            let auditor = try await factory.staff(council, .auditor)
            let network = try await factory.staff(council, .networkAdmin)
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let ids = [
                "personID": person.id.description, "wardID": northfield.id.description,
                "council": council.slug, "staffID": coordinator.id.description,
            ]
            let names = try Self.fieldNames()
            let skipped: Set<String> = ["/sign-out", "/account/password"]
            let routes = app.routes.all.filter {
                !skipped.contains("/" + $0.path.map(\.description).joined(separator: "/"))
            }
            #expect(routes.count > 150)

            var callers: [(String, Browser?, HTTPHeaders)] = [("anonymous", nil, [:])]
            for member in [coordinator, leader, admin, auditor, network] {
                let browser = Browser(app)
                try await browser.signIn(member.email, password: testPassword)
                let token =
                    try await app.testing().sendRequest(
                        .POST, "/api/v1/tokens",
                        beforeRequest: {
                            try $0.content.encode(["email": member.email, "password": testPassword])
                        }
                    ).content.decode([String: String].self)["token"] ?? ""
                callers.append((member.role.rawValue, browser, ["Authorization": "Bearer \(token)"]))
            }

            var failures: [String] = []
            for route in routes {
                for value in Self.hostile {
                    let fields = names.map { "\(Self.encode($0))=\(Self.encode(value))" }.joined(separator: "&")
                    for (who, browser, bearer) in callers {
                        let base = Self.path(route, ids: ids, fallback: Self.encode(value))
                        let status: HTTPStatus
                        if route.method == .GET || route.method == .DELETE {
                            let target = base + "?" + fields
                            if let browser, !base.hasPrefix("/api/") {
                                status = try await browser.get(target).status
                            } else {
                                status = try await app.testing().sendRequest(route.method, target, headers: bearer)
                                    .status
                            }
                        } else if base.hasPrefix("/api/") {
                            var headers = bearer
                            headers.contentType = .json
                            let body =
                                "{" + names.map { "\"\($0)\": \"\(value.jsonEscaped)\"" }.joined(separator: ",") + "}"
                            status = try await app.testing().sendRequest(
                                route.method, base, headers: headers, body: ByteBuffer(string: body)
                            ).status
                        } else if let browser {
                            var form: [String: String] = [:]
                            for name in names { form[name] = value }
                            status = try await browser.post(base, form: form).status
                        } else {
                            var headers = HTTPHeaders()
                            headers.contentType = .urlEncodedForm
                            status = try await app.testing().sendRequest(
                                route.method, base, headers: headers, body: ByteBuffer(string: fields)
                            ).status
                        }
                        if status.code >= 500 {
                            failures.append(
                                "\(route.method) \(route.path.map(\.description).joined(separator: "/")) as \(who) with \(value.prefix(30).debugDescription): \(status.code)"
                            )
                        }
                    }
                }
            }
            let report = "\(failures.count) server errors:\n" + failures.prefix(40).joined(separator: "\n")
            #expect(failures.isEmpty, Comment(rawValue: report))
            // Still serving, the database still answering.
            #expect(try await app.testing().sendRequest(.GET, "/health/live").status == .ok)
            #expect(try await app.testing().sendRequest(.GET, "/health").status == .ok)
        }
    }

    @Test(arguments: [
        "/c/testshire/directory?page=9223372036854775807", "/c/testshire/directory?page=-9223372036854775808",
        "/oruk/services?page=9223372036854775807",
    ])
    func aHugePageNumberIsAClearProblem(path: String) async throws {
        try await withAlongside { app, _ in
            _ = try await Factory(app: app).coveredCouncil()
            let response = try await app.testing().sendRequest(.GET, path)
            #expect([.badRequest, .unprocessableEntity].contains(response.status), "\(path)")
            #expect(!response.body.string.contains("Something went wrong"))
        }
    }

    @Test func aHugePageOfTheAPIAndTheAuditLogIsAClearProblem() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, _, leader, _) = try await factory.coveredCouncil()
            let person = try await factory.introduce(council, name: "Margaret Hale")
            let auditor = try await factory.staff(council, .auditor)
            let token =
                try await app.testing().sendRequest(
                    .POST, "/api/v1/tokens",
                    beforeRequest: {
                        try $0.content.encode(["email": leader.email, "password": testPassword])
                    }
                ).content.decode([String: String].self)["token"] ?? ""
            let headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]
            for path in [
                "/api/v1/people?page=9223372036854775807",
                "/api/v1/people/\(person.id)/conversations?page=9223372036854775807",
                "/api/v1/people?per=abc",
            ] {
                let response = try await app.testing().sendRequest(.GET, path, headers: headers)
                #expect(response.status == .unprocessableEntity, "\(path)")
                #expect(response.body.string.contains("page") || response.body.string.contains("per"))
            }
            let browser = Browser(app)
            try await browser.signIn(auditor.email, password: testPassword)
            let audit = try await browser.get("/audit?page=9223372036854775807")
            #expect(audit.status == .unprocessableEntity)
            #expect(try await browser.get("/audit?page=2").status == .ok)
        }
    }
}

extension String {
    /// The text as it goes inside a JSON string.
    var jsonEscaped: String {
        var result = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
