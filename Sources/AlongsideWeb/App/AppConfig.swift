import AlongsideCore
import AlongsideStore
import Fluent
import FluentPostgresDriver
import Foundation
import Vapor

/// Everything Alongside reads from its environment, read once at start.
public struct AppConfig: Sendable {
    public var database: DatabaseLocation
    /// A PostgreSQL streaming replica the reports read from (`DATABASE_READ_URL`, postgres://…): the team
    /// dashboard and its CSV, the quarterly report, `GET /api/v1/figures`, the SROI page's figures and the
    /// Network comparison. Every write, and every read that must see its own write, stays on `database`.
    /// Only beside a PostgreSQL `database`; nil: reports read the primary too (`Request.reportsDB`).
    public var readReplicaURL: String?
    /// Where Resources/ and Public/ are found.
    public var rootDirectory: String
    /// Set cookies with the Secure flag (on by default in production; `ALONGSIDE_SECURE_COOKIES=false` to turn off
    /// behind a plain-HTTP test proxy).
    public var secureCookies: Bool
    /// A token a Prometheus scraper may present as `Authorization: Bearer …` on /metrics.
    public var metricsToken: String?
    /// bcrypt cost: 12 in production, lower in tests to keep them quick.
    public var bcryptCost: Int
    public var signInThrottle: SignInThrottle
    /// How long a signed-in page session may sit idle before the person must sign in again.
    public var sessionIdleTimeout: TimeInterval
    public var apiTokenLifetime: TimeInterval
    /// The council whose public pages `/introduce`, `/directory` and `/oruk` serve (`ALONGSIDE_DEFAULT_COUNCIL`,
    /// a slug; `ORUK_COUNCIL` is still read). When unset, the first council created on the deployment, so a
    /// single-council install keeps its addresses when others join. Every council's own pages are at
    /// `/c/{slug}/introduce`, `/c/{slug}/directory` and `/c/{slug}/oruk`.
    public var defaultCouncil: String?
    /// The key that seals secrets kept in the database, such as two-step secrets (`ALONGSIDE_SECRET_KEY`, at
    /// least 32 characters). Development and tests use a fixed key; production refuses to start without one.
    public var secretKey: String
    /// The proxies whose `X-Forwarded-For` / `Forwarded` headers are believed (`ALONGSIDE_TRUSTED_PROXIES`:
    /// addresses or CIDR ranges, comma-separated). None by default: the connection's own address is used.
    public var trustedProxies: TrustedProxies
    /// Where people reach this deployment (`ALONGSIDE_PUBLIC_URL`, like `https://alongside.example.gov.uk`,
    /// without a trailing slash): used for absolute addresses in answers, never the request's Host header.
    public var publicURL: String?
    /// How email is sent (`ALONGSIDE_SMTP_URL`, or `ALONGSIDE_NOTIFY_API_KEY` with a template); nil: not
    /// sent, kept in the outbox for the admins to see.
    public var mail: MailSettings?
    /// How often the outbox is looked at, in seconds (`ALONGSIDE_OUTBOX_INTERVAL`, 1 to 3600; 5 by default).
    public var outboxInterval: TimeInterval = 5
    /// How many introductions one address may send through the public page in an hour
    /// (`ALONGSIDE_INTRODUCTIONS_PER_HOUR`, 1 to 1000; 10 by default). A library or a contact centre whose
    /// residents share one address may need more.
    public var introductionsPerHour = IntroduceController.submissionsPerHour
    /// The clock Alongside uses for everything it records; tests pin it.
    public var now: @Sendable () -> Date
    /// Where every record's id comes from (`RecordIDs`): random, and counting in tests so pages come out the
    /// same on every run. Secrets (sessions, form tokens, API tokens, one-time links) never come from here.
    public var ids: RecordIDs

    /// The key development and tests use when `ALONGSIDE_SECRET_KEY` is not set. Never used in production.
    public static let developmentSecretKey = "alongside-development-secret-key-not-for-production"

    public init(
        database: DatabaseLocation = .sqlite(path: DatabaseLocation.defaultSQLitePath),
        rootDirectory: String = FileManager.default.currentDirectoryPath,
        secureCookies: Bool = false,
        metricsToken: String? = nil,
        bcryptCost: Int = 12,
        signInThrottle: SignInThrottle = .standard,
        sessionIdleTimeout: TimeInterval = 2 * 60 * 60,
        apiTokenLifetime: TimeInterval = 30 * 24 * 60 * 60,
        defaultCouncil: String? = nil,
        secretKey: String = AppConfig.developmentSecretKey,
        trustedProxies: TrustedProxies = TrustedProxies(),
        now: @escaping @Sendable () -> Date = { Date() },
        ids: RecordIDs = .random
    ) {
        self.database = database
        self.rootDirectory = rootDirectory
        self.secureCookies = secureCookies
        self.metricsToken = metricsToken
        self.bcryptCost = bcryptCost
        self.signInThrottle = signInThrottle
        self.sessionIdleTimeout = sessionIdleTimeout
        self.apiTokenLifetime = apiTokenLifetime
        self.defaultCouncil = defaultCouncil
        self.secretKey = secretKey
        self.trustedProxies = trustedProxies
        self.now = now
        self.ids = ids
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads the process environment. In production, refuses to start without its secrets.
    public static func fromEnvironment(
        _ environment: Environment, variables: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> AppConfig {
        var config = AppConfig()
        do {
            config.database = try DatabaseLocation(url: variables["DATABASE_URL"])
        } catch {
            throw Invalid(description: "\(error)")
        }
        config.readReplicaURL = try readReplica(variables["DATABASE_READ_URL"], beside: config.database)
        if let root = variables["ALONGSIDE_ROOT"], !root.isEmpty { config.rootDirectory = root }
        config.metricsToken = variables["METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        config.defaultCouncil = (variables["ALONGSIDE_DEFAULT_COUNCIL"] ?? variables["ORUK_COUNCIL"]).flatMap {
            $0.isEmpty ? nil : $0.lowercased()
        }
        if let key = variables["ALONGSIDE_SECRET_KEY"], !key.isEmpty { config.secretKey = key }
        if let url = variables["ALONGSIDE_PUBLIC_URL"], !url.isEmpty {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil
            else {
                throw Invalid(
                    description: "ALONGSIDE_PUBLIC_URL must be an address like https://alongside.example.gov.uk")
            }
            config.publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        do {
            config.trustedProxies = try TrustedProxies(list: variables["ALONGSIDE_TRUSTED_PROXIES"] ?? "")
        } catch {
            throw Invalid(description: "\(error)")
        }
        do {
            config.mail = try MailSettings.from(variables)
        } catch {
            throw Invalid(description: "\(error)")
        }
        if let raw = variables["ALONGSIDE_OUTBOX_INTERVAL"], !raw.isEmpty {
            guard let seconds = Int(raw), (1...3_600).contains(seconds) else {
                throw Invalid(description: "ALONGSIDE_OUTBOX_INTERVAL is a number of seconds from 1 to 3600.")
            }
            config.outboxInterval = TimeInterval(seconds)
        }
        if let raw = variables["ALONGSIDE_INTRODUCTIONS_PER_HOUR"], !raw.isEmpty {
            guard let count = Int(raw), (1...1_000).contains(count) else {
                throw Invalid(description: "ALONGSIDE_INTRODUCTIONS_PER_HOUR is a whole number from 1 to 1000.")
            }
            config.introductionsPerHour = count
        }
        config.secureCookies = environment == .production
        if let secure = variables["ALONGSIDE_SECURE_COOKIES"] { config.secureCookies = secure != "false" }
        if environment == .production {
            if case .sqlite = config.database, variables["ALONGSIDE_ALLOW_SQLITE_IN_PRODUCTION"] != "true" {
                throw Invalid(
                    description:
                        "Production needs DATABASE_URL set (postgres://…), or ALONGSIDE_ALLOW_SQLITE_IN_PRODUCTION=true for a single-server install."
                )
            }
            guard let key = variables["ALONGSIDE_SECRET_KEY"], key.count >= 32 else {
                throw Invalid(
                    description:
                        "Production needs ALONGSIDE_SECRET_KEY: at least 32 random characters (for example from `openssl rand -base64 33`). It seals two-step secrets in the database; keep it with your other secrets and do not lose it."
                )
            }
            if config.mail != nil && config.publicURL == nil {
                throw Invalid(
                    description:
                        "Emails link to Alongside: set ALONGSIDE_PUBLIC_URL (like https://alongside.example.gov.uk) with mail."
                )
            }
            if let token = config.metricsToken, token.count < 24 {
                throw Invalid(description: "METRICS_TOKEN must be at least 24 characters in production.")
            }
        }
        return config
    }

    /// Checks `DATABASE_READ_URL`: a PostgreSQL address with a host and a database, and only beside a
    /// PostgreSQL primary (a SQLite file has no replica to read from). Empty or unset: none.
    static func readReplica(_ value: String?, beside primary: DatabaseLocation) throws -> String? {
        guard let value, !value.isEmpty else { return nil }
        guard case .postgres = primary else {
            throw Invalid(
                description:
                    "DATABASE_READ_URL names a PostgreSQL replica for reports; it needs DATABASE_URL to be PostgreSQL (postgres://…) too, not SQLite."
            )
        }
        guard value.hasPrefix("postgres://") || value.hasPrefix("postgresql://"),
            let components = URLComponents(string: value), let host = components.host, !host.isEmpty,
            components.path.count > 1, (try? SQLPostgresConfiguration(url: value)) != nil
        else {
            throw Invalid(
                description:
                    "DATABASE_READ_URL must be postgres://user:password@host:port/database, the address of a streaming replica of DATABASE_URL's database."
            )
        }
        return value
    }
}

extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }

    /// The configuration `configure(_:config:)` was given.
    public var alongside: AppConfig {
        get {
            guard let config = storage[ConfigKey.self] else { fatalError("configure(_:) has not run") }
            return config
        }
        set { storage[ConfigKey.self] = newValue }
    }
}

extension Request {
    var now: Date { application.alongside.now() }
    /// A new record's id, from `AppConfig.ids`.
    func newID() -> UUID { application.alongside.ids.next() }

    private struct PublicCouncilKey: StorageKey { typealias Value = (slug: String?, council: Council?) }

    /// The council named `slug`, or the deployment's default when nil (see `AppConfig.defaultCouncil`);
    /// nil when there is none. Read once a request: the language middleware and the page share it.
    func publicCouncil(named slug: String?) async throws -> Council? {
        if let known = storage[PublicCouncilKey.self], known.slug == slug { return known.council }
        let councils = stores.councils
        let council: Council?
        if let slug {
            council = try await councils.find(slug: slug)
        } else if let fallback = application.alongside.defaultCouncil {
            council = try await councils.find(slug: fallback)
        } else {
            council = try await councils.first()
        }
        storage[PublicCouncilKey.self] = (slug, council)
        return council
    }

    /// The council a public page is for: the one named in its address (`/c/{council}/…`), or else the
    /// deployment's default. Unknown councils are not found.
    func publicCouncil() async throws -> Council {
        let slug = parameters.get(.council)
        guard let council = try await publicCouncil(named: slug) else {
            if slug == nil, let fallback = application.alongside.defaultCouncil {
                throw RequestProblem.defaultCouncilMissing(fallback)
            }
            throw AlongsideError.notFound(.council)
        }
        return council
    }
}
