import AlongsideCore
import AlongsideStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AlongsideWeb

/// Cymraeg: a council in Wales offers Welsh beside English; residents and staff choose, and a person's
/// preferred language reaches their coordinator.
@Suite("Cymraeg: Alongside in Welsh and English")
struct WelshTests {
    static let welshBrowser: HTTPHeaders = ["Accept-Language": "cy-GB,cy;q=0.9,en-GB;q=0.8"]

    func welshCouncil(_ app: Application) async throws -> (Council, StaffMember, StaffMember) {
        let factory = Factory(app: app)
        let (council, coordinator, leader, _) = try await factory.coveredCouncil("glanmor")
        try await CouncilStore(app.db).setLanguages([.english, .welsh], for: council.id)
        return (council, coordinator, leader)
    }

    @Test func aResidentReadsInWelshIntroducesThemselvesAndTheCoordinatorSeesTheyPreferWelsh() async throws {
        try await withAlongside { app, _ in
            let (council, coordinator, _) = try await welshCouncil(app)
            let resident = Browser(app)
            resident.headers = Self.welshBrowser
            let page = try await resident.get("/introduce/glanmor")
            let html = page.body.string
            #expect(page.status == .ok)
            #expect(page.headers.first(name: .contentLanguage) == "cy-GB")
            #expect(page.headers[.vary].contains { $0.contains("Accept-Language") })
            #expect(html.contains("<html lang=\"cy-GB\">"))
            #expect(html.contains("Cyflwynwch eich hun neu rywun rydych chi&#39;n ei adnabod"))
            #expect(html.contains("href=\"/introduce/glanmor?lang=en\" hreflang=\"en-GB\" lang=\"en-GB\">English</a>"))
            #expect(!html.contains("Introduce yourself"), "no English left on the Welsh page")
            #expect(html.contains("value=\"cy\" checked"), "Welsh is the contact language a Welsh reader starts on")

            let missing = try await resident.post(
                "/introduce/glanmor", form: ["who": "me", "fullName": "", "phone": "07700 900123", "website": ""])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("Rhowch enw&#39;r person sy&#39;n cael ei gyflwyno."))
            #expect(missing.body.string.contains("Mae problem"))

            let sent = try await resident.post(
                "/introduce/glanmor",
                form: [
                    "who": "me", "fullName": "Gwenllian Hughes", "phone": "07700 900321", "postcode": "DE1 1AA",
                    "preferredLanguage": "cy", "whatMatters": "Hoffwn ymuno â chôr", "website": "",
                ])
            #expect(sent.status == .seeOther)
            let thanks = try await resident.get(sent.location ?? "").body.string
            #expect(thanks.contains("Diolch"))
            #expect(thanks.contains("Beth sy&#39;n digwydd nesaf"))

            let store = PeopleStore(app.db, councilID: council.id)
            let person = try await store.find(try #require(try await store.caseload(of: coordinator.id).first).id)
            #expect(person.fullName == "Gwenllian Hughes")
            #expect(person.preferredLanguage == .welsh)

            let staff = Browser(app)
            try await staff.signIn(coordinator.email, password: testPassword)
            let record = try await staff.get("/people/\(person.id)").body.string
            #expect(record.contains("<html lang=\"en-GB\">"), "staff read in English until they switch")
            #expect(record.contains("Prefers Welsh (Cymraeg)"))
            #expect(record.contains("Language for contact"))

            let api = try await app.testing().sendRequest(
                .GET, "/api/v1/people/\(person.id)", headers: try await PeopleAPITests().token(app, coordinator))
            #expect(api.body.string.contains("\"preferredLanguage\":\"cy\""))
        }
    }

    @Test func theChoiceIsRememberedAndCouncilsOfferingOnlyEnglishStayEnglish() async throws {
        try await withAlongside { app, _ in
            _ = try await welshCouncil(app)
            let visitor = Browser(app)
            let switched = try await visitor.get("/introduce/glanmor?lang=cy")
            #expect(switched.headers[.setCookie].contains { $0.hasPrefix("alongside-language=cy") })
            #expect(visitor.cookies["alongside-language"] == "cy")
            let later = try await visitor.get("/c/glanmor/directory", headers: ["Accept-Language": "en-GB"])
            #expect(later.body.string.contains("<html lang=\"cy-GB\">"), "the remembered choice beats the browser")
            #expect(later.body.string.contains("Dod o hyd i rywbeth yn agos atoch chi"))
            let forged = try await visitor.post("/introduce/glanmor", form: ["fullName": "X"], csrf: "")
            #expect(forged.status == .forbidden)
            #expect(
                forged.body.string.contains("Mae&#39;r ffurflen hon wedi dod i ben"), "even the form check speaks Welsh"
            )
            let back = try await visitor.get("/introduce/glanmor?lang=en")
            #expect(back.body.string.contains("<html lang=\"en-GB\">"))
            #expect(back.body.string.contains("hreflang=\"cy-GB\" lang=\"cy-GB\">Cymraeg</a>"))

            let factory = Factory(app: app)
            _ = try await factory.council("englishshire", name: "Englishshire Council")
            let english = try await Browser(app).get("/introduce/englishshire?lang=cy", headers: Self.welshBrowser)
            #expect(english.body.string.contains("<html lang=\"en-GB\">"))
            #expect(!english.body.string.contains("hreflang"), "no switch where only English is offered")
            #expect(english.headers[.setCookie].allSatisfy { !$0.hasPrefix("alongside-language") })

            let missing = try await Browser(app).get("/c/glanmor/directory/no-such-page", headers: Self.welshBrowser)
            #expect(missing.status == .notFound)
            #expect(missing.body.string.contains("Heb ddod o hyd i&#39;r dudalen"))
        }
    }

    @Test func aCoordinatorWorksInWelshWithWelshDatesAndCounts() async throws {
        try await withAlongside { app, _ in
            let (council, coordinator, _) = try await welshCouncil(app)
            let factory = Factory(app: app)
            let person = try await factory.introduce(council, name: "Dafydd Evans", dateOfBirth: "27/3/1958")
            let staff = Browser(app)
            try await staff.get("/sign-in?lang=cy")
            let signIn = try await staff.get("/sign-in")
            #expect(signIn.body.string.contains("Mewngofnodi"))
            try await staff.signIn(coordinator.email, password: testPassword)
            let caseload = try await staff.get("/caseload").body.string
            #expect(caseload.contains("<html lang=\"cy-GB\">"))
            #expect(caseload.contains("Fy llwyth achosion"))
            #expect(caseload.contains("1 person"))
            let record = try await staff.get("/people/\(person.id)").body.string
            #expect(record.contains("27 Mawrth 1958"))
            #expect(record.contains("Cofnodi sgwrs"))
            // The history is worded from its codes in the reader's language.
            #expect(record.contains("Cyflwynwyd."))
            #expect(!record.contains("became their coordinator") && !record.contains("Introduced."))
            // The measures are asked as published: the page says so in Welsh, and where a Welsh version is known.
            #expect(record.contains("mae SWEMWBS dan drwydded, ac nid yw Alongside yn cynnwys fersiwn Gymraeg"))
            #expect(record.contains("Arolwg Cenedlaethol Cymru"))

            // A council licensed to use the Welsh SWEMWBS loads its wording: the questions show in Welsh, and
            // the note goes for that measure only.
            let admin = try await factory.staff(council, .councilAdmin)
            let adminBrowser = Browser(app)
            try await adminBrowser.signIn(admin.email, password: testPassword)
            let keys = [
                "people.label.ive-been-feeling-optimistic-about-the", "people.label.ive-been-feeling-useful",
                "people.label.ive-been-feeling-relaxed", "people.label.ive-been-dealing-with-problems-well",
                "people.label.ive-been-thinking-clearly", "people.label.ive-been-feeling-close-to-other",
                "people.label.ive-been-able-to-make-up",
            ]
            let sheet =
                "key,form,english,translation,status\n"
                + keys.enumerated().map { "\($1),,x,Datganiad trwyddedig \($0 + 1),\n" }.joined()
                + "people.measure.loaded-source.swemwbs,,x,Ffynhonnell: fersiwn Gymraeg drwyddedig y cyngor,\n"
            let loaded = try await adminBrowser.upload(
                "/languages/cy/wording", field: "wording", filename: "wording.csv", contents: sheet)
            #expect(loaded.status == .seeOther)
            let reviewed = try await staff.get("/people/\(person.id)").body.string
            #expect(reviewed.contains("Datganiad trwyddedig 7"))
            #expect(!reviewed.contains("mae SWEMWBS dan drwydded"))
            // The source the council named is shown with them, and the measure's title is Welsh.
            #expect(reviewed.contains("Ffynhonnell: fersiwn Gymraeg drwyddedig y cyngor"))
            #expect(reviewed.contains("SWEMWBS: teimladau dros y pythefnos diwethaf"))
            // A reading missing an answer is told in Welsh, quoting the statement as the council worded it
            // (the message is made inside the change's transaction, which once lost the reader's language).
            let missing = try await staff.post(
                "/people/\(person.id)/measures",
                form: [
                    "kind": "swemwbs", "takenOn": "", "a1": "4", "a2": "4", "a3": "3", "a4": "3", "a5": "4", "a7": "2",
                ])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("Dewiswch ateb i gwestiwn 6: “Datganiad trwyddedig 6”"))
            #expect(reviewed.contains("Arolwg Cenedlaethol Cymru"), "ONS4 is still as published")
            // Read in English, the questions are as published and need no note.
            let english = try await staff.get("/people/\(person.id)?lang=en").body.string
            #expect(english.contains("Record a conversation"))
            #expect(!english.contains("as published"))
        }
    }

    @Test func aCouncilSuppliesItsOwnReviewedWordingWithoutTouchingCode() async throws {
        try await withAlongside { app, _ in
            let (council, _, _) = try await welshCouncil(app)
            let admin = try await Factory(app: app).staff(council, .councilAdmin)
            let browser = Browser(app)
            try await browser.signIn(admin.email, password: testPassword)
            let page = try await browser.get("/languages")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Offer Cymraeg (Welsh) beside English"))
            let sheet = try await browser.get("/languages/cy/wording.csv")
            #expect(sheet.headers.contentType?.subType == "csv")
            let text = sheet.body.string
            #expect(text.contains("key,form,english,translation,status"))
            #expect(text.contains("introduce.show.introduce-yourself-or-someone-you-know,,Introduce yourself"))

            let bad = """
                key,form,english,translation,status
                introduce.show.introduce-yourself-or-someone-you-know,,x,Croeso i chi,
                introduce.show.not-in,,x,Ddim yn byw yma?,
                """
            let refused = try await browser.upload(
                "/languages/cy/wording", field: "wording", filename: "wording.csv", contents: bad)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Row 3: Keep the names in braces as they are in the English"))
            let unchanged = try await Browser(app).get("/introduce/glanmor?lang=cy").body.string
            #expect(!unchanged.contains("Croeso i chi"), "one bad row and nothing changes")

            let good = """
                key,form,english,translation,status
                introduce.show.introduce-yourself-or-someone-you-know,,x,Croeso i chi,
                introduce.show.not-in,,x,Ddim yn byw yn {councilName}?,
                """
            let saved = try await browser.upload(
                "/languages/cy/wording", field: "wording", filename: "wording.csv", contents: good)
            #expect(saved.status == .seeOther)
            let reviewed = try await Browser(app).get("/introduce/glanmor?lang=cy").body.string
            #expect(reviewed.contains("<h1>Croeso i chi</h1>"))
            #expect(try await browser.get("/languages").body.string.contains("2 in your council&#39;s own wording"))

            try await browser.post("/languages/cy/wording/reset", form: [:])
            let shipped = try await Browser(app).get("/introduce/glanmor?lang=cy").body.string
            #expect(!shipped.contains("Croeso i chi"))

            try await browser.post("/languages", form: [:])
            #expect(try await CouncilStore(app.db).find(council.id)?.languages == [.english])
            let coordinator = try await Factory(app: app).staff(council, .coordinator)
            let other = Browser(app)
            try await other.signIn(coordinator.email, password: testPassword)
            #expect(try await other.get("/languages").status == .forbidden)
        }
    }

    /// Words are looked up for each request: a text kept in a `static let` would be frozen in the language of
    /// whoever reached it first, and every later reader would get it.
    @Test func wordsAreLookedUpForEachRequestNotFrozenByTheFirstReader() async throws {
        try await withAlongside { app, _ in
            let (council, coordinator, _) = try await welshCouncil(app)
            _ = council
            let welsh = Browser(app)
            try await welsh.get("/sign-in?lang=cy")
            let refusedInWelsh = try await welsh.post(
                "/sign-in", form: ["email": coordinator.email, "password": "wrong"])
            #expect(refusedInWelsh.body.string.contains("Nid yw&#39;r cyfeiriad e-bost neu&#39;r cyfrinair yn gywir"))
            let english = Browser(app)
            try await english.get("/sign-in")
            let refusedInEnglish = try await english.post(
                "/sign-in", form: ["email": coordinator.email, "password": "wrong"])
            #expect(refusedInEnglish.body.string.contains("The email address or password is not right"))
        }
    }

    /// What the store refuses reaches a Welsh reader in Welsh: the store looks its sentences up in the
    /// catalog, in the language of the request, rather than writing English of its own.
    @Test func theStoresRefusalsReachAWelshReaderInWelsh() async throws {
        try await withAlongside { app, _ in
            let (council, coordinator, _) = try await welshCouncil(app)
            let ward = try #require(try await WardStore(app.db, councilID: council.id).all().first)
            let staff = Browser(app)
            try await staff.get("/sign-in?lang=cy")
            try await staff.signIn(coordinator.email, password: testPassword)
            // Notes left empty: the page and the store say it with the same catalog sentence.
            let noNotes = try await staff.post(
                "/community/work", form: ["ward": ward.id.description, "kind": "met-a-group", "notes": ""])
            #expect(noNotes.status == .unprocessableEntity)
            #expect(noNotes.body.string.contains("Dywedwch beth ddigwyddodd, mewn hyd at 4,000 o nodau."))
            #expect(!noNotes.body.string.contains("Say what happened"))

            // A ward code the council already has, refused by the store with the code in the Welsh sentence.
            let admin = try await Factory(app: app).staff(council, .councilAdmin)
            let adminBrowser = Browser(app)
            try await adminBrowser.get("/sign-in?lang=cy")
            try await adminBrowser.signIn(admin.email, password: testPassword)
            let taken = try await adminBrowser.post("/wards", form: ["code": ward.code, "name": "Ward arall"])
            #expect(taken.status == .unprocessableEntity)
            #expect(taken.body.string.contains("Mae gan y cyngor hwn ward â&#39;r cod \(ward.code) eisoes."))
            #expect(!taken.body.string.contains("already has a ward"))

            // The same refusal, read in English, keeps its English wording.
            let english = Browser(app)
            try await english.signIn(admin.email, password: testPassword)
            let inEnglish = try await english.post("/wards", form: ["code": ward.code, "name": "Another ward"])
            #expect(inEnglish.body.string.contains("This council already has a ward with code \(ward.code)."))
        }
    }

    /// No `static let` in the sources holds a text from the catalog (`Wording.current(…)`): such a value is
    /// worked out once, in the language of the first request that reaches it.
    @Test func noStaticLetHoldsATranslatedText() throws {
        var found: [String] = []
        let root = URL(fileURLWithPath: packageRoot).appendingPathComponent("Sources")
        let files =
            FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        for file in files {
            let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
            var index = 0
            while index < lines.count {
                defer { index += 1 }
                guard lines[index].contains("static let ") else { continue }
                // The declaration: its first line, and on while brackets are open or the line ends in "=".
                var text = lines[index]
                var depth = text.filter { "([{".contains($0) }.count - text.filter { ")]}".contains($0) }.count
                var next = index + 1
                while next < lines.count && (depth > 0 || text.hasSuffix("=")) {
                    text += lines[next]
                    depth +=
                        lines[next].filter { "([{".contains($0) }.count
                        - lines[next].filter { ")]}".contains($0) }.count
                    next += 1
                }
                if text.contains("Wording.current(") { found.append("\(file.lastPathComponent):\(index + 1)") }
            }
        }
        #expect(found.isEmpty, "make these computed (static var … { … }): \(found)")
    }
}
