import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// New introductions are visible at once: at the top of the coordinator's home page and caseload, and on
/// the Team page with how long each has waited; assigning offers the ward's named coordinator first and
/// takes a handover note.
@Suite("What is waiting")
struct WaitingTests {
    @Test func newPeopleWaitingForAFirstContactAreShownFirstWithHowLongTheyHaveWaited() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, leader, _) = try await factory.coveredCouncil()
            let margaret = try await factory.introduce(council, name: "Margaret Hale")  // 14 July 2026
            let seen = try await factory.introduce(council, name: "Bea Seen", phone: "07700 900301")
            let store = PeopleStore(app.db, councilID: council.id)
            try await store.addConversation(
                to: seen.id, by: coordinator.id, happenedOn: "2026-07-20", minutes: nil, place: .home, whoWasThere: "",
                notes: "", at: clock.now)
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let home = try await browser.get("/").body.string
            #expect(home.contains("New, waiting for a first contact"))
            #expect(home.contains(">Margaret Hale</a>") && !home.contains(">Bea Seen</a>"))
            #expect(home.contains("waiting 11 days") && home.contains("tag-warning"))
            let caseload = try await browser.get("/caseload").body.string
            let top = try #require(caseload.range(of: "New, waiting for a first contact"))
            let table = try #require(caseload.range(of: "<table"))
            #expect(top.lowerBound < table.lowerBound)
            // Once contacted, they are no longer new.
            try await store.addConversation(
                to: margaret.id, by: coordinator.id, happenedOn: "2026-07-26", minutes: nil, place: .phone,
                whoWasThere: "", notes: "", at: clock.now)
            #expect(!(try await browser.get("/").body.string.contains("New, waiting for a first contact")))

            // The team leader sees who waits; assigning from the queue offers the ward's coordinator first.
            try await factory.introduce(council, name: "Tom Reed", postcode: "ZZ9 9ZZ", phone: "07700 900302")
            let amara = try await factory.introduce(council, name: "Amara Bello", phone: "07700 900303")
            _ = try await store.assign(amara.id, to: nil, by: leader.id, at: clock.now)
            let lead = Browser(app)
            try await lead.signIn(leader.email, password: testPassword)
            let team = try await lead.get("/team").body.string
            #expect(team.contains("Amara Okafor (named coordinator for the ward)"))
            let assigned = try await lead.post(
                "/people/\(amara.id)/coordinator",
                form: [
                    "coordinator": coordinator.id.description, "note": "Prefers phone calls in the morning",
                    "next": "/team",
                ])
            #expect(assigned.status == .seeOther)
            let history = try await store.history(of: amara.id)
            #expect(history.contains { $0.summary.contains("Prefers phone calls in the morning") })
            let after = try await lead.get("/team").body.string
            // Assigned and not yet contacted, she is among the new introductions, with her coordinator.
            #expect(
                after.contains(
                    "<a href=\"/people/\(amara.id)\">Amara Bello</a></th><td data-label=\"Coordinator\">Amara Okafor</td>"
                ))
            #expect(
                try await lead.post(
                    "/people/\(amara.id)/coordinator",
                    form: ["coordinator": "none", "note": String(repeating: "x", count: 501)]
                ).status == .unprocessableEntity)
        }
    }
}
