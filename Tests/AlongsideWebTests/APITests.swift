import AlongsideCore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

@Suite("JSON API")
struct APITests {
    struct Token: Decodable { let token: String }
    struct ErrorBody: Decodable { let error: Bool; let reason: String }
    struct Wards: Decodable {
        struct Item: Decodable {
            struct Coordinator: Decodable { let name: String }
            let code: String
            let name: String
            let coordinator: Coordinator?
        }
        let items: [Item]
    }

    func token(_ app: Application, _ email: String, _ password: String = testPassword) async throws
        -> TestingHTTPResponse
    {
        try await app.testing().sendRequest(.POST, "/api/v1/tokens") { request in
            try request.content.encode(["email": email, "password": password], as: .json)
        }
    }

    func bearer(_ token: String) -> HTTPHeaders { ["Authorization": "Bearer \(token)"] }

    @Test func aTokenFromEmailAndPasswordListsTheCouncilsWardsOnly() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let council = try await factory.council()
            let other = try await factory.council("elsewhere", name: "Elsewhere Council")
            let amara = try await factory.staff(council, .coordinator, name: "Amara Okafor")
            try await factory.ward(council, code: "E05000001", name: "Northfield", coordinator: amara)
            try await factory.ward(council, code: "E05000002", name: "Southmead")
            try await factory.ward(other, code: "E05000003", name: "Not Ours")

            let response = try await token(app, amara.email)
            #expect(response.status == .created)
            let token = try response.content.decode(Token.self).token
            let wards = try await app.testing().sendRequest(.GET, "/api/v1/wards", headers: bearer(token))
            #expect(wards.status == .ok)
            let items = try wards.content.decode(Wards.self).items
            #expect(items.map(\.name) == ["Northfield", "Southmead"])
            #expect(items[0].coordinator?.name == "Amara Okafor")
            #expect(items[1].coordinator == nil)
        }
    }

    @Test func aWardOfAnotherCouncilIsNotFound() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let council = try await factory.council()
            let other = try await factory.council("elsewhere", name: "Elsewhere Council")
            let me = try await factory.staff(council, .teamLeader)
            let theirs = try await factory.ward(other, code: "E05000003", name: "Not Ours")
            let token = try await token(app, me.email).content.decode(Token.self).token
            let response = try await app.testing().sendRequest(
                .GET, "/api/v1/wards/\(theirs.id)", headers: bearer(token))
            #expect(response.status == .notFound)
            #expect(try response.content.decode(ErrorBody.self).error)
        }
    }

    @Test func noTokenOrABadTokenIsUnauthorisedAsJSON() async throws {
        try await withAlongside { app, _ in
            let none = try await app.testing().sendRequest(.GET, "/api/v1/wards")
            #expect(none.status == .unauthorized)
            #expect(try none.content.decode(ErrorBody.self).error)
            let bad = try await app.testing().sendRequest(.GET, "/api/v1/wards", headers: bearer("alg_nonsense"))
            #expect(bad.status == .unauthorized)
        }
    }

    @Test func wrongCredentialsGetNoToken() async throws {
        try await withAlongside { app, _ in
            let council = try await Factory(app: app).council()
            let me = try await Factory(app: app).staff(council, .coordinator)
            let response = try await token(app, me.email, "wrong password entirely")
            #expect(response.status == .unauthorized)
            #expect(try response.content.decode(ErrorBody.self).reason.contains("not right"))
            let malformed = try await app.testing().sendRequest(.POST, "/api/v1/tokens") { request in
                try request.content.encode(["nothing": "here"], as: .json)
            }
            #expect(malformed.status == .unprocessableEntity)
        }
    }

    @Test func aNetworkAnalystCannotListWards() async throws {
        try await withAlongside { app, _ in
            let council = try await Factory(app: app).council()
            let analyst = try await Factory(app: app).staff(council, .networkAnalyst)
            let token = try await token(app, analyst.email).content.decode(Token.self).token
            let response = try await app.testing().sendRequest(.GET, "/api/v1/wards", headers: bearer(token))
            #expect(response.status == .forbidden)
            #expect(try response.content.decode(ErrorBody.self).error)
        }
    }

    @Test func theSessionCookieDoesNotOpenTheAPI() async throws {
        try await withAlongside { app, _ in
            let council = try await Factory(app: app).council()
            let me = try await Factory(app: app).staff(council, .teamLeader)
            let browser = Browser(app)
            try await browser.signIn(me.email, password: testPassword)
            let response = try await browser.get("/api/v1/wards")
            #expect(response.status == .unauthorized)
        }
    }

    @Test func tokensExpire() async throws {
        try await withAlongside { app, clock in
            let council = try await Factory(app: app).council()
            let me = try await Factory(app: app).staff(council, .teamLeader)
            let token = try await token(app, me.email).content.decode(Token.self).token
            clock.advance(31 * 24 * 60 * 60)
            let response = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: bearer(token))
            #expect(response.status == .unauthorized)
        }
    }

    @Test func theOpenAPIDocumentDescribesEveryAPIRoute() async throws {
        try await withAlongside { app, _ in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            #expect((json["openapi"] as? String)?.hasPrefix("3.1") == true)
            let paths = try #require(json["paths"] as? [String: [String: Any]])
            var documented: Set<String> = []
            for (path, operations) in paths {
                for method in operations.keys where ["get", "post", "put", "patch", "delete"].contains(method) {
                    documented.insert("\(method.uppercased()) \(path)")
                }
            }
            var served: Set<String> = []
            for route in app.routes.all {
                let parts = route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }
                guard parts.starts(with: ["api", "v1"]) else { continue }
                served.insert("\(route.method.rawValue) /" + parts.dropFirst(2).joined(separator: "/"))
            }
            #expect(documented == served)
        }
    }
}
