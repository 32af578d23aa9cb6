import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// `alongside import postcodes FILE.csv`, `alongside import oruk URL-OR-FILE`, `alongside import directory FILE.csv`.
struct ImportCommands: AsyncCommandGroup {
    var help: String { "Loads reference data and community directories from files or other directories." }
    var commands: [String: any AnyAsyncCommand] {
        ["postcodes": ImportPostcodesCommand(), "oruk": ImportORUKCommand(), "directory": ImportDirectoryCSVCommand()]
    }
}

struct ImportORUKCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(
            name: "source",
            help:
                "An Open Referral UK 3.0 API base (https://…/oruk), or a file of fully nested services (a list page, a JSON array or NDJSON)."
        )
        var source: String

        @Option(name: "council", help: "The slug of the council whose directory receives it.")
        var council: String?

        init() {}
    }

    var help: String {
        "Reads another directory's Open Referral UK 3.0 feed (every page) into a council's community directory, updating what it already has by id. Any bad record rejects the whole import, with a report, and changes nothing. A feed read from an https:// address is remembered, and the server reads it again each night."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let council = try await receivingCouncil(signature.council, on: app)
        let console = context.console
        let catalogue: ORUKImport.Catalogue
        do {
            if signature.source.hasPrefix("http://") || signature.source.hasPrefix("https://") {
                let base = signature.source.hasSuffix("/") ? String(signature.source.dropLast()) : signature.source
                console.info("Reading \(base)…")
                catalogue = try await ORUKImport(
                    feed: HTTPFeed(base: base, client: app.client), at: app.alongside.now()
                ) {
                    console.output($0.consoleText())
                }.read()
            } else {
                try checkSize(of: signature.source, atMost: 200)
                guard let data = FileManager.default.contents(atPath: signature.source) else {
                    throw CommandFailure("Cannot read \(signature.source). Give a file path or an https:// address.")
                }
                catalogue = try ORUKImport.read(file: data, name: signature.source, at: app.alongside.now())
            }
        } catch let failure as ORUKImport.Failure {
            throw CommandFailure(failure.description)
        }
        let store = try Stores(app.db, council: council.id).directory
        let report = try await ORUKImport.write(
            catalogue, into: store, source: signature.source, at: app.alongside.now())
        console.success(report.text)
        if signature.source.hasPrefix("http://") || signature.source.hasPrefix("https://") {
            let base = signature.source.hasSuffix("/") ? String(signature.source.dropLast()) : signature.source
            try await store.rememberFeed(base, at: app.alongside.now())
            console.info("The server reads this feed again each night (the open-referral-feeds job).")
        }
    }
}

struct ImportPostcodesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(
            name: "file",
            help: "A CSV in the ONS postcode directory layout: columns pcds and a ward code (osward, wd24cd, …).")
        var file: String

        init() {}
    }

    var help: String {
        "Loads a postcode → ward table. A bad line rejects the whole file and changes nothing."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            throw CommandFailure("Cannot read \(signature.file). Check the path.")
        }
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
            throw CommandFailure("\(signature.file) is not a text file.")
        }
        let entries: [PostcodeDirectory.Entry]
        do {
            entries = try PostcodeDirectory.parse(text)
        } catch {
            throw CommandFailure("\(signature.file) was not loaded. \(error.message) Nothing was changed.")
        }
        context.console.info("Read \(entries.count) postcodes from \(signature.file). Writing…")
        try await app.autoMigrate()
        let total = entries.count
        let console = context.console
        try await app.stores.postcodes.load(entries, batchSize: 1000) { written in
            if written == total || written % 50_000 == 0 { console.output("  \(written) of \(total)".consoleText()) }
        }
        context.console.success("Loaded \(total) postcodes.")
    }
}

struct ImportDirectoryCSVCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "A CSV saved from the council's directory spreadsheet (see docs/operators.md).")
        var file: String

        @Option(name: "council", help: "The slug of the council whose directory receives it.")
        var council: String?

        init() {}
    }

    var help: String {
        "Loads community resources from a spreadsheet saved as CSV: columns name, organisation, address, town, postcode, and optionally description, category, day, frequency, date, opens, closes, venue, phone, email, website, cost, minimum_age, maximum_age, id. A bad row rejects the whole file and changes nothing."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let council = try await receivingCouncil(signature.council, on: app)
        try checkSize(of: signature.file, atMost: 50)
        guard let data = FileManager.default.contents(atPath: signature.file),
            let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1)
        else { throw CommandFailure("Cannot read \(signature.file). Check the path.") }
        let store = try Stores(app.db, council: council.id).directory
        let now = app.alongside.now()
        let terms = try await store.ensureStarterCategories()
        let organisations = try await store.organisations()
        let sheet: DirectorySpreadsheet.Sheet
        do {
            sheet = try DirectorySpreadsheet.parse(text, terms: terms, organisations: organisations, now: now)
        } catch {
            throw CommandFailure("\(signature.file) was not loaded. \(error.message) Nothing was changed.")
        }
        var catalogue = ORUKImport.Catalogue()
        for organisation in sheet.organisations { catalogue.organisations[organisation.id] = organisation }
        catalogue.resources = sheet.resources
        let report = try await ORUKImport.write(catalogue, into: store, source: signature.file, at: now)
        context.console.success(report.text)
    }
}

/// The council a directory import goes into, named by `--council`; migrates first.
func receivingCouncil(_ slug: String?, on app: Application) async throws -> Council {
    guard let slug else {
        throw CommandFailure("Say which council receives the directory: --council SLUG (see `alongside council list`).")
    }
    try await app.autoMigrate()
    guard let council = try await app.stores.councils.find(slug: slug) else {
        throw CommandFailure("There is no council with the slug \(slug). See `alongside council list`.")
    }
    return council
}

/// Refuses a file larger than `megabytes` before reading it, so a wrong file cannot exhaust memory.
func checkSize(of path: String, atMost megabytes: Int) throws {
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    if size > megabytes * 1_048_576 {
        throw CommandFailure(
            "\(path) is \(size / 1_048_576) MB; the most this import reads is \(megabytes) MB. Check it is the right file. Nothing was changed."
        )
    }
}
