import AlongsideCore
import AlongsideStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// Every page as each role sees it, from one fixed council (`SnapshotFixture`), compared line by line with
/// the text kept in `__Snapshots__/PageSnapshotTests/` (`<viewer>.<page>.txt`: the status, content type and
/// the page's HTML). A change to a page shows in review as a change to its snapshot; a change that should
/// not have changed a page fails here. A missing snapshot is written on the first run and the test fails
/// once; `SNAPSHOT_TESTING_RECORD=all` writes them all again after an intended change.
@Suite("Page snapshots")
struct PageSnapshotTests {
    /// The pages each viewer opens, in order (opening a record writes the audit entries later pages show).
    static let pages: [Viewer: [PageShot]] = [
        .signedOut: [
            PageShot("home", route: "/"),
            PageShot("sign-in", route: "/sign-in"),
            PageShot("forgot-password", route: "/sign-in/forgot"),
            PageShot("two-step-code", route: "/sign-in/code"),
            PageShot("password-link-unknown", route: "/password/:token") { _ in "/password/pw_unknown" },
            PageShot("introduce-choose", route: "/introduce"),
            PageShot("introduce", route: "/introduce/:council") { _ in "/introduce/testshire" },
            PageShot("introduce-thank-you", route: "/introduce/:council/thank-you") { _ in
                "/introduce/testshire/thank-you"
            },
            PageShot("council-choose", route: "/c"),
            PageShot("council-introduce", route: "/c/:council/introduce") { _ in "/c/testshire/introduce" },
            PageShot("council-introduce-thank-you", route: "/c/:council/introduce/thank-you") { _ in
                "/c/testshire/introduce/thank-you"
            },
            PageShot("directory-choose", route: "/directory"),
            PageShot("directory", route: "/directory/:council") { _ in "/directory/testshire" },
            PageShot("directory-search", route: "/directory/:council") { _ in "/directory/testshire?q=walk" },
            PageShot("directory-resource", route: "/directory/:council/resources/:resourceID") { f in
                "/directory/testshire/resources/\(f.resource)"
            },
            PageShot("council-directory", route: "/c/:council/directory") { _ in "/c/testshire/directory" },
            PageShot("council-directory-resource", route: "/c/:council/directory/resources/:resourceID") { f in
                "/c/testshire/directory/resources/\(f.resource)"
            },
            PageShot("caseload-redirect", route: "/caseload"),
            PageShot("health", route: "/health"),
            PageShot("health-live", route: "/health/live"),
            PageShot("not-found", route: "/no-such-page"),
        ],
        .coordinator: [
            PageShot("home", route: "/"),
            PageShot("caseload", route: "/caseload"),
            PageShot("person", route: "/people/:personID") { f in SitePath.person(.value(f.margaret.id)).path },
            PageShot("person-export", route: "/people/:personID/export") { f in
                SitePath.person(.value(f.margaret.id), .export).path
            },
            PageShot("person-export-json", route: "/people/:personID/export.json") { f in
                SitePath.person(.value(f.margaret.id), .exportJSON).path
            },
            PageShot("person-not-found", route: "/people/:personID") { _ in
                "/people/00000001-0009-0000-0000-000000000000"
            },
            PageShot("people-search", route: "/people/search") { _ in "/people/search?q=Hale" },
            PageShot("people-search-empty", route: "/people/search") { _ in "/people/search?q=Nobody" },
            PageShot("new-person", route: "/people/new"),
            PageShot("coverage", route: "/coverage"),
            PageShot("community-resources", route: "/community/resources"),
            PageShot("community-resource", route: "/community/resources/:resourceID") { f in
                SitePath.communityResource(.value(f.resource), .record).path
            },
            PageShot("community-resource-edit", route: "/community/resources/:resourceID/edit") { f in
                SitePath.communityResource(.value(f.resource), .edit).path
            },
            PageShot("community-resource-new", route: "/community/resources/new"),
            PageShot("community-review", route: "/community/resources/review"),
            PageShot("community-work", route: "/community/work"),
            PageShot("good-neighbours", route: "/good-neighbours"),
            PageShot("help-request", route: "/good-neighbours/requests/:requestID") { f in f.helpRequest },
            PageShot("volunteers", route: "/good-neighbours/volunteers"),
            PageShot("volunteer", route: "/good-neighbours/volunteers/:volunteerID") { f in f.volunteer },
            PageShot("volunteer-edit", route: "/good-neighbours/volunteers/:volunteerID/edit") { f in
                f.volunteer + "/edit"
            },
            PageShot("volunteer-new", route: "/good-neighbours/volunteers/new"),
            PageShot("practice", route: "/network/practice"),
            PageShot("practice-item", route: "/network/practice/:itemID") { f in f.practiceItem },
            PageShot("account", route: "/account"),
            PageShot("two-step-set-up", route: "/account/two-step"),
            PageShot("audit-forbidden", route: "/audit"),
            PageShot("dashboard-forbidden", route: "/dashboard"),
        ],
        .teamLeader: [
            PageShot("home", route: "/"),
            PageShot("team", route: "/team"),
            PageShot("caseload", route: "/caseload"),
            PageShot("person", route: "/people/:personID") { f in SitePath.person(.value(f.tom.id)).path },
            PageShot("merge", route: "/people/:personID/merge") { f in
                SitePath.person(.value(f.margaret.id), .merge).with(query: ["duplicate": "\(f.maggie.id)"])
            },
            PageShot("dashboard", route: "/dashboard"),
            PageShot("quarterly-report", route: "/dashboard/quarterly"),
            PageShot("sroi", route: "/sroi"),
            PageShot("sroi-report", route: "/sroi/reports/:reportID") { f in f.sroiReport },
            PageShot("sroi-report-csv", route: "/sroi/reports/:reportID/csv") { f in f.sroiReport + "/csv" },
            PageShot("sroi-report-json", route: "/sroi/reports/:reportID/json") { f in f.sroiReport + "/json" },
            PageShot("dashboard-csv", route: "/dashboard.csv"),
            PageShot("network-csv", route: "/network.csv"),
            PageShot("sroi-proxies", route: "/sroi/proxies"),
            PageShot("programmes", route: "/programmes"),
            PageShot("programme", route: "/programmes/:programmeID") { f in f.programme },
            PageShot("stories", route: "/stories"),
            PageShot("network", route: "/network"),
            PageShot("practice-new", route: "/network/practice/new"),
            // Last, as each export is written to the audit log: the subject access export, pinned whole.
            PageShot("person-export", route: "/people/:personID/export") { f in
                SitePath.person(.value(f.margaret.id), .export).path
            },
            PageShot("person-export-json", route: "/people/:personID/export.json") { f in
                SitePath.person(.value(f.margaret.id), .exportJSON).path
            },
        ],
        .councilAdmin: [
            PageShot("home", route: "/"),
            PageShot("staff", route: "/staff"),
            PageShot("staff-leave", route: "/staff/:staffID/leave") { f in
                SitePath.staffMember(.value(f.newcomer.id), .leave).path
            },
            PageShot("wards", route: "/wards"),
            PageShot("ward", route: "/wards/:wardID") { f in SitePath.ward(.value(f.northfield.id)).path },
            PageShot("ward-new", route: "/wards/new"),
            PageShot("settings", route: "/settings"),
            PageShot("languages", route: "/languages"),
            PageShot("wording-csv", route: "/languages/:language/wording.csv") { _ in "/languages/cy/wording.csv" },
        ],
        .auditor: [
            PageShot("home", route: "/"),
            PageShot("audit", route: "/audit"),
            PageShot("audit-csv", route: "/audit.csv"),
        ],
        .networkAnalyst: [
            PageShot("home", route: "/"),
            PageShot("network", route: "/network"),
        ],
        .networkAdmin: [
            PageShot("home", route: "/"),
            PageShot("network-councils", route: "/network/councils"),
        ],
    ]

    /// The Open Referral feed (JSON), signed out, at each of its three addresses.
    static let oruk: [PageShot] = ["/oruk", "/c/:council/oruk", "/councils/:council/oruk"].flatMap { base in
        let prefix = base.replacingOccurrences(of: ":council", with: "testshire")
        let label = base.replacingOccurrences(of: "/:council", with: "").dropFirst().replacingOccurrences(
            of: "/", with: "-")
        var shots = [
            PageShot("\(label)-root", route: base) { _ in prefix },
            PageShot("\(label)-openapi", route: base + "/openapi.json") { _ in prefix + "/openapi.json" },
        ]
        for list in ["services", "service_at_locations", "organizations", "taxonomies", "taxonomy_terms"] {
            shots.append(PageShot("\(label)-\(list)", route: "\(base)/\(list)") { _ in "\(prefix)/\(list)" })
            shots.append(
                PageShot("\(label)-\(list)-one", route: "\(base)/\(list)/:id") { f in
                    "\(prefix)/\(list)/\(f.oruk[list] ?? "")"
                })
        }
        return shots
    }

    /// The JSON API's reads, with a coordinator's token and a team leader's.
    static let api: [Viewer: [PageShot]] = [
        .coordinator: [
            PageShot("openapi", route: "/api/v1/openapi.json"),
            PageShot("me", route: "/api/v1/me"),
            PageShot("wards", route: "/api/v1/wards"),
            PageShot("ward", route: "/api/v1/wards/:wardID") { f in "/api/v1/wards/\(f.northfield.id)" },
            PageShot("people", route: "/api/v1/people"),
            PageShot("people-search", route: "/api/v1/people/search") { _ in "/api/v1/people/search?q=Hale" },
            PageShot("person", route: "/api/v1/people/:personID") { f in "/api/v1/people/\(f.margaret.id)" },
            PageShot("person-conversations", route: "/api/v1/people/:personID/conversations") { f in
                "/api/v1/people/\(f.margaret.id)/conversations"
            },
            PageShot("person-duplicates", route: "/api/v1/people/:personID/duplicates") { f in
                "/api/v1/people/\(f.margaret.id)/duplicates"
            },
            PageShot("person-entries", route: "/api/v1/people/:personID/entries/:entry") { f in
                "/api/v1/people/\(f.margaret.id)/entries/step"
            },
            PageShot("person-help-requests", route: "/api/v1/people/:personID/help-requests") { f in
                "/api/v1/people/\(f.margaret.id)/help-requests"
            },
            PageShot("person-relationships", route: "/api/v1/people/:personID/relationships") { f in
                "/api/v1/people/\(f.margaret.id)/relationships"
            },
            PageShot("person-steps", route: "/api/v1/people/:personID/steps") { f in
                "/api/v1/people/\(f.margaret.id)/steps"
            },
            PageShot("person-stories", route: "/api/v1/people/:personID/stories") { f in
                "/api/v1/people/\(f.margaret.id)/stories"
            },
        ],
        .teamLeader: [
            PageShot("figures", route: "/api/v1/figures") { _ in "/api/v1/figures?period=fy2026-q2" },
            PageShot("sroi-period", route: "/api/v1/sroi/period") { _ in
                "/api/v1/sroi/period?from=2026-01-01&to=2026-12-31"
            },
        ],
    ]

    /// GET routes with no snapshot, each with the reason. Every other GET route is snapshotted above, or
    /// `everyPageHasASnapshot` fails.
    static let notSnapshotted: [String: String] = [
        "/metrics": "Prometheus counters and latencies, which change with every request (HealthTests checks it)"
    ]

    static func check(_ viewer: Viewer) async throws {
        try await withAlongside { app, clock in
            let fixture = try await SnapshotFixture.make(app, clock)
            let browser = try await fixture.browser(app, as: viewer)
            for shot in pages[viewer] ?? [] {
                clock.advance(1)
                try await PageSnapshot.check(shot, as: viewer.rawValue, with: browser, fixture: fixture)
            }
        }
    }

    @Test func signedOut() async throws { try await Self.check(.signedOut) }
    @Test func openReferral() async throws {
        try await withAlongside { app, clock in
            let fixture = try await SnapshotFixture.make(app, clock)
            let browser = Browser(app)
            for shot in Self.oruk { try await PageSnapshot.check(shot, as: "oruk", with: browser, fixture: fixture) }
        }
    }
    @Test func api() async throws {
        try await withAlongside { app, clock in
            let fixture = try await SnapshotFixture.make(app, clock)
            for (viewer, shots) in Self.api.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let browser = Browser(app)
                let answer = try await app.testing().sendRequest(.POST, "/api/v1/tokens") {
                    try $0.content.encode(["email": fixture.member(viewer).email, "password": testPassword])
                }
                let token = try #require(try answer.content.decode([String: String].self)["token"])
                browser.headers = ["Authorization": "Bearer \(token)"]
                for shot in shots {
                    try await PageSnapshot.check(shot, as: "api-\(viewer.rawValue)", with: browser, fixture: fixture)
                }
            }
        }
    }
    @Test func coordinator() async throws { try await Self.check(.coordinator) }
    @Test func teamLeader() async throws { try await Self.check(.teamLeader) }
    @Test func councilAdmin() async throws { try await Self.check(.councilAdmin) }
    @Test func auditor() async throws { try await Self.check(.auditor) }
    @Test func networkAnalyst() async throws { try await Self.check(.networkAnalyst) }
    @Test func networkAdmin() async throws { try await Self.check(.networkAdmin) }

    /// Forms refused with their problems shown (as a phone shows them: the summary first, each field
    /// marked), an empty caseload, and the error pages a person can reach (403, 404, 429).
    @Test func refusedFormsEmptyListsAndErrors() async throws {
        try await withAlongside { app, clock in
            let fixture = try await SnapshotFixture.make(app, clock)
            let visitor = try await fixture.browser(app, as: .signedOut)
            try await visitor.get("/c/testshire/introduce")
            PageSnapshot.check(
                try await visitor.post("/c/testshire/introduce", form: ["fullName": "", "postcode": "not one"]),
                named: "introduce-refused", as: .signedOut)
            PageSnapshot.check(
                try await visitor.post("/sign-in", form: ["email": "amara@testshire.example", "password": "wrong"]),
                named: "sign-in-refused", as: .signedOut)
            let coordinator = try await fixture.browser(app, as: .coordinator)
            try await coordinator.get("/people/new")
            PageSnapshot.check(
                try await coordinator.post("/people/new", form: ["fullName": "", "dateOfBirth": "31/2/1990"]),
                named: "new-person-refused", as: .coordinator)
            let path = SitePath.person(.value(fixture.margaret.id)).path
            try await coordinator.get(path)
            PageSnapshot.check(
                try await coordinator.post(
                    path + "/conversations", form: ["happenedOn": "someday", "minutes": "9999", "notes": ""]),
                named: "conversation-refused", as: .coordinator)

            let newcomer = Browser(app)
            try await newcomer.signIn(fixture.newcomer.email, password: testPassword)
            PageSnapshot.check(try await newcomer.get("/caseload"), named: "caseload-empty", as: .coordinator)

            // The auditor turns on two-step sign-in; signing in again asks for a code.
            let auditor = try await fixture.browser(app, as: .auditor)
            let secret = try TwoStepTests.secret(in: try await auditor.get("/account/two-step").body.string)
            let code = TwoStep.codes.code(secret: secret, counter: OneTimeCode.counter(at: clock.now))
            #expect(try await auditor.post("/account/two-step", form: ["code": code]).status == .ok)
            let again = Browser(app)
            let first = try await again.signIn(fixture.member(.auditor).email, password: testPassword)
            #expect(first.location == "/sign-in/code")
            PageSnapshot.check(try await again.get("/sign-in/code"), named: "two-step-code", as: .auditor)
            PageSnapshot.check(
                try await again.post("/sign-in/code", form: ["code": "000000"]), named: "two-step-code-refused",
                as: .auditor)

            // Last: the throttle then refuses every sign-in from this address for a while.
            var throttled: TestingHTTPResponse?
            for _ in 0..<40 {
                let answer = try await visitor.post(
                    "/sign-in", form: ["email": "amara@testshire.example", "password": "wrong"])
                if answer.status == .tooManyRequests {
                    throttled = answer
                    break
                }
            }
            PageSnapshot.check(try #require(throttled), named: "sign-in-too-many-attempts", as: .signedOut)

        }
    }

    /// Every GET route the app registers has a page snapshot naming it, or a reason it has none.
    @Test func everyPageHasASnapshot() async throws {
        try await withAlongside { app, _ in
            let routes = Set(
                app.routes.all.filter { $0.method == .GET }.map { route in
                    "/" + route.path.map(\.description).joined(separator: "/")
                })
            let snapshotted = Set(
                (Self.pages.values.flatMap { $0 } + Self.oruk + Self.api.values.flatMap { $0 }).map(\.route))
            let missing = routes.subtracting(snapshotted).subtracting(Self.notSnapshotted.keys).sorted()
            #expect(missing.isEmpty, "GET routes with no page snapshot: \(missing.joined(separator: "\n"))")
            let stale = Set(Self.notSnapshotted.keys).subtracting(routes).sorted()
            #expect(stale.isEmpty, "allowed without a snapshot but not a route: \(stale)")
        }
    }
}
