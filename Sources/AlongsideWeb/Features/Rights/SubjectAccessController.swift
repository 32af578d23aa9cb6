import AlongsideCore
import AlongsideStore
import Fluent
import Leaf
import NIOFoundationEssentialsCompat
import Vapor

/// A team leader answers a subject access request from the person's record: a readable, printable page
/// and the same in JSON. Each export is written to the audit log.
struct SubjectAccessController: RouteCollection {
    struct Page: Encodable {
        let page: PageContext
        let export: SubjectAccessExport
        let name: String
        let jsonPath: String
        let personPath: String
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get(.person(.key, .export), use: show)
        signedIn.get(.person(.key, .exportJSON), use: json)
    }

    func export(_ req: Request, how: String) async throws -> SubjectAccessExport {
        let staff = try req.staff(permitted: .leadTeam)
        let id = try PersonController.personID(req)
        let export = try await SubjectAccessExport.read(db: req.db, council: staff.council, personID: id, now: req.now)
        try await SubjectAccessExport.audit(
            db: req.db, council: staff.council, personID: id, by: staff.member.id, at: req.now,
            address: req.clientAddress, how: how)
        return export
    }

    func show(req: Request) async throws -> View {
        let export = try await export(req, how: "page")
        let id = try PersonController.personID(req)
        let name = export.about.first { $0.label == Wording.current("rights.page.full-name") }?.value ?? "this person"
        return try await req.view.render(
            .peopleExport,
            Page(
                page: PageContext(request: req, title: Wording.current("rights.page.everything-held-about", name)),
                export: export, name: name,
                jsonPath: SitePath.person(.value(id), .exportJSON).path,
                personPath: SitePath.person(.value(id)).path))
    }

    func json(req: Request) async throws -> Response {
        let export = try await export(req, how: "JSON")
        let response = try await export.encodeResponse(for: req)
        response.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"subject-access-\(export.personID).json\"")
        return response
    }
}

/// `alongside export person ID --council SLUG --to DIR`: the subject access export as HTML and JSON files.
struct ExportCommands: AsyncCommandGroup {
    var help: String { "Exports data for people's rights requests." }
    var commands: [String: any AnyAsyncCommand] { ["person": ExportPersonCommand()] }
}

struct ExportPersonCommand: AsyncCommand {
    /// The printable document: the export and the language it is written in.
    struct Document: Encodable {
        let export: SubjectAccessExport
        let lang: String
    }

    struct Signature: CommandSignature {
        @Argument(name: "id", help: "The person's record id (a UUID, shown in their record's address).")
        var id: String

        @Option(name: "council", help: "The council's slug.")
        var council: String?

        @Option(name: "to", help: "The folder to write person-ID.html and person-ID.json into (default: here).")
        var to: String?

        init() {}
    }

    var help: String {
        Wording.current("rights.page.writes-everything-held-about-a-person")
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let id = Person.ID(signature.id) else {
            throw CommandFailure("\(signature.id) is not a record id (a UUID).")
        }
        guard let slug = signature.council, let council = try await app.stores.councils.find(slug: slug) else {
            throw CommandFailure(Wording.current("rights.page.say-which-council-with-council-slug"))
        }
        let folder = signature.to ?? FileManager.default.currentDirectoryPath
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw CommandFailure("\(folder) is not a folder.")
        }
        let now = app.alongside.now()
        let export: SubjectAccessExport
        do {
            export = try await SubjectAccessExport.read(db: app.db, council: council, personID: id, now: now)
        } catch AlongsideError.notFound {
            throw CommandFailure(Wording.current("rights.page.there-is-no-person-at", signature.id, council.name))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let base = (folder as NSString).appendingPathComponent("person-\(export.personID)")
        // Only the operator who made it may read it: 0600, created so, never readable by others first.
        try Self.writePrivately(encoder.encode(export), to: base + ".json")
        let view = try await app.leaf.renderer.render(
            .peopleExportDocument, Document(export: export, lang: Wording.current.language.tag))
        try Self.writePrivately(Data(buffer: view.data), to: base + ".html")
        try await SubjectAccessExport.audit(
            db: app.db, council: council, personID: id, by: nil, at: now, address: nil, how: "command line")
        context.console.success(
            Wording.current(
                "rights.page.wrote-html-and-json-entries", base, base,
                export.sections.reduce(0) { $0 + $1.entries.count }))
    }

    /// Writes `data` to a new file that only its owner can read or write (0600), replacing any there.
    static func writePrivately(_ data: Data, to path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        else { throw CommandFailure("\(path) could not be written.") }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.write(contentsOf: data)
    }
}
