import AlongsideCore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import AlongsideStore
@testable import AlongsideWeb

/// The audit log stores codes, never sentences (issue 23): an entry is a catalog key and its values, worded
/// when it is read in the reader's language; an entry written before keeps its words as written.
@Suite("The audit log stores codes, worded when read")
struct AuditCodesTests {
    static let welsh = Wording(catalog: .installed, language: .welsh, offered: [.english, .welsh])
    static let english = Wording(catalog: .installed, language: .english, offered: [.english, .welsh])

    @Test func anEntryWrittenByAnEnglishReaderReadsInWelshForAWelshReaderAndItsRowHoldsNoSentence() async throws {
        try await withAlongside { app, _ in
            let factory = Factory(app: app)
            let (council, _, leader, _) = try await factory.coveredCouncil()
            try await CouncilStore(app.db).setLanguages([.english, .welsh], for: council.id)
            let auditor = try await factory.staff(council, .auditor, name: "Ola Auditor")
            let person = try await factory.introduce(council, name: "Margaret Hale")

            let lead = Browser(app)
            try await lead.signIn(leader.email, password: testPassword)
            #expect(try await lead.get("/people/\(person.id)?lang=en").status == .ok)

            let row = try #require(
                try await app.db.sql.raw(
                    """
                    SELECT detail, detail_code, detail_values, detail_api FROM audit_entries \
                    WHERE person_id = \(bind: person.id.uuid) AND action = 'view'
                    """
                ).first())
            #expect(try row.decode(column: "detail", as: String.self) == "")
            #expect(try row.decode(column: "detail_code", as: String.self) == "api.message.opened-the-record")
            #expect(try row.decode(column: "detail_values", as: String.self) == "[]")
            #expect(try row.decode(column: "detail_api", as: Bool?.self) == false)

            let reader = Browser(app)
            try await reader.signIn(auditor.email, password: testPassword)
            let welsh = try await reader.get("/audit?person=\(person.id)&lang=cy").body.string
            #expect(welsh.contains("Wedi agor y cofnod"))
            #expect(!welsh.contains("Opened the record"))
            let csv = try await reader.get("/audit.csv?person=\(person.id)&lang=cy").body.string
            #expect(csv.contains("Wedi agor y cofnod"))
            let english = try await reader.get("/audit?person=\(person.id)&lang=en").body.string
            #expect(english.contains("Opened the record"))
            #expect(!english.contains("Wedi agor y cofnod"))

            // The auditor's own search is a code too, with the filters as typed for its values.
            let own = try await AuditStore(app.db, councilID: council.id).entries(by: auditor.id)
            let search = try #require(own.first { $0.action == .search })
            #expect(search.detail.code == "audit.page.searched-the-audit-log")
            // Whom the auditor sought is the reason (where erasing them reaches it), not among the values.
            #expect(search.detail.values == [])
            #expect(search.reason == person.id.description)
            #expect(Wording.$chosen.withValue(Self.welsh) { search.words } == "Wedi chwilio'r cofnod archwilio")
        }
    }

    /// A council's own wording (an uploaded Welsh sheet) changes the pages, never what the log's past entries
    /// say: the log is worded from the shipped catalog only (review finding).
    @Test func aCouncilsOwnWordingDoesNotRewordTheAuditLog() throws {
        let key = "rights.page.erased-the-record"
        let rewritten = Wording(
            catalog: .installed, language: .welsh, offered: [.english, .welsh],
            overrides: [key: Phrase("Dim byd i'w weld yma"), "staff.page.changed-role": Phrase("{0} {1} {2} dim")])
        #expect(rewritten(key) == "Dim byd i'w weld yma")
        let erased = Wording.$chosen.withValue(rewritten) { AuditWording.words(.key(key)) }
        #expect(erased == Self.welsh(key))
        #expect(erased != "Dim byd i'w weld yma")
        let role = AuditEntry.Detail.key("staff.page.changed-role", "Amara Okafor", "coordinator", "team-leader")
        let shipped = Wording.$chosen.withValue(Self.welsh) { AuditWording.words(role) }
        #expect(Wording.$chosen.withValue(rewritten) { AuditWording.words(role) } == shipped)
    }

    /// Values that are codes (a role, a proxy's kind, an entry's kind) are worded with the sentence.
    @Test func valuesThatAreCodesAreWordedInTheReadersLanguageToo() throws {
        let role = AuditEntry.Detail.key("staff.page.changed-role", "Amara Okafor", "coordinator", "team-leader")
        for wording in [Self.english, Self.welsh] {
            let expected = Wording.$chosen.withValue(wording) {
                wording(
                    "staff.page.changed-role", "Amara Okafor", Role.coordinator.title, Role.teamLeader.title)
            }
            #expect(Wording.$chosen.withValue(wording) { AuditWording.words(role) } == expected)
        }
        let struck = AuditEntry.Detail.key("people.entry.struck-out", Correction.Entry.measure.rawValue)
        #expect(
            Wording.$chosen.withValue(Self.english) { AuditWording.words(struck) } == "Struck out: A wellbeing reading")
        let proxy = AuditEntry.Detail.key(
            "sroi.audit.proxy", RecordedOutcome.Kind.allCases[0].rawValue, Decimal(string: "1250.5")!, 2024)
        let proxyWords = Wording.$chosen.withValue(Self.welsh) { AuditWording.words(proxy) }
        #expect(proxyWords.contains(Wording.$chosen.withValue(Self.welsh) { RecordedOutcome.Kind.allCases[0].label }))
        #expect(proxyWords.contains(Money.text(Decimal(string: "1250.5")!)))
        // Through the API: the same words, marked.
        #expect(
            Wording.$chosen.withValue(Self.welsh) {
                AuditWording.words(AuditEntry.Detail.key("api.message.opened-the-record").throughAPI)
            } == "Wedi agor y cofnod (API)")
        // A code the catalog does not know is shown as it is, never an error.
        #expect(AuditWording.words(.key("no.such.code", 3)) == "no.such.code (3)")
        #expect(AuditWording.words(.key("no.such.code")) == "no.such.code")
    }

    @Test func anEntryWrittenBeforeCodesShowsItsWordsAsWritten() async throws {
        try await withAlongside { app, clock in
            let factory = Factory(app: app)
            let (council, coordinator, _, _) = try await factory.coveredCouncil()
            try await CouncilStore(app.db).setLanguages([.english, .welsh], for: council.id)
            let auditor = try await factory.staff(council, .auditor)
            let person = try await factory.introduce(council, name: "Margaret Hale")
            // As an earlier Alongside wrote it: the words, and no code.
            try await app.db.sql.insert(into: "audit_entries")
                .columns("id", "council_id", "staff_id", "person_id", "action", "detail", "reason", "address", "at")
                .values(
                    SQLBind(app.db.newID()), SQLBind(council.id.uuid), SQLBind(coordinator.id.uuid),
                    SQLBind(person.id.uuid), SQLBind("view"), SQLBind("Looked at the record the old way"),
                    SQLBind(String?.none), SQLBind(String?.none), SQLBind(clock.now)
                )
                .run()
            let entries = try await AuditStore(app.db, councilID: council.id).entries(about: person.id)
            let legacy = try #require(entries.first { $0.detail.written != nil })
            #expect(legacy.detail.written == "Looked at the record the old way")
            #expect(Wording.$chosen.withValue(Self.welsh) { legacy.words } == "Looked at the record the old way")
            let reader = Browser(app)
            try await reader.signIn(auditor.email, password: testPassword)
            #expect(
                try await reader.get("/audit?person=\(person.id)&lang=cy").body.string.contains(
                    "Looked at the record the old way"))
        }
    }

    /// No code in the web layer or the store passes a sentence (a `Wording` result or a string literal) as
    /// an audit entry's detail: it passes a key and values (`.key(…)`), worded when read.
    @Test func noAuditEntryIsWrittenAsASentence() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        // `detail:`, `audit:` (an invitation's) and `handedOver:` followed by words, and a detail made as words.
        let sentence = try Regex(
            #"\b(?:detail|audit|handedOver)\s*:\s*(?:Wording[.(]|wording\(|"|\(export)|let detail\s*=\s*(?:\n\s*)?(?:Wording|")"#
        ).wordBoundaryKind(.simple)
        // The pattern finds what the log was written with before (issue 23).
        for before in [
            #"detail: Wording.current("people.page.recorded-consent")"#, #"detail: "Switched \(member.name) back on""#,
            #"handedOver: "Returned to the team leader""#, #"let detail = Wording.current("x")"#,
            #"audit: Wording.current("staff.invite.audit", name)"#,
        ] {
            #expect(before.contains(sentence), "\(before)")
        }
        var scanned = 0
        var coded = 0
        var found: [String] = []
        for folder in ["Sources/AlongsideWeb", "Sources/AlongsideStore"] {
            let directory = root.appendingPathComponent(folder)
            let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
            while let file = files?.nextObject() as? URL {
                guard file.pathExtension == "swift" else { continue }
                let text = try String(contentsOf: file, encoding: .utf8)
                scanned += 1
                for match in text.matches(of: try Regex(#"\.key\(\s*"([a-z0-9-]+\.[a-z0-9.-]+)""#)) {
                    coded += 1
                    let code = String(match.output[1].substring ?? "")
                    // Every code is in the catalog, in English and in Welsh.
                    for language in [Language.english, .welsh]
                    where StringCatalog.installed.phrase(code, in: language) == nil {
                        found.append("\(file.lastPathComponent): \(code) is not in the catalog (\(language))")
                    }
                }
                for match in text.matches(of: sentence) {
                    let start = text[..<match.range.lowerBound].lastIndex(of: "\n") ?? text.startIndex
                    let line = text[start..<match.range.upperBound].trimmingCharacters(in: .whitespacesAndNewlines)
                    found.append("\(file.lastPathComponent): \(line)")
                }
            }
        }
        #expect(scanned > 100)
        #expect(coded > 80)
        #expect(found.isEmpty, "Write an audit detail as .key(code, values), worded when read: \(found)")
    }

    @Test func anErasedVolunteerIsStoredWithoutWordsAndShownInTheReadersLanguage() async throws {
        try await withAlongside { app, clock in
            let (council, coordinator, _, _) = try await Factory(app: app).coveredCouncil()
            try await CouncilStore(app.db).setLanguages([.english, .welsh], for: council.id)
            let store = GoodNeighbourStore(app.db, councilID: council.id)
            let dev = Volunteer(
                id: .init(UUID()), name: "Dev Patel", phone: "07700 900456", postcode: "DE1 1AA",
                helpsWith: [.shopping], availableDays: [], checks: [])
            try await store.save(dev, at: clock.now)
            let browser = Browser(app)
            try await browser.signIn(coordinator.email, password: testPassword)
            let path = "/good-neighbours/volunteers/\(dev.id)"
            #expect(try await browser.post(path + "/erase", form: ["confirm": "yes"]).status == .seeOther)

            let row = try #require(
                try await app.db.sql.raw("SELECT name, document FROM volunteers WHERE id = \(bind: dev.id.uuid)")
                    .first())
            #expect(try row.decode(column: "name", as: String.self) == "")
            let document = try row.decode(column: "document", as: String.self)
            for words in ["Erased volunteer", "Gwirfoddolwr wedi'i ddileu", "Dev Patel"] {
                #expect(!document.contains(words), "\(words)")
            }
            let english = try await browser.get(path + "?lang=en").body.string
            #expect(english.contains("<h1>Erased volunteer</h1>"))
            #expect(try await browser.get("/good-neighbours/volunteers").body.string.contains("Erased volunteer"))
            let welsh = try await browser.get(path + "?lang=cy").body.string
            #expect(
                welsh.contains("<h1>Gwirfoddolwr wedi&#39;i ddileu</h1>")
                    || welsh.contains("<h1>Gwirfoddolwr wedi'i ddileu</h1>"))
            #expect(
                try await browser.get("/good-neighbours/volunteers?lang=cy").body.string.contains("Gwirfoddolwr wedi"))
        }
    }
}
