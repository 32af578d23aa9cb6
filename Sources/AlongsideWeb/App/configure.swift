import AlongsideCore
import AlongsideStore
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import Vapor

/// Sets up an Alongside application: database, migrations, sessions, middleware, views and routes.
/// It does not migrate; `serve` and `migrate` do that, and tests call `app.autoMigrate()`.
public func configure(_ app: Application, config: AppConfig) async throws {
    app.alongside = config
    let root = config.rootDirectory.hasSuffix("/") ? config.rootDirectory : config.rootDirectory + "/"
    app.directory = DirectoryConfiguration(workingDirectory: root)

    switch config.database {
    case .sqlite(let path):
        // Statements are logged only at LOG_LEVEL=trace (with their values; Benchmarks/budget reads them):
        // building each log entry's metadata costs every request otherwise.
        app.databases.use(
            .sqlite(.file(path), sqlLogLevel: app.logger.logLevel <= .trace ? .trace : nil), as: .sqlite)
    case .postgres(let url):
        var postgres = try SQLPostgresConfiguration(url: url)
        postgres.coreConfiguration.options.connectTimeout = .seconds(10)
        app.databases.use(.postgres(configuration: postgres, sqlLogLevel: .debug), as: .psql)
    }
    config.ids.install(on: app.databases)
    try app.useReportsReplica(config)
    app.migrations.add(AlongsideMigrations.all)

    app.passwords.use(.bcrypt(cost: config.bcryptCost))
    app.sessions.use { QuietSessions(stored: SessionTable(fluent: $0.fluent.sessions.driver())) }
    app.sessions.configuration = .init(cookieName: "alongside-session") { id in
        HTTPCookies.Value(
            string: id.string, expires: nil, maxAge: nil, domain: nil, path: "/", isSecure: config.secureCookies,
            isHTTPOnly: true, sameSite: .lax)
    }

    do {
        app.strings = try StringCatalog.load(
            from: URL(fileURLWithPath: root).appendingPathComponent("Resources/Strings", isDirectory: true))
        StringCatalog.installed = app.strings
    } catch {
        throw AppConfig.Invalid(description: "The string catalog could not be read: \(error)")
    }
    do {
        let list = try String(contentsOfFile: root + "Resources/Passwords/common.txt", encoding: .utf8)
        PasswordPolicy.common = PasswordPolicy.load(list: list)
    } catch {
        throw AppConfig.Invalid(description: "The list of common passwords could not be read: \(error)")
    }
    // HM Treasury's GDP deflators, shipped with their source, for bringing SROI values to one price year.
    DeflatorTable.install(fromRoot: root)
    app.views.use(.leaf)
    app.leaf.tags["t"] = WordingTag()
    app.leaf.tags["layoutHead"] = LayoutHeadTag()
    app.leaf.tags["layoutFoot"] = LayoutFootTag()
    app.leaf.tags["markup"] = MarkupTag()
    app.leaf.tags["path"] = PathTag()
    if app.environment != .production { app.leaf.cache.isEnabled = false }

    ServiceMetrics.bootstrap()

    app.middleware = Middlewares()
    app.middleware.use(SecurityHeadersMiddleware(https: config.secureCookies))
    app.middleware.use(AlongsideErrorMiddleware())
    app.middleware.use(RefuseNUL())
    app.middleware.use(OneLineFields())
    app.middleware.use(RequestLogMiddleware())
    app.middleware.use(PublicFiles(directory: app.directory.publicDirectory))
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(StaffSessionAuthenticator())
    // The language before the form check, so even "this form has expired" reads in the visitor's language.
    app.middleware.use(LanguageMiddleware())
    app.middleware.use(CSRFMiddleware())

    app.routes.defaultMaxBodySize = "1mb"
    try routes(app)

    if case .sqlite = config.database {
        app.lifecycle.use(SQLiteTuning())
    }
}

/// Turns on write-ahead logging so readers do not wait for writers, and gives each connection (one for each
/// event loop) a page cache of `cacheKiB`. SQLite's default is 2 MB, which a 200-person caseload on a
/// Network-sized file (8.5 GB) outgrows: every page it read was read again from the file on the next
/// request (about 500 reads a request; docs/BENCHMARKS.md).
struct SQLiteTuning: LifecycleHandler {
    /// In KiB, as `PRAGMA cache_size` takes a negative number: 16 MB a connection.
    static let cacheKiB = 16_384

    func didBootAsync(_ application: Application) async throws {
        guard let sql = application.db as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        try await sql.raw("PRAGMA busy_timeout=5000").run()
        // Each event loop keeps its own connection; the pragma lasts as long as the connection does.
        for eventLoop in application.eventLoopGroup.makeIterator() {
            guard
                let connection = application.databases.database(logger: application.logger, on: eventLoop)
                    as? any SQLDatabase
            else { continue }
            try await connection.raw("PRAGMA cache_size = -\(unsafeRaw: String(Self.cacheKiB))").run()
        }
    }
}
