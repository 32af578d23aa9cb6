import AlongsideCore
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

@Suite("Roles on pages")
struct RoleTests {
    @Test func signedOutVisitorsAreSentToSignIn() async throws {
        try await withAlongside { app, _ in
            for path in ["/", "/coverage", "/wards"] {
                let response = try await app.testing().sendRequest(.GET, path)
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.location?.hasPrefix("/sign-in") == true)
            }
        }
    }

    @Test(arguments: [
        (Role.coordinator, "/coverage", HTTPStatus.ok), (.coordinator, "/wards", .forbidden),
        (.teamLeader, "/coverage", .ok), (.teamLeader, "/wards", .forbidden),
        (.councilAdmin, "/coverage", .ok), (.councilAdmin, "/wards", .ok),
        (.auditor, "/coverage", .ok), (.auditor, "/wards", .forbidden),
        (.networkAnalyst, "/coverage", .forbidden), (.networkAnalyst, "/wards", .forbidden),
    ])
    func eachRoleSeesOnlyItsPages(role: Role, path: String, expected: HTTPStatus) async throws {
        try await withAlongside { app, _ in
            let council = try await Factory(app: app).council()
            let member = try await Factory(app: app).staff(council, role)
            let browser = Browser(app)
            try await browser.signIn(member.email, password: testPassword)
            let response = try await browser.get(path)
            #expect(response.status == expected)
            if expected == .forbidden {
                #expect(response.body.string.contains("You cannot see this page"))
            }
        }
    }

    @Test func aCoordinatorCannotReassignAWard() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let council = try await factory.council()
            let coordinator = try await factory.staff(council, .coordinator)
            let ward = try await factory.ward(council, code: "E05000001", name: "Northfield")
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let response = try await browser.post(
                "/wards/\(ward.id)/coordinator", form: ["coordinator": coordinator.id.description])
            #expect(response.status == .forbidden)
        }
    }
}
