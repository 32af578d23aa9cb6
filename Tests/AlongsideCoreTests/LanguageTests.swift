import Foundation
import Testing

@testable import AlongsideCore

@Suite("Languages, plural forms and the string catalog")
struct LanguageTests {
    @Test func theBrowsersLanguageIsFollowedOnlyAmongThoseTheCouncilOffers() {
        let both: [Language] = [.english, .welsh]
        #expect(Language.preferred(acceptLanguage: "cy-GB,cy;q=0.9,en-GB;q=0.8", offered: both) == .welsh)
        #expect(Language.preferred(acceptLanguage: "en-GB,en;q=0.9,cy;q=0.8", offered: both) == .english)
        #expect(Language.preferred(acceptLanguage: "en;q=0.5, cy;q=0.7", offered: both) == .welsh)
        #expect(Language.preferred(acceptLanguage: "cy;q=0, en", offered: both) == .english)
        #expect(Language.preferred(acceptLanguage: "cy", offered: [.english]) == nil)
        #expect(Language.preferred(acceptLanguage: "fr-FR, de", offered: both) == nil)
        #expect(Language.preferred(acceptLanguage: "", offered: both) == nil)
    }

    @Test func storedLanguageListsAlwaysKeepEnglish() {
        #expect(Language.list("cy") == [.english, .welsh])
        #expect(Language.list("cy,en,xx") == [.english, .welsh])
        #expect(Language.list("") == [.english])
        #expect(Language.stored([.welsh]) == "en,cy")
        #expect(Language(code: "CY_gb") == .welsh)
        #expect(Language(code: "fr") == nil)
    }

    @Test func welshCountsTakeTheirSixPluralForms() {
        let forms = [0, 1, 2, 3, 4, 6, 10, 100].map { Language.welsh.pluralCategory($0) }
        #expect(forms == [.zero, .one, .two, .few, .other, .many, .other, .other])
        #expect([0, 1, 2].map { Language.english.pluralCategory($0) } == [.other, .one, .other])
    }

    func catalog() -> StringCatalog {
        var catalog = StringCatalog()
        catalog.add("greeting", Phrase("Hello, {name} from {council}"), in: .english)
        catalog.add("greeting", Phrase("{council}: helo, {name}"), in: .welsh)
        catalog.add("people", Phrase(forms: [.one: "{count} person", .other: "{count} people"]), in: .english)
        catalog.add(
            "people",
            Phrase(forms: [
                .zero: "{count} o bobl", .one: "{count} person", .two: "{count} berson", .few: "{count} pherson",
                .many: "{count} pherson", .other: "{count} o bobl",
            ]), in: .welsh)
        return catalog
    }

    @Test func placeholdersAreFilledByTheirEnglishOrderWhateverTheTranslationsOrder() {
        let catalog = catalog()
        #expect(catalog.text("greeting", in: .english, values: ["Sam", "Glanmor"]) == "Hello, Sam from Glanmor")
        #expect(catalog.text("greeting", in: .welsh, values: ["Sam", "Glanmor"]) == "Glanmor: helo, Sam")
        #expect(catalog.text("people", in: .welsh, values: ["3"]) == "3 pherson")
        #expect(catalog.text("people", in: .welsh, values: ["2"]) == "2 berson")
        #expect(
            catalog.text("people", in: .english, values: ["1234"], formatCount: { _ in "1,234" }) == "1,234 people")
        let override = ["greeting": Phrase("Shwmae {name}! ({council})")]
        #expect(
            catalog.text("greeting", in: .welsh, values: ["Sam", "Glanmor"], overrides: override)
                == "Shwmae Sam! (Glanmor)")
        #expect(catalog.text("no.such.key", in: .welsh, values: []) == "no.such.key")
    }

    @Test func aLanguageIsIncompleteWhileAnyKeyLacksItsTextPlaceholdersOrPluralForms() {
        var catalog = catalog()
        #expect(catalog.problems(in: .welsh).isEmpty)
        catalog.add("farewell", Phrase("Goodbye"), in: .english)
        catalog.add("greeting", Phrase("Helo, {enw}"), in: .welsh)
        catalog.add("people", Phrase(forms: [.one: "{count} person", .other: "{count} o bobl"]), in: .welsh)
        catalog.add("stale", Phrase("Hen"), in: .welsh)
        let problems = catalog.problems(in: .welsh)
        #expect(problems.contains(.missing(key: "farewell")))
        #expect(problems.contains(.unknown(key: "stale")))
        #expect(problems.contains(.pluralForms(key: "people", missing: [.zero, .two, .few, .many])))
        #expect(
            problems.contains(.placeholders(key: "greeting", expected: ["name", "council"], found: ["enw"])))
    }

    @Test func catalogFilesAreReadWithTheirReviewMarksAndBadShapesAreRefused() throws {
        let file = Data(
            #"{"@needsReview": "*", "a.one": "Un", "a.count": {"one": "{count} peth", "other": "{count} o bethau"}}"#
                .utf8)
        let (phrases, review) = try StringCatalog.parse(file, file: "cy/a.json")
        #expect(phrases["a.one"] == Phrase("Un"))
        #expect(phrases["a.count"]?.isPlural == true)
        #expect(review == ["a.one", "a.count"])
        #expect(throws: StringCatalog.LoadError.self) {
            try StringCatalog.parse(Data(#"{"a": {"lots": "x", "other": "y"}}"#.utf8), file: "cy/b.json")
        }
        #expect(throws: StringCatalog.LoadError.self) {
            try StringCatalog.parse(Data(#"{"a": 3}"#.utf8), file: "cy/c.json")
        }
        #expect(throws: StringCatalog.LoadError.self) { try StringCatalog.parse(Data("[]".utf8), file: "cy/d.json") }
    }

    @Test func aCouncilsSheetKeepsOnlyWhatItChangedAndRefusesEveryBadRowAtOnce() throws {
        let catalog = catalog()
        let rows = WordingSheet.rows(catalog, .welsh, overrides: [:])
        #expect(rows.first == WordingSheet.header)
        #expect(rows.count == 1 + 1 + 6)  // greeting, and people in six forms
        let good = """
            \u{FEFF}key,form,english,translation,status
            greeting,,"Hello, {name} from {council}","Shwmae {name}, {council}",needs review
            people,few,{count} people,{count} o bersonau,needs review
            people,two,{count} people,,needs review
            """
        let changed = try WordingSheet.read(good, catalog, .welsh)
        #expect(changed["greeting"] == Phrase("Shwmae {name}, {council}"))
        #expect(changed["people"]?.forms[.few] == "{count} o bersonau")
        #expect(changed["people"]?.forms[.two] == "{count} berson", "an empty form keeps the shipped one")

        let unchanged = "key,form,english,translation\ngreeting,,x,\"{council}: helo, {name}\"\n"
        #expect(try WordingSheet.read(unchanged, catalog, .welsh).isEmpty)

        let bad = """
            key,form,english,translation,status
            greeting,,x,Helo {enw},
            nope,,x,Dim,
            people,lots,x,{count} o bobl,
            """
        #expect {
            try WordingSheet.read(bad, catalog, .welsh)
        } throws: { error in
            guard let invalid = error as? WordingSheet.Invalid else { return false }
            return invalid.problems.map(\.row) == [2, 3, 4]
        }
        #expect(throws: WordingSheet.Invalid.self) { try WordingSheet.read("a,b\n", catalog, .welsh) }
    }
}
