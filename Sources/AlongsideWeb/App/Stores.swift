import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The one way the web layer reaches the stores: a request's `req.stores` (`req.stores.people`,
/// `req.stores.staff`), built on `req.db` and scoped to the signed-in member's council, so a controller
/// cannot make a store for another council by mistake. Nothing in `AlongsideWeb` or `AlongsideDemo`
/// constructs a store itself (`OneWayToTheDatabaseTests` checks).
///
/// - Inside a transaction (`req.db.change { db in … }`) every store is made on the transaction's `db`:
///   `req.stores(on: db).audit`, never `req.stores` (which is `req.db`).
/// - A report reads the replica: `req.stores.reports.figures` (`req.reportsDB`; see `ReportsDatabase.swift`).
/// - A page no member signs in to takes its council from the address: `req.stores(council: council.id)`
///   (the public directory and ORUK feeds, the introduction form, one-time sign-in links).
/// - A command or a routine job, with no request, makes the same value with the one constructor:
///   `Stores(app.db)`, `Stores(db, council: council.id)`. So does the example data (`AlongsideDemo`: the
///   value is public for it): `app.stores.councils`, `Stores(db, council: council.id).wards`.
///
/// A council's stores (`people`, `wards`, `audit` …) throw 401 when there is no council to scope them to.
public struct Stores: Sendable {
    let database: any Database
    let councilID: Council.ID?
    let reportsDatabase: any Database

    public init(_ database: any Database, council: Council.ID? = nil, reports: (any Database)? = nil) {
        self.database = database
        self.councilID = council
        self.reportsDatabase = reports ?? database
    }

    /// The same stores on another database: a transaction's `db`.
    public func on(_ database: any Database) -> Stores {
        Stores(database, council: councilID, reports: reportsDatabase)
    }

    /// The same stores on the database reports read (the replica when there is one).
    public var reports: Stores { Stores(reportsDatabase, council: councilID) }

    private var council: Council.ID {
        get throws {
            guard let councilID else { throw Abort(.unauthorized) }
            return councilID
        }
    }

    // MARK: Stores of every council's rows

    public var access: AccessStore { AccessStore(database) }
    public var councils: CouncilStore { CouncilStore(database) }
    public var figures: FiguresStore { FiguresStore(database) }
    public var summaries: FigureSummaries { FigureSummaries(database) }
    public var jobs: JobStore { JobStore(database) }
    public var network: NetworkStore { NetworkStore(database) }
    public var outbox: OutboxStore { OutboxStore(database) }
    public var postcodes: PostcodeStore { PostcodeStore(database) }
    public var practice: PracticeStore { PracticeStore(database) }
    public var staff: StaffStore { StaffStore(database) }
    public var wellbeing: WellbeingStore { WellbeingStore(database) }

    // MARK: A council's stores

    public var audit: AuditStore { get throws { AuditStore(database, councilID: try council) } }
    public var communityWork: CommunityWorkStore { get throws { CommunityWorkStore(database, councilID: try council) } }
    public var dashboard: DashboardStore { get throws { DashboardStore(database, councilID: try council) } }
    public var directory: DirectoryStore { get throws { DirectoryStore(database, councilID: try council) } }
    public var goodNeighbours: GoodNeighbourStore {
        get throws { GoodNeighbourStore(database, councilID: try council) }
    }
    public var people: PeopleStore { get throws { PeopleStore(database, councilID: try council) } }
    public var programmes: ProgrammeStore { get throws { ProgrammeStore(database, councilID: try council) } }
    public var sroi: SROIStore { get throws { SROIStore(database, councilID: try council) } }
    public var stories: StoryStore { get throws { StoryStore(database, councilID: try council) } }
    public var wards: WardStore { get throws { WardStore(database, councilID: try council) } }
    public var wording: WordingStore { get throws { WordingStore(database, councilID: try council) } }
}

extension Request {
    /// The stores on `req.db`, scoped to the signed-in member's council.
    public var stores: Stores {
        Stores(db, council: auth.get(SignedInStaff.self)?.council.id, reports: reportsDB)
    }

    /// The stores on a transaction's `db`, scoped to the signed-in member's council.
    func stores(on database: any Database) -> Stores { stores.on(database) }

    /// The stores of a council the address names, for a page no member signs in to (the public directory
    /// and ORUK feeds, the introduction form, one-time sign-in links), on `database` or `req.db`.
    func stores(council: Council.ID, on database: (any Database)? = nil) -> Stores {
        Stores(database ?? db, council: council, reports: reportsDB)
    }
}

extension Application {
    /// The stores on the application's database, for commands and routine jobs (a council's with
    /// `Stores(app.db, council:)`).
    public var stores: Stores { Stores(db, reports: reportsDB) }
}
