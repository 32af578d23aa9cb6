import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// How residents reach the team (the public thank-you page's phone number, hours and out-of-hours line) is
/// a council setting: checked, every problem at once, saved with its audit entry, only by the council admin.
@Suite("How residents reach the team")
struct PublicContactSettingsTests {
    @Test func theAdminSetsThePhoneHoursAndOutOfHoursLineEachChangeAudited() async throws {
        try await withAlongside { app, _ in
            let (council, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            let admin = try await Factory(app: app).staff(council, .councilAdmin)
            let browser = Browser(app)
            try await browser.signIn(admin.email, password: testPassword)
            let page = try await browser.get("/settings").body.string
            #expect(page.contains("How residents reach the team"))
            #expect(page.contains("action=\"/settings/public-contact\""))

            // Every problem at once, with what was typed kept; nothing saved.
            let refused = try await browser.post(
                "/settings/public-contact",
                form: [
                    "publicPhone": "call us", "publicHours": String(repeating: "9 to 5 ", count: 40),
                    "outOfHoursPhone": "0800 123 456 789 012 345 678",
                ])
            #expect(refused.status == .unprocessableEntity)
            let html = refused.body.string
            #expect(html.contains("href=\"#publicPhone\"") && html.contains("href=\"#outOfHoursPhone\""))
            #expect(html.contains("href=\"#publicHours\""))
            #expect(html.contains("Enter a phone number of 7 to 15 digits"))
            #expect(html.contains("Write the hours on one line, in 150 characters or fewer."))
            #expect(html.contains("value=\"call us\""))
            #expect(try await CouncilStore(app.db).publicContact(of: council.id) == Council.PublicContact())
            let lineBreak = try await browser.post(
                "/settings/public-contact", form: ["publicPhone": "", "publicHours": "9am\nto 5pm"])
            #expect(lineBreak.status == .unprocessableEntity)

            let saved = try await browser.post(
                "/settings/public-contact",
                form: [
                    "publicPhone": " 01632 960 000 ", "publicHours": "Monday to Friday, 9am to 5pm",
                    "outOfHoursPhone": "+44 (0)1632 960999",
                ])
            #expect(saved.status == .seeOther)
            let contact = try await CouncilStore(app.db).publicContact(of: council.id)
            #expect(contact.phone == "01632 960 000")
            #expect(contact.hours == "Monday to Friday, 9am to 5pm")
            #expect(contact.outOfHoursPhone == "+44 (0)1632 960999")
            #expect(try await browser.get("/settings").body.string.contains("value=\"01632 960 000\""))
            let audit = try await AuditStore(app.db, councilID: council.id).entries(by: admin.id)
            #expect(
                audit.contains {
                    $0.words
                        == "Set how residents reach the team: phone 01632 960 000; hours Monday to Friday, 9am to 5pm; out-of-hours line +44 (0)1632 960999"
                })

            // Emptied again: the thank-you page offers no number.
            #expect(
                try await browser.post(
                    "/settings/public-contact", form: ["publicPhone": "", "publicHours": "", "outOfHoursPhone": ""]
                ).status == .seeOther)
            #expect(try await CouncilStore(app.db).publicContact(of: council.id) == Council.PublicContact())

            let other = Browser(app)
            try await other.signIn(coordinator.email, password: testPassword)
            #expect(
                try await other.post("/settings/public-contact", form: ["publicPhone": "01632 960 111"]).status
                    == .forbidden)
        }
    }

    @Test func aCouncilOfferingWelshWritesItsHoursInWelshForWelshReaders() async throws {
        try await withAlongside { app, _ in
            let (council, _, _, _) = try await Factory(app: app).coveredCouncil()
            let admin = try await Factory(app: app).staff(council, .councilAdmin)
            let browser = Browser(app)
            try await browser.signIn(admin.email, password: testPassword)
            // Not asked while the council offers English only; what was typed for it is not taken.
            #expect(!(try await browser.get("/settings").body.string.contains("name=\"publicHoursWelsh\"")))
            #expect(
                try await browser.post(
                    "/settings/public-contact",
                    form: [
                        "publicPhone": "01632 960 000", "publicHours": "9am to 5pm", "publicHoursWelsh": "9yb i 5yh",
                    ]
                ).status == .seeOther)
            #expect(try await CouncilStore(app.db).publicContact(of: council.id).hoursWelsh == "")

            try await CouncilStore(app.db).setLanguages([.english, .welsh], for: council.id)
            #expect(try await browser.get("/settings").body.string.contains("name=\"publicHoursWelsh\""))
            let refused = try await browser.post(
                "/settings/public-contact",
                form: ["publicPhone": "01632 960 000", "publicHours": "9am to 5pm", "publicHoursWelsh": "9yb\ni 5yh"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("href=\"#publicHoursWelsh\""))
            #expect(
                try await browser.post(
                    "/settings/public-contact",
                    form: [
                        "publicPhone": "01632 960 000", "publicHours": "Monday to Friday, 9am to 5pm",
                        "publicHoursWelsh": "Dydd Llun i ddydd Gwener, 9yb i 5yh",
                    ]
                ).status == .seeOther)

            // The thank-you page gives each reader the hours in their language.
            let english = Browser(app)
            let englishPage = try await english.get("/introduce/testshire/thank-you").body.string
            #expect(englishPage.contains("(Monday to Friday, 9am to 5pm)"))
            let welsh = Browser(app)
            let welshPage = try await welsh.get("/introduce/testshire/thank-you?lang=cy").body.string
            #expect(welshPage.contains("(Dydd Llun i ddydd Gwener, 9yb i 5yh)"))
            #expect(!welshPage.contains("Monday to Friday"))
        }
    }

    @Test func phoneNumbersAndHoursAreCheckedInCore() {
        func problems(_ phone: String, _ hours: String = "", _ outOfHours: String = "") -> [String] {
            switch Council.PublicContact.checked(phone: phone, hours: hours, outOfHoursPhone: outOfHours) {
            case .success: return []
            case .failure(let validation): return validation.problems.compactMap(\.field)
            }
        }
        #expect(problems("01632 960000").isEmpty)
        #expect(problems("+44 1632 960000").isEmpty)
        #expect(problems("").isEmpty)
        #expect(problems("123456") == ["publicPhone"])
        #expect(problems("1632+960000") == ["publicPhone"])
        #expect(problems("0800 FLOWERS") == ["publicPhone"])
        #expect(problems("٠١٦٣٢ ٩٦٠٠٠٠") == ["publicPhone"])
        #expect(
            problems("01632 960000", String(repeating: "x", count: 151), "999") == ["outOfHoursPhone", "publicHours"])
    }
}
