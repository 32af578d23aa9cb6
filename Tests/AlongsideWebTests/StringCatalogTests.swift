import AlongsideCore
import Foundation
import Testing

@testable import AlongsideWeb

/// The shipped catalog is whole: every page and message finds its words in every language a council can
/// offer, and no page writes words of its own.
@Suite("The string catalog")
struct StringCatalogTests {
    let root = URL(fileURLWithPath: packageRoot)

    func shipped() throws -> StringCatalog {
        try StringCatalog.load(from: root.appendingPathComponent("Resources/Strings"))
    }

    func files(under folder: String, ending suffix: String) throws -> [(path: String, text: String)] {
        let base = root.appendingPathComponent(folder)
        let walker = FileManager.default.enumerator(atPath: base.path)
        var found: [(String, String)] = []
        while let relative = walker?.nextObject() as? String {
            guard relative.hasSuffix(suffix) else { continue }
            let url = base.appendingPathComponent(relative)
            found.append((folder + "/" + relative, try String(contentsOf: url, encoding: .utf8)))
        }
        return found
    }

    func matches(_ pattern: String, in text: String) throws -> [[String]] {
        let regex = try NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).map { match in
            (0..<match.numberOfRanges).map { index in
                Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
            }
        }
    }

    @Test func everyLanguageACouncilCanOfferHasEveryString() throws {
        let catalog = try shipped()
        #expect(catalog.keys.count > 1_000)
        for language in Language.allCases {
            let problems = catalog.problems(in: language)
            #expect(problems.isEmpty, "\(language.nativeName): \(problems.prefix(20).map(\.description))")
        }
    }

    @Test func everyKeyAPageOrTheCodeAsksForIsInTheCatalog() throws {
        let catalog = try shipped()
        var asked: [(key: String, place: String)] = []
        for (path, text) in try files(under: "Resources/Views", ending: ".leaf") {
            asked += try matches(#"#t\("([^"]+)""#, in: text).map { ($0[1], path) }
        }
        for (path, text) in try files(under: "Sources", ending: ".swift") {
            asked += try matches(#"(?:Wording\.current|wording)\(\s*"([a-z0-9.-]+)""#, in: text)
                .map { ($0[1], path) }
            // An audit entry's detail: a key worded when the log is read (`AuditWording`).
            asked += try matches(#"\.key\(\s*"([a-z0-9-]+\.[a-z0-9.-]+)""#, in: text).map { ($0[1], path) }
        }
        #expect(asked.count > 1_000)
        for (key, place) in asked where catalog.phrase(key, in: .english) == nil {
            Issue.record("\(place) asks for \(key), which the catalog does not have")
        }
        // Keys built from a value: roles, languages and the names of records in "not found".
        for role in Role.allCases { #expect(catalog.phrase("role.\(role.rawValue)", in: .english) != nil) }
        for language in Language.allCases {
            #expect(catalog.phrase("language.\(language.rawValue)", in: .english) != nil)
            if language != .english {
                #expect(catalog.phrase("language.prefers.\(language.rawValue)", in: .english) != nil)
            }
        }
        // Each figure's name and definition, and each way a period can be refused.
        for figure in Figure.allCases {
            #expect(catalog.phrase("figures.\(figure.rawValue).name", in: .english) != nil)
            #expect(catalog.phrase("figures.\(figure.rawValue).definition", in: .english) != nil)
        }
        for problem in PeriodProblem.allCases { #expect(catalog.phrase(problem.messageKey, in: .english) != nil) }
        let built =
            Figure.allCases.flatMap { ["figures.\($0.rawValue).name", "figures.\($0.rawValue).definition"] }
            + PeriodProblem.allCases.map(\.messageKey)
            + MeasureKind.allCases.map { "people.measure.as-published.\($0.rawValue)" }
            + MeasureKind.allCases.map { "people.measure.loaded-source.\($0.rawValue)" }
            + Weekday.allCases.map { "directory.described.on-\($0.rawValue.lowercased())" }
        let unused = catalog.keys.filter { key in
            !key.hasPrefix("thing.") && !key.hasPrefix("role.") && !key.hasPrefix("language.")
                && !built.contains(key) && !asked.contains { $0.key == key }
        }
        #expect(unused.isEmpty, "Keys nothing asks for: \(unused.prefix(20))")
    }

    /// The `#t(…)` calls of a template: key and values, read with their brackets balanced.
    func calls(in text: String) -> [(key: String, values: [String])] {
        var found: [(String, [String])] = []
        var rest = text[...]
        while let start = rest.range(of: "#t(") {
            var depth = 1
            var quoted = false
            var argument = ""
            var arguments: [String] = []
            var index = start.upperBound
            while index < rest.endIndex, depth > 0 {
                let character = rest[index]
                if character == "\"" { quoted.toggle() }
                if !quoted {
                    if character == "(" { depth += 1 }
                    if character == ")" { depth -= 1 }
                    if character == ",", depth == 1 {
                        arguments.append(argument)
                        argument = ""
                        index = rest.index(after: index)
                        continue
                    }
                }
                if depth > 0 { argument.append(character) }
                index = rest.index(after: index)
            }
            arguments.append(argument)
            let key = arguments[0].trimmingCharacters(in: .whitespaces).trimmingCharacters(
                in: CharacterSet(charactersIn: "\""))
            found.append((key, arguments.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }))
            rest = rest[index...]
        }
        return found
    }

    @Test func everyTemplateCallGivesEachPlaceholderAValue() throws {
        let catalog = try shipped()
        var checked = 0
        for (path, text) in try files(under: "Resources/Views", ending: ".leaf") {
            for call in calls(in: text) {
                guard let phrase = catalog.phrase(call.key, in: .english) else { continue }
                checked += 1
                #expect(
                    call.values.count == phrase.placeholders.count,
                    "\(path): \(call.key) takes \(phrase.placeholders.count) values, given \(call.values.count)")
            }
        }
        #expect(checked > 800)
    }

    @Test func templatesHoldNoWordsOfTheirOwn() throws {
        for (path, text) in try files(under: "Resources/Views", ending: ".leaf") {
            var rest = text
            for pattern in [
                #"<style>.*?</style>"#, #"<!--.*?-->"#, #"#t\((?:[^()]|\([^()]*\))*\)"#, #"#\([^)]*\)"#,
                #"#\w+\((?:[^()]|\([^()]*\))*\):?"#, #"#(?:else|end\w+):?"#, #"<[^>]*>"#, #"&[a-z]+;"#,
            ] {
                rest = rest.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
            }
            let words = rest.split(whereSeparator: \.isWhitespace).filter { $0.contains(where: \.isLetter) }
            #expect(words.isEmpty, "\(path) writes its own words: \(words.prefix(10))")
            for attribute in ["aria-label", "placeholder", "title", "alt", "data-label"] {
                let pattern = attribute + ##"="([^"#]*)""##
                for match in try matches(pattern, in: text) where match[1].contains(where: \.isLetter) {
                    Issue.record("\(path): \(attribute)=\"\(match[1])\" is not from the catalog")
                }
            }
        }
    }

    /// Sentences for people come from the catalog in Swift too. Not checked: the command line, the JSON
    /// API, Open Referral and health checks (English by design), doc comments and command help, and the
    /// published wording of the wellbeing measures (their licensed translations are a council's to load).
    @Test func pageCodeWritesNoSentencesOfItsOwn() throws {
        let exempt = [
            "Sources/AlongsideWeb/Commands/", "Sources/AlongsideDemo/", "Sources/AlongsideWeb/Features/API/",
            "Sources/AlongsideWeb/Features/People/PeopleAPIController",
            "Sources/AlongsideWeb/Features/People/PeopleDTOs",
            "Sources/AlongsideWeb/Features/SROI/SROIAPIController",
            "Sources/AlongsideWeb/Features/Health/", "Sources/AlongsideWeb/Features/Directory/ORUK",
            "Sources/AlongsideCore/Evidence/Measures.swift",
            "Sources/AlongsideCore/Language/", "Sources/AlongsideWeb/Auth/BearerTokenAuthenticator.swift",
            "Sources/AlongsideWeb/App/configure.swift", "Sources/AlongsideWeb/App/AppConfig.swift",
            "Sources/alongside/", "Sources/AlongsideStore/",
        ]
        // Data, not wording: the name of the taxonomy the Open Referral feed publishes.
        let allowed = ["Alongside community categories"]
        var found: [String] = []
        for (path, text) in try files(under: "Sources", ending: ".swift") where !exempt.contains(where: path.hasPrefix)
        {
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                if code.hasPrefix("//") || code.contains("help:") || code.contains("var help") { continue }
                for match in try matches(#""([A-Z][a-z]+(?: [A-Za-z'’]+)+[.?!]?)""#, in: String(line))
                where !allowed.contains(match[1]) {
                    found.append("\(path):\(number + 1): \(match[1])")
                }
            }
        }
        #expect(found.isEmpty, "Put these in the catalog: \(found.prefix(20))")
    }

    /// The store and the domain throw no sentences: every `throw` in them carries a typed problem and its data
    /// (`StaffProblem.nameMissing`, `WardProblem.codeTaken(code)`), never text (no string, no `Wording`); and
    /// no `message:` or `reason:` they give is English of their own. The web layer words each problem in the
    /// reader's language (`ProblemWording`). Allowed: the catalog's own load errors, which come before any
    /// catalog can word them and only an operator reads.
    @Test func storeAndDomainThrowNoSentencesOfTheirOwn() throws {
        let catalogLoading = "Sources/AlongsideCore/Language/StringCatalog.swift"
        var scanned = 0
        var statements = 0
        var found: [String] = []
        for folder in ["Sources/AlongsideStore", "Sources/AlongsideCore"] {
            for (path, text) in try files(under: folder, ending: ".swift") where path != catalogLoading {
                scanned += 1
                for statement in thrown(in: text) {
                    statements += 1
                    let literals = try matches(#""(?:[^"\\\n]|\\.)+""#, in: statement)
                    if statement.contains("Wording") || !literals.isEmpty {
                        found.append("\(path): \(statement)")
                    }
                }
                for match in try matches(#"\b(?:message|reason)\s*:\s*"((?:[^"\\\n]|\\.)*)""#, in: text)
                where match[1].contains(" ") {
                    found.append("\(path): \(match[1])")
                }
                if path.hasSuffix("Problem.swift"), text.contains("Wording.current") {
                    found.append("\(path) words its own problems")
                }
            }
        }
        #expect(scanned > 100)
        #expect(statements > 150)
        #expect(found.isEmpty, "Throw a typed problem and word it in the web layer: \(found.prefix(20))")
    }

    /// Each `throw` statement of a source file, from `throw` to the end of its expression.
    func thrown(in text: String) -> [String] {
        var found: [String] = []
        var rest = text[...]
        while let start = rest.range(of: #"(?<![\w.])throw\s"#, options: .regularExpression) {
            let lineStart =
                rest[..<start.lowerBound].lastIndex(of: "\n").map { rest.index(after: $0) } ?? rest.startIndex
            var index = start.upperBound
            var depth = 0
            while index < rest.endIndex {
                let character = rest[index]
                if "([{".contains(character) { depth += 1 }
                if ")]}".contains(character) {
                    if depth == 0 { break }
                    depth -= 1
                }
                if character == "\n" && depth == 0 { break }
                index = rest.index(after: index)
            }
            if !rest[lineStart..<start.lowerBound].trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                found.append(String(rest[start.lowerBound..<index]))
            }
            rest = rest[index...]
        }
        return found
    }
}
