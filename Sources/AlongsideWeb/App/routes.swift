import Vapor

/// Lists each feature's routes; the features say what they serve.
func routes(_ app: Application) throws {
    try app.register(collection: HealthController())
    try app.register(collection: SignInController())
    try app.register(collection: HomeController())
    try app.register(collection: CoverageController())
    try app.register(collection: WardsController())
    try app.register(collection: IntroduceController())
    try app.register(collection: PeopleController())
    try app.register(collection: PersonController())
    try app.register(collection: ConnectionsController())
    try app.register(collection: CaseloadController())
    try app.register(collection: TeamController())
    try app.register(collection: DashboardController())
    try app.register(collection: SROIController())
    try app.register(collection: ProxiesController())
    try app.register(collection: ProgrammesController())
    try app.register(collection: StoriesController())
    try app.register(collection: DirectoryController())
    try app.register(collection: StaffDirectoryController())
    try app.register(collection: GoodNeighboursController())
    try app.register(collection: VolunteersController())
    try app.register(collection: ORUKController())
    try app.register(collection: APIController())
    try app.register(collection: PeopleAPIController())
    try app.register(collection: SROIAPIController())
}
