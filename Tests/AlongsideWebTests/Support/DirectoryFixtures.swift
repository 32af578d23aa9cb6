import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import NIOFoundationEssentialsCompat
import Vapor

@testable import AlongsideDemo
@testable import AlongsideWeb

extension Factory {
    /// A council with two wards' worth of the demo directory (34 resources) and KV postcodes with centroids.
    func directoryCouncil(_ slug: String = "kestrel") async throws -> Council {
        let council = try await council(slug, name: "Kestrel \(slug)")
        let wards: [(code: String, name: String, postcodes: [PostcodeDirectory.Entry])] = [
            (
                "E05900001", "Abbey Fields",
                [
                    .init(postcode: Postcode("KV1 1AA")!, wardCode: "E05900001", latitude: 52.9, longitude: -1.47),
                    .init(postcode: Postcode("KV1 2BG")!, wardCode: "E05900001", latitude: 52.901, longitude: -1.47),
                ]
            ),
            (
                "E05900002", "Ashcombe",
                [.init(postcode: Postcode("KV2 1EJ")!, wardCode: "E05900002", latitude: 52.95, longitude: -1.40)]
            ),
        ]
        try await PostcodeStore(app.db).load(wards.flatMap(\.postcodes))
        var directory = DemoDirectory(
            councilID: council.id, wards: wards, today: Date(timeIntervalSince1970: 1_785_000_000))
        _ = try await directory.load(on: app.db)
        return council
    }
}

/// Reads an ORUK feed from the app in process, through its real routes and middleware.
struct AppFeed: ORUKFeed {
    let app: Application
    let base: String
    var name: String { base }

    func get(_ path: String) async throws -> Data? {
        let request = Request(
            application: app, method: .GET, url: URI(string: base + path), on: app.eventLoopGroup.next())
        let response = try await app.responder.respond(to: request).get()
        if response.status == .notFound { return nil }
        guard response.status == .ok, let body = response.body.buffer else {
            throw ORUKImport.Failure(["\(base + path) answered \(response.status.code)"])
        }
        return Data(buffer: body)
    }
}
