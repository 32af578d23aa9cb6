import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// The forms and API of staff, steps and Good Neighbours show every problem with what was sent at once, each
/// beside its box with what was typed kept, and save nothing.
@Suite("Every problem at once: staff, steps and Good Neighbours forms")
struct EveryProblemAtOnceWebTests {
    struct Refusal: Decodable { let error: Bool; let reason: String }

    @Test func theInviteFormShowsEveryProblemAtOnceTheTakenEmailTooAndInvitesNobody() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let council = try await factory.council()
            let admin = try await factory.staff(council, .councilAdmin, name: "Sam Admin")
            let browser = Browser(app)
            try await browser.signIn(admin.email, password: testPassword)
            let before = try await StaffStore(app.db).accounts(councilID: council.id).count
            let bad = try await browser.post(
                "/staff/invite", form: ["inviteName": " ", "inviteEmail": "nobody", "inviteRole": "boss"])
            #expect(bad.status == .unprocessableEntity)
            let page = bad.body.string
            #expect(page.contains("Enter their name (up to 120 characters)."))
            #expect(page.contains("Enter their email address, like name@council.gov.uk."))
            #expect(page.contains("Choose a role from the list."))
            // An address that already has an account is told beside the other problems, not after them.
            let taken = try await browser.post(
                "/staff/invite", form: ["inviteName": "", "inviteEmail": admin.email, "inviteRole": "coordinator"])
            #expect(taken.status == .unprocessableEntity)
            #expect(taken.body.string.contains("Enter their name (up to 120 characters)."))
            #expect(taken.body.string.contains("This address already has an account"))
            #expect(taken.body.string.contains("value=\"\(admin.email)\""))
            #expect(try await StaffStore(app.db).accounts(councilID: council.id).count == before)
        }
    }

    @Test func theStaffStoreRefusesEveryProblemTogetherAndATakenEmailAloneIsAConflict() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let council = try await factory.council()
            let admin = try await factory.staff(council, .councilAdmin)
            let store = StaffStore(app.db)
            do {
                _ = try await store.create(
                    councilID: council.id, email: admin.email, name: "", role: .coordinator, passwordHash: "x")
                Issue.record("A member with no name was made")
            } catch let validation as AlongsideValidation {
                #expect(
                    validation.problems.compactMap { $0 as? StaffProblem } == [
                        .nameMissing, .accountExists(email: admin.email),
                    ])
            }
            do {
                _ = try await store.create(
                    councilID: council.id, email: "not an email", name: " ", role: .coordinator, passwordHash: "x")
                Issue.record("A member with no name or email was made")
            } catch let validation as AlongsideValidation {
                #expect(validation.problems.compactMap { $0 as? StaffProblem } == [.nameMissing, .emailMissing])
            }
            await #expect(throws: StaffProblem.accountExists(email: admin.email)) {
                _ = try await store.create(
                    councilID: council.id, email: admin.email.uppercased(), name: "Again", role: .coordinator,
                    passwordHash: "x")
            }
            #expect(try await store.accounts(councilID: council.id).count == 1)
        }
    }

    @Test func theNewCouncilFormShowsTheCouncilsAndItsFirstAdminsProblemsTogether() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let host = try await factory.council()
            let networkAdmin = try await factory.staff(host, .networkAdmin)
            let browser = Browser(app)
            try await browser.signIn(networkAdmin.email, password: testPassword)
            let bad = try await browser.post(
                "/network/councils",
                form: [
                    "councilName": "", "slug": "9 bad", "adminName": "", "adminEmail": "dee", "adminPassword": "short",
                ])
            #expect(bad.status == .unprocessableEntity)
            let page = bad.body.string
            #expect(page.contains("Use 2 to 40 lower-case letters"))
            #expect(page.contains("Enter the council"))
            #expect(page.contains("Enter a name of up to 120 characters."))
            #expect(page.contains("Enter an email address like name@council.gov.uk."))
            #expect(page.contains("Use at least"))
            #expect(try await CouncilStore(app.db).find(slug: "9 bad") == nil)
        }
    }

    @Test func theStepFormAndTheAPIShowEveryProblemAtOnceAndAddNoStep() async throws {
        try await withAlongside { app, _ in
            let (council, coordinator, _, person, browser, path, _) = try await Factory(app: app).signedInOnARecord()
            let bad = try await browser.post(path + "/steps", form: ["what": " ", "who": "Maggie", "dueOn": "soon"])
            #expect(bad.status == .unprocessableEntity)
            let page = bad.body.string
            #expect(page.contains("id=\"what-error\"") && page.contains("Say what the step is."))
            #expect(page.contains("id=\"dueOn-error\""))
            #expect(page.contains("value=\"Maggie\""))
            let long = try await browser.post(
                path + "/steps", form: ["what": String(repeating: "x", count: 501), "dueOn": "31/2/2026"])
            #expect(long.status == .unprocessableEntity)
            #expect(long.body.string.contains("Keep the step under 500 characters, and who under 120."))
            #expect(long.body.string.contains("id=\"dueOn-error\""))

            let headers = try await PeopleAPITests().token(app, coordinator)
            let refused = try await app.testing().sendRequest(
                .POST, "/api/v1/people/\(person.id)/steps", headers: headers
            ) {
                try $0.content.encode(PeopleAPI.StepRequest(what: "", who: nil, dueOn: "soon"))
            }
            #expect(refused.status == .unprocessableEntity)
            let reason = try refused.content.decode(Refusal.self).reason
            #expect(reason.contains("Say what the step is.") && reason.contains("or leave it empty."))
            #expect(try await PeopleStore(app.db, councilID: council.id).steps(of: person.id).isEmpty)

            // A vision with two parts too long is refused with both, over the API as on the page.
            let tooMuch = String(repeating: "x", count: 5_001)
            let vision = try await app.testing().sendRequest(
                .PUT, "/api/v1/people/\(person.id)/vision", headers: headers
            ) {
                try $0.content.encode(
                    PeopleAPI.VisionDTO(vision: tooMuch, strengths: "", giftsAndInterests: tooMuch, whatMatters: ""))
            }
            #expect(vision.status == .unprocessableEntity)
            let parts = try vision.content.decode(Refusal.self).reason
            #expect(parts.components(separatedBy: "Use at most 5000 characters here.").count == 3)
            let onThePage = try await browser.post(
                path + "/vision", form: ["vision": tooMuch, "strengths": tooMuch, "version": "0"])
            #expect(onThePage.status == .unprocessableEntity)
            #expect(try await PeopleStore(app.db, councilID: council.id).vision(of: person.id).isEmpty)
        }
    }

    @Test func theCheckFormShowsEveryProblemBesideItsBoxKeepsWhatWasTypedAndRecordsNothing() async throws {
        try await withAlongside { app, _ in
            let (council, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let added = try await browser.post(
                "/good-neighbours/volunteers",
                form: [
                    "volunteerName": "Dev Cleared", "volunteerPostcode": "DE1 1AA", "travel": "3",
                    "helpsWith[]": "shopping", "days[]": "TU",
                ])
            let dev = try #require(added.headers.first(name: .location))
            let bad = try await browser.post(
                dev + "/checks", form: ["kind": "", "issuedOn": "last spring", "expiresOn": "soon"])
            #expect(bad.status == .unprocessableEntity)
            let page = bad.body.string
            #expect(page.contains("id=\"kind-error\"") && page.contains("Choose the kind of check."))
            #expect(
                page.contains("id=\"issuedOn-error\"") && page.contains("Enter the day it was issued, like 3/4/2026."))
            #expect(
                page.contains("id=\"expiresOn-error\"") && page.contains("Enter the day it expires, like 3/4/2029."))
            #expect(page.contains("value=\"last spring\"") && page.contains("value=\"soon\""))
            // Both days read, but the expiry is not after the issue: told beside the expiry, the kind kept.
            let backwards = try await browser.post(
                dev + "/checks", form: ["kind": "basic", "issuedOn": "1/1/2026", "expiresOn": "1/1/2025"])
            #expect(backwards.status == .unprocessableEntity)
            #expect(backwards.body.string.contains("Enter the day it expires, after it was issued."))
            #expect(backwards.body.string.contains("<option value=\"basic\" selected>"))
            let volunteers = try await GoodNeighbourStore(app.db, councilID: council.id).volunteers()
            #expect(volunteers.flatMap(\.checks).isEmpty)
        }
    }

    @Test func aRequestForHelpIsRefusedWithEveryProblemOnThePageTheAPIAndTheStore() async throws {
        try await withAlongside { app, clock in
            let (council, coordinator, _, person, browser, _, _) = try await Factory(app: app).signedInOnARecord()
            let bad = try await browser.post(
                "/people/\(person.id)/help-requests",
                form: ["helpKind": "", "helpNeededOn": "31/2/2026", "helpDetails": " "])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Choose the kind of help"))
            #expect(bad.body.string.contains("Say what help is needed"))
            #expect(bad.body.string.contains("id=\"helpNeededOn-error\""))

            let scheme = GoodNeighbourStore(app.db, councilID: council.id)
            do {
                _ = try await scheme.raise(
                    for: person, kind: .shopping, details: "", neededOn: "someday", needsClearance: false,
                    by: coordinator.id, at: clock.now)
                Issue.record("A request with no details was raised")
            } catch let validation as AlongsideValidation {
                #expect(
                    validation.problems.compactMap { $0 as? GoodNeighbourProblem } == [
                        .helpDetailsMissing, .helpDayUnreadable,
                    ])
            }
            #expect(try await scheme.requests(for: person.id).isEmpty)

            let request = try await scheme.raise(
                for: person, kind: .shopping, details: "A weekly shop", neededOn: "2026-08-04", needsClearance: false,
                by: coordinator.id, at: clock.now)
            let headers = try await PeopleAPITests().token(app, coordinator)
            let refused = try await app.testing().sendRequest(
                .PATCH, "/api/v1/people/\(person.id)/help-requests/\(request.id)", headers: headers
            ) { try $0.content.encode(["details": " ", "neededOn": "31/02/2026"], as: .json) }
            #expect(refused.status == .unprocessableEntity)
            let reason = try refused.content.decode(Refusal.self).reason
            #expect(reason.contains("Say what help is needed") && reason.contains("like 3/4/2026"))
            #expect(try await scheme.request(request.id).details == "A weekly shop")
        }
    }
}
