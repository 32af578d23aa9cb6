import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// The council's settings have a page of their own: each change is checked, saved with its audit entry, and
/// a refused value comes back with what to fix; only the council admin reaches it.
@Suite("Council settings")
struct SettingsTests {
    @Test func theAdminChangesSettingsOnTheirOwnPageEachChangeAudited() async throws {
        try await withAlongside { app, _ in
            let (council, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let admin = try await Factory(app: app).staff(council, .councilAdmin)
            let browser = Browser(app)
            try await browser.signIn(admin.email, password: testPassword)
            let home = try await browser.get("/").body.string
            #expect(home.contains("href=\"/settings\""))
            let page = try await browser.get("/settings").body.string
            #expect(page.contains("<h1>Settings</h1>") && page.contains("value=\"28\""))
            #expect(try await browser.get("/wards").body.string.contains("href=\"/settings\""))
            let refused = try await browser.post(
                "/settings/network", form: ["shareWithNetwork": "yes", "annualInvestment": "lots"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("value=\"lots\"") && refused.body.string.contains("error-message"))
            #expect(try await CouncilStore(app.db).find(council.id)?.sharesWithNetwork == false)
            #expect(
                try await browser.post(
                    "/settings/network", form: ["shareWithNetwork": "yes", "annualInvestment": "250000"]
                )
                .status == .seeOther)
            #expect(
                try await browser.post("/settings/caseload", form: ["noContactDays": "99999999999999999999"]).status
                    == .unprocessableEntity)
            #expect(try await browser.post("/settings/caseload", form: ["noContactDays": "21"]).status == .seeOther)
            let audit = try await AuditStore(app.db, councilID: council.id).entries(by: admin.id)
            #expect(audit.contains { $0.words == "Shared published figures with the Network" })
            #expect(audit.contains { $0.words == "Set the not-seen period to 21 days" })
            #expect(!audit.contains { $0.words.contains("99999") })
            // Nobody else reaches the settings.
            let other = Browser(app)
            try await other.signIn(coordinator.email, password: testPassword)
            #expect(try await other.get("/settings").status == .forbidden)
            #expect(try await other.post("/settings/two-step", form: ["requireTwoStep": "yes"]).status == .forbidden)
        }
    }
}
