import AlongsideCore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

@Suite("SROI on the command line and over HTTP")
struct SROICommandTests {
    static let model = """
        {"investment": 5000, "discountRate": 0.035, "discountFirstYear": true, "outcomes": [{"name": "Fewer GP visits", "quantity": 10, "proxyValue": 1000, "deadweight": 0.1, "displacement": 0, "attribution": 0.2, "durationYears": 2, "dropOff": 0.5}]}
        """

    struct Figures: Decodable, Equatable {
        struct Year: Decodable, Equatable { let year: Int; let value: Decimal }
        let presentValue: Decimal
        let ratio: Decimal
        let paybackMonths: Decimal
        let years: [Year]
    }

    static let expected = Figures(
        presentValue: Decimal(string: "10317.16")!, ratio: Decimal(string: "2.0634")!,
        paybackMonths: Decimal(string: "8.33")!, years: [.init(year: 1, value: 7200), .init(year: 2, value: 3600)])

    @Test func theCommandPrintsTheFiguresOfTheWorkedExample() async throws {
        try await withAlongside { app, _ in
            let path = NSTemporaryDirectory() + "sroi-\(UUID()).json"
            try Self.model.write(toFile: path, atomically: true, encoding: .utf8)
            let output = try await app.run(["sroi", path])
            let figures = try JSONDecoder().decode(Figures.self, from: Data(output.utf8))
            #expect(figures == Self.expected)
            try "{\"investment\": -1, \"outcomes\": []}".write(toFile: path, atomically: true, encoding: .utf8)
            await #expect {
                try await app.run(["sroi", path])
            } throws: { error in
                String(describing: error).contains("investment must be more than 0")
            }
        }
    }

    @Test func theAPIGivesTheSameResult() async throws {
        try await withAlongside { app, _ in
            let council = try await Factory(app: app).council()
            let leader = try await Factory(app: app).staff(council, .teamLeader)
            let token = try await app.testing().sendRequest(.POST, "/api/v1/tokens") {
                try $0.content.encode(["email": leader.email, "password": testPassword], as: .json)
            }.content.decode(APITests.Token.self).token
            var headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]
            headers.contentType = .json
            let response = try await app.testing().sendRequest(
                .POST, "/api/v1/sroi/calculate", headers: headers, body: ByteBuffer(string: Self.model))
            #expect(response.status == .ok)
            let figures = try JSONDecoder().decode(Figures.self, from: Data(response.body.readableBytesView))
            #expect(figures == Self.expected)
            let bad = try await app.testing().sendRequest(
                .POST, "/api/v1/sroi/calculate", headers: headers, body: ByteBuffer(string: "{\"investment\": 5000}"))
            #expect(bad.status == .unprocessableEntity)
            #expect(try bad.content.decode(APITests.ErrorBody.self).reason.contains("outcomes is missing"))
        }
    }
}
