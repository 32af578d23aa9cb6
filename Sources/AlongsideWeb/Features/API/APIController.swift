import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The JSON API under /api/v1. Bearer tokens only; every answer is scoped to the caller's council.
/// Described by Resources/openapi.json, served at /api/v1/openapi.json.
struct APIController: RouteCollection {
    struct TokenRequest: Content {
        var email: String
        var password: String
        /// The one-time code (or a recovery code), for accounts with two-step sign-in.
        var code: String?
        /// `read` or `read-write` (the default).
        var scope: String?
    }

    struct TokenResponse: Content {
        let token: String
        let expiresAt: Date
    }

    struct CoordinatorDTO: Content {
        let id: String
        let name: String
        let email: String
    }

    struct WardDTO: Content {
        let id: String
        let code: String
        let name: String
        let coordinator: CoordinatorDTO?
    }

    struct WardList: Content {
        let items: [WardDTO]
    }

    struct AssignmentDTO: Content {
        let coordinator: CoordinatorDTO
        let startedAt: Date
        let endedAt: Date?
    }

    struct WardDetail: Content {
        let id: String
        let code: String
        let name: String
        let coordinator: CoordinatorDTO?
        let history: [AssignmentDTO]
    }

    struct MeDTO: Content {
        let id: String
        let name: String
        let email: String
        let role: String
        let council: CouncilDTO
    }

    struct CouncilDTO: Content {
        let slug: String
        let name: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.api(.openAPI), use: openAPI)
        routes.post(.api(.tokens), use: createToken)
        let protected = routes.grouped(BearerTokenAuthenticator(), RequireBearer())
        protected.get(.api(.me), use: me)
        protected.delete(.api(.currentToken), use: revokeToken)
        protected.get(.api(.wards), use: wards)
        protected.get(.api(.ward(.key)), use: ward)
    }

    func openAPI(req: Request) async throws -> Response {
        let path = req.application.directory.resourcesDirectory + "openapi.json"
        let response = try await req.fileio.asyncStreamFile(at: path)
        response.headers.contentType = .json
        return response
    }

    func createToken(req: Request) async throws -> Response {
        guard let body = try? req.content.decode(TokenRequest.self) else {
            throw RequestProblem.signInBodyUnreadable
        }
        let staff: SignedInStaff
        do {
            staff = try await SignIn.verify(email: body.email, password: body.password, on: req)
        } catch RequestProblem.signInRefused {
            throw Abort(.unauthorized, reason: SignIn.wrongCredentials.message)
        }
        if staff.member.twoStepEnabled {
            guard let code = body.code, try await TwoStep.verify(code, for: staff.member, on: req) else {
                throw Abort(
                    .unauthorized,
                    reason: Wording.current("api.message.this-account-uses-two-step-sign"))
            }
        } else if staff.council.requireTwoStep {
            throw Abort(.forbidden, reason: Wording.current("api.message.your-council-requires-two-step"))
        }
        var scope = AccessStore.TokenScope.readWrite
        if let asked = body.scope {
            guard let parsed = AccessStore.TokenScope(rawValue: asked) else {
                throw RequestProblem.tokenScopeUnknown
            }
            scope = parsed
        }
        let token = BearerTokenAuthenticator.newToken()
        let expiresAt = req.now.addingTimeInterval(req.application.alongside.apiTokenLifetime)
        try await req.stores.access.createToken(
            for: staff.member, digest: BearerTokenAuthenticator.digest(token), expiresAt: expiresAt, scope: scope)
        return try await TokenResponse(token: token, expiresAt: expiresAt).encodeResponse(status: .created, for: req)
    }

    /// Revokes the token this request came with.
    func revokeToken(req: Request) async throws -> HTTPStatus {
        guard let bearer = req.headers.bearerAuthorization else { throw Abort(.unauthorized) }
        try await req.stores.access.revokeToken(digest: BearerTokenAuthenticator.digest(bearer.token))
        return .noContent
    }

    func me(req: Request) async throws -> MeDTO {
        let staff = try req.staff
        return MeDTO(
            id: staff.member.id.description, name: staff.member.name, email: staff.member.email,
            role: staff.member.role.rawValue, council: CouncilDTO(slug: staff.council.slug, name: staff.council.name))
    }

    func wards(req: Request) async throws -> WardList {
        _ = try req.staff(permitted: .viewCoverage)
        let coverage = try await req.stores.wards.coverage()
        return WardList(
            items: coverage.rows.map { row in
                WardDTO(
                    id: row.ward.id.description, code: row.ward.code, name: row.ward.name,
                    coordinator: row.coordinator.map {
                        CoordinatorDTO(id: $0.id.description, name: $0.name, email: $0.email)
                    })
            })
    }

    func ward(req: Request) async throws -> WardDetail {
        let staff = try req.staff(permitted: .viewCoverage)
        guard let raw = req.parameters.get(.wardID), let id = Ward.ID(raw) else {
            throw AlongsideError.notFound(.ward)
        }
        let store = try req.stores.wards
        let ward = try await store.find(id)
        let history = try await store.history(of: id)
        let people = try await req.stores.staff.list(councilID: staff.council.id)
        let emails = Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0.email) })
        let items = history.map {
            AssignmentDTO(
                coordinator: CoordinatorDTO(
                    id: $0.coordinatorID.description, name: $0.coordinatorName, email: emails[$0.coordinatorID] ?? ""),
                startedAt: $0.startedAt, endedAt: $0.endedAt)
        }
        return WardDetail(
            id: ward.id.description, code: ward.code, name: ward.name,
            coordinator: items.first(where: { $0.endedAt == nil })?.coordinator, history: items)
    }
}
