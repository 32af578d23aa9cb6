import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// A council admin's Languages page: which languages the council's pages offer, and the council's own
/// reviewed wording — downloaded as a spreadsheet, checked by its translators, uploaded back. No code
/// changes: the wording lives in the database and every server picks it up on its next request.
struct LanguagesController: RouteCollection {
    struct LanguageRow: Encodable {
        let code: String
        let name: String
        let entries: Int
        let needsReview: Int
        let councilOwn: Int
        let sheetPath: String
        let uploadPath: String
        let resetPath: String
    }

    struct Page: Encodable {
        let page: PageContext
        let settingsPath = SitePath.settings.path
        let offersWelsh: Bool
        let languages: [LanguageRow]
        let notice: String?
        let errors: [FormError]
        let problems: [String]
        let moreProblems: Int
    }

    struct Upload: Content {
        var wording: File?
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get(.languages, use: show)
        signedIn.post(.languages, use: saveOffered)
        signedIn.get(.languageSheet(.key), use: sheet)
        signedIn.on(.POST, .languageWording(.key), body: .collect(maxSize: "2mb"), use: upload)
        signedIn.post(.languageWordingReset(.key), use: reset)
    }

    func show(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .manageWards)
        let notice = req.query[String.self, at: "saved"].map { _ in Wording.current("languages.saved") }
        return try await render(req, staff: staff, notice: notice, problems: [])
    }

    /// English always; Cymraeg beside it when the council ticks it.
    func saveOffered(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .manageWards)
        struct Form: Content { var welsh: String? }
        let form = try req.content.decode(Form.self)
        try await req.stores.councils.setLanguages(
            form.welsh == "yes" ? [.english, .welsh] : [.english], for: staff.council.id)
        return req.redirect(to: SitePath.languages.with(query: ["saved": "1"]))
    }

    /// The spreadsheet of every key with the English and the wording in use.
    func sheet(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .manageWards)
        let language = try translatable(req)
        let overrides =
            try await req.application.councilWording.wording(for: staff.council, on: req.db)[language] ?? [:]
        let rows = WordingSheet.rows(req.application.strings, language, overrides: overrides)
        let body = rows.map { $0.map(CSVField.escape).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        let response = Response(status: .ok, body: .init(string: "\u{FEFF}" + body))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(
            name: .contentDisposition,
            value: "attachment; filename=\"alongside-wording-\(staff.council.slug)-\(language.rawValue).csv\"")
        return response
    }

    /// All or nothing: one bad row and nothing changes, every problem listed by row.
    func upload(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .manageWards)
        let language = try translatable(req)
        let upload = try req.content.decode(Upload.self)
        guard let file = upload.wording, file.data.readableBytes > 0,
            let text = file.data.getString(at: file.data.readerIndex, length: file.data.readableBytes)
        else {
            return try await render(
                req, staff: staff, notice: nil, problems: [Wording.current("languages.error.no-file")]
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let phrases: [String: Phrase]
        do {
            phrases = try WordingSheet.read(text, req.application.strings, language)
        } catch let invalid as WordingSheet.Invalid {
            let problems = invalid.problems.map {
                Wording.current("languages.error.row", $0.row, Self.sentence($0.issue))
            }
            return try await render(req, staff: staff, notice: nil, problems: problems)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        try await req.stores.wording.replace(
            language, with: phrases, by: staff.member.id, at: req.now)
        return req.redirect(to: SitePath.languages.with(query: ["saved": "1"]))
    }

    /// Back to the wording Alongside ships.
    func reset(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .manageWards)
        let language = try translatable(req)
        try await req.stores.wording.replace(
            language, with: [:], by: staff.member.id, at: req.now)
        return req.redirect(to: SitePath.languages.with(query: ["saved": "1"]))
    }

    private func translatable(_ req: Request) throws -> Language {
        guard let code = req.parameters.get(.language), let language = Language(code: code), language != .english
        else { throw AlongsideError.notFound(.language) }
        return language
    }

    private func render(_ req: Request, staff: SignedInStaff, notice: String?, problems: [String]) async throws -> View
    {
        let catalog = req.application.strings
        let council = staff.council
        let own = try await req.application.councilWording.wording(for: council, on: req.db)
        let rows = Language.allCases.filter { $0 != .english }.map { language in
            LanguageRow(
                code: language.rawValue, name: language.nativeName, entries: catalog.keys.count,
                needsReview: (catalog.needsReview[language] ?? []).filter { own[language]?[$0] == nil }.count,
                councilOwn: own[language]?.count ?? 0, sheetPath: SitePath.languageSheet(.value(language)).path,
                uploadPath: SitePath.languageWording(.value(language)).path,
                resetPath: SitePath.languageWordingReset(.value(language)).path)
        }
        let shown = Array(problems.prefix(20))
        return try await req.view.render(
            .languagesShow,
            Page(
                page: PageContext(request: req, title: Wording.current("languages.title"), forms: true),
                offersWelsh: council.languages.contains(.welsh), languages: rows, notice: notice,
                errors: problems.isEmpty
                    ? [] : [FormError(field: "wording", message: Wording.current("languages.error.summary"))],
                problems: shown, moreProblems: problems.count - shown.count))
    }

    /// What is wrong with a row of an uploaded sheet, in the reader's words.
    static func sentence(_ issue: WordingSheet.Issue) -> String {
        switch issue {
        case .headings: return Wording.current("languages.sheet.headings")
        case .unknownKey(let key): return Wording.current("languages.sheet.unknown-key", key)
        case .unknownForm(let form): return Wording.current("languages.sheet.unknown-form", form)
        case .catalog(.placeholders(_, let expected, let found)):
            let none = Wording.current("languages.sheet.none")
            let want = expected.isEmpty ? none : expected.map { "{\($0)}" }.joined(separator: " ")
            let got = found.isEmpty ? none : found.map { "{\($0)}" }.joined(separator: " ")
            return Wording.current("languages.sheet.placeholders", want, got)
        case .catalog(.pluralForms(_, let missing)):
            return Wording.current("languages.sheet.plural-forms", missing.map(\.rawValue).joined(separator: ", "))
        case .catalog(.empty): return Wording.current("languages.sheet.empty")
        case .catalog(.unknown(let key)): return Wording.current("languages.sheet.unknown-key", key)
        case .catalog(.missing(let key)): return Wording.current("languages.sheet.missing", key)
        }
    }
}
