import AlongsideCore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import AlongsideStore
@testable import AlongsideWeb

/// Why someone waits for the team leader, and how their introduction was routed, are kept as codes and
/// worded in the reader's language (issue 27): a resident introducing themselves in Welsh no longer writes
/// Welsh into a record an English-reading team leader opens, and the other way round.
@Suite("Queue reasons and route notes are codes, worded when shown")
struct RouteCodesTests {
    @Test func anIntroductionInWelshIsReadInEnglishByTheTeamLeaderAndInWelshByAWelshReader() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, _, leader, _) = try await factory.coveredCouncil("glanmor")
            try await CouncilStore(app.db).setLanguages([.english, .welsh], for: council.id)
            var draft = IntroductionDraft()
            draft.fullName = "Dafydd Evans"
            draft.postcode = "DE2 2BB"  // Southmead: no named coordinator
            draft.phone = "07700 900321"
            let person = try await Wording.$chosen.withValue(
                Wording(catalog: .installed, language: .welsh, offered: [.english, .welsh])
            ) {
                try await PeopleStore(app.db, councilID: council.id).introduce(
                    try draft.validated(today: Date()).get(), recordedBy: nil, at: clock.now
                ).person
            }
            let row = try #require(
                try await app.db.sql.raw(
                    "SELECT queue_reason FROM people WHERE id = \(bind: person.id.uuid)"
                ).first())
            #expect(try row.decode(column: "queue_reason", as: String.self) == "uncovered-ward")
            let note = try #require(
                try await PeopleStore(app.db, councilID: council.id).introductions(of: person.id).first)
            #expect(note.routeNote == "team-leader:uncovered-ward")

            let browser = Browser(app)
            try await browser.signIn(leader.email, password: testPassword)
            let team = try await browser.get("/team?lang=en").body.string
            #expect(team.contains("The ward has no named coordinator."))
            let record = try await browser.get("/people/\(person.id)").body.string
            #expect(record.contains("Sent to the team leader: The ward has no named coordinator."))
            let welsh = try await browser.get("/people/\(person.id)?lang=cy").body.string
            #expect(welsh.contains("Anfonwyd at arweinydd y tîm: Does gan y ward ddim cydlynydd a enwir."))
        }
    }

    @Test func sentencesWrittenBeforeCodesWereKeptBecomeCodesAndAnythingElseStaysAsWritten() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, _, _, _) = try await factory.coveredCouncil()
            let covered = try await factory.introduce(council, name: "Margaret Hale")
            let waiting = try await factory.introduce(council, name: "Sam Waiting", postcode: "DE2 2BB")
            let sql = try app.db.sql
            // As an earlier Alongside wrote them: sentences, one in Welsh, one a team leader's own words.
            try await sql.raw(
                "UPDATE people SET queue_reason = 'Does gan y ward ddim cydlynydd a enwir.' WHERE id = \(bind: waiting.id.uuid)"
            ).run()
            try await sql.raw(
                "UPDATE introductions SET route_note = 'Routed to the named coordinator for Northfield.' WHERE person_id = \(bind: covered.id.uuid)"
            ).run()
            try await sql.raw(
                "UPDATE introductions SET route_note = 'Sent to the team leader: The ward has no named coordinator.' WHERE person_id = \(bind: waiting.id.uuid)"
            ).run()
            try await StoreRouteCodes().prepare(on: app.db)
            let store = PeopleStore(app.db, councilID: council.id)
            #expect(try await store.find(waiting.id).queueReason == "uncovered-ward")
            #expect(try await store.introductions(of: covered.id).first?.routeNote == "coordinator:Northfield")
            #expect(try await store.introductions(of: waiting.id).first?.routeNote == "team-leader:uncovered-ward")
            #expect(
                IntroductionRoute.describe(note: "coordinator:Northfield")
                    == "Routed to the named coordinator for Northfield.")
            #expect(IntroductionRoute.describe(note: "Moved by hand") == "Moved by hand")
            #expect(IntroductionRoute.QueueReason.explain("Waiting for a call back") == "Waiting for a call back")
        }
    }
}
