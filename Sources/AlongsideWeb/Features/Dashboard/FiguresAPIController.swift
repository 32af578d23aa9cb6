import AlongsideCore
import AlongsideStore
import Vapor

/// `GET /api/v1/figures?from=YYYY-MM-DD&to=YYYY-MM-DD` (or `?period=fy2026-q2`): the council's defined
/// figures for a period as JSON, for a team leader's (or council admin's) API token. Keyed by each
/// definition's id, as the dashboard's CSV is; each with its value, the previous period's and its wording.
struct FiguresAPIController: RouteCollection {
    struct Value: Content {
        let name: String
        let definition: String
        /// A count, points, pounds or a ratio; null when it cannot be worked out (no investment set, no pairs).
        let value: Decimal?
        let previous: Decimal?
        /// Whether a year's figure is its quarters' added up.
        let additive: Bool
    }

    struct PeriodDTO: Content {
        let from: String
        let to: String
        let label: String
    }

    struct Body: Content {
        let council: String
        let period: PeriodDTO
        let previousPeriod: PeriodDTO
        let figures: [String: Value]
        /// Reading pairs counted in the period whose first reading was taken before it began.
        let pairsSpanningPeriods: Int
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(BearerTokenAuthenticator(), RequireBearer()).get(.api(.figures), use: figures)
    }

    func figures(req: Request) async throws -> Body {
        let staff = try req.staff(permitted: .viewDashboard)
        let choice = try PeriodChoice(req, action: SitePath.api(.figures).path)
        let store = req.stores.reports.figures
        let current = try await store.figures(council: staff.council.id, period: choice.period, now: req.now)
        let previous = try await store.figures(council: staff.council.id, period: choice.previous, now: req.now)
        let today = ISODay.string(req.now)
        func dto(_ period: Period) -> PeriodDTO {
            PeriodDTO(from: period.from, to: period.to, label: period.label(today: today))
        }
        return Body(
            council: staff.council.slug, period: dto(choice.period), previousPeriod: dto(choice.previous),
            figures: Dictionary(
                uniqueKeysWithValues: Figure.allCases.map { figure in
                    (
                        figure.rawValue,
                        Value(
                            name: figure.name, definition: figure.definition, value: current.value(figure),
                            previous: previous.value(figure), additive: figure.isAdditive)
                    )
                }), pairsSpanningPeriods: current.pairsSpanningPeriods)
    }
}
