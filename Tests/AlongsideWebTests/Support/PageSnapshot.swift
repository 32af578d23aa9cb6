import AlongsideCore
import AlongsideStore
import Foundation
import SnapshotTesting
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// Who looks at a page in a snapshot: signed out, or signed in as one of the fixture's staff.
enum Viewer: String, CaseIterable, Sendable {
    case signedOut = "signed-out"
    case coordinator
    case teamLeader = "team-leader"
    case councilAdmin = "council-admin"
    case auditor
    case networkAnalyst = "network-analyst"
    case networkAdmin = "network-admin"
}

/// One page to snapshot: its name (the snapshot file's), the route it shows as registered
/// (`/people/:personID`: what `PageSnapshotTests.everyPageHasASnapshot` matches against `app.routes`), and
/// the address to open, made from the fixture's records.
struct PageShot: Sendable {
    let name: String
    let route: String
    let path: @Sendable (SnapshotFixture) -> String

    init(_ name: String, route: String, path: (@Sendable (SnapshotFixture) -> String)? = nil) {
        self.name = name
        self.route = route
        self.path = path ?? { _ in route }
    }
}

enum PageSnapshot {
    /// What a snapshot holds of a response: its status, content type and redirect, then the body with
    /// everything that differs from run to run scrubbed (`scrubbed(_:)`).
    static func text(_ response: TestingHTTPResponse) -> String {
        var head = "HTTP \(response.status.code)"
        if let type = response.headers.first(name: .contentType) { head += "\nContent-Type: \(type)" }
        if let location = response.headers.first(name: .location) { head += "\nLocation: \(scrubbed(location))" }
        var body = response.body.string
        if response.headers.contentType?.subType == "json" { body = readable(json: body) }
        return head + "\n\n" + scrubbed(body)
    }

    /// JSON laid out one field a line with its keys sorted, so a review reads a change as the lines that
    /// changed (the snapshot compares what the answer says, not how its keys happened to be ordered).
    static func readable(json text: String) -> String {
        guard let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]),
            let data = try? JSONSerialization.data(
                withJSONObject: value,
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        else { return text }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The one place a page's text is made the same on every run: the form token (a fresh secret for each
    /// session), a new two-step secret (as text and in its otpauth address), and a one-time link's token. Everything else (ids,
    /// dates, times) is pinned by the test's clock and id generator, so it is compared as it is.
    static func scrubbed(_ text: String) -> String {
        var text = text
        let rules: [(pattern: String, replacement: String)] = [
            (#"name="csrf" value="[^"]*""#, #"name="csrf" value="(form token)""#),
            (#"/password/pw_[A-Za-z0-9_-]+"#, "/password/(one-time token)"),
            (#"secret=[A-Z2-7]+"#, "secret=(two-step secret)"),
            (#"<strong><code>[A-Z2-7 ]+</code></strong>"#, "<strong><code>(two-step secret)</code></strong>"),
        ]
        for rule in rules {
            text = text.replacingOccurrences(of: rule.pattern, with: rule.replacement, options: .regularExpression)
        }
        return text
    }

    /// Opens `shot` as `browser` and compares it with its snapshot in `__Snapshots__/PageSnapshotTests/`,
    /// named `<viewer>.<name>.txt`.
    static func check(
        _ shot: PageShot, as label: String, with browser: Browser, fixture: SnapshotFixture,
        filePath: StaticString = #filePath, line: UInt = #line
    ) async throws {
        let response = try await browser.get(shot.path(fixture))
        assertSnapshot(of: text(response), as: .lines, named: shot.name, file: filePath, testName: label, line: line)
    }

    /// Compares a response already had (a refused form, an error) with its snapshot.
    static func check(
        _ response: TestingHTTPResponse, named name: String, as viewer: Viewer,
        filePath: StaticString = #filePath, line: UInt = #line
    ) {
        assertSnapshot(
            of: text(response), as: .lines, named: name, file: filePath, testName: viewer.rawValue, line: line)
    }
}
