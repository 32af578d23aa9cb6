import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Council admins add and rename wards and name each ward's coordinator. Every change of coordinator
/// ends the old assignment and starts a new one, so the history is kept.
struct WardsController: RouteCollection {
    struct WardRow: Encodable {
        let name: String
        let code: String
        let href: String
        let coordinatorName: String?
    }

    struct IndexPage: Encodable {
        let page: PageContext
        let wards: [WardRow]
        let newWardPath: String
        let settingsPath = SitePath.settings.path
        let errors: [FormError]
        let fieldErrors: [String: String]
    }

    struct NewPage: Encodable {
        let page: PageContext
        let code: String
        let name: String
        let errors: [FormError]
        let fieldErrors: [String: String]
        let action: String
    }

    struct CoordinatorOption: Encodable {
        let id: String
        let label: String
        let selected: Bool
    }

    struct HistoryRow: Encodable {
        let coordinatorName: String
        let from: String
        let to: String?
    }

    struct ShowPage: Encodable {
        let page: PageContext
        let ward: Ward
        let wardPath: String
        let assignmentPath: String
        let coordinatorName: String?
        let options: [CoordinatorOption]
        let history: [HistoryRow]
        let errors: [FormError]
        let fieldErrors: [String: String]
        let notice: String?
    }

    struct WardForm: Content {
        var code: String?
        var name: String?
    }

    struct AssignmentForm: Content {
        var coordinator: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get(.wards, use: index)
        signedIn.get(.newWard, use: new)
        signedIn.post(.wards, use: create)
        signedIn.get(.ward(.key), use: show)
        signedIn.post(.ward(.key), use: update)
        signedIn.post(.wardAssignment(.key), use: assign)
    }

    func index(req: Request) async throws -> View {
        _ = try req.staff(permitted: .manageWards)
        let coverage = try await req.stores.wards.coverage()
        let rows = coverage.rows.map {
            WardRow(
                name: $0.ward.name, code: $0.ward.code, href: SitePath.ward(.value($0.ward.id)).path,
                coordinatorName: $0.coordinator?.name)
        }
        return try await req.view.render(
            .wardsIndex,
            IndexPage(
                page: PageContext(request: req, title: Wording.current("wards.page.wards")), wards: rows,
                newWardPath: SitePath.newWard.path, errors: [], fieldErrors: [:]))
    }

    func new(req: Request) async throws -> View {
        _ = try req.staff(permitted: .manageWards)
        return try await req.view.render(
            .wardsNew,
            NewPage(
                page: PageContext(request: req, title: Wording.current("wards.page.add-a-ward")), code: "", name: "",
                errors: [], fieldErrors: [:],
                action: SitePath.wards.path))
    }

    func create(req: Request) async throws -> Response {
        _ = try req.staff(permitted: .manageWards)
        let form = try req.content.decode(WardForm.self)
        do {
            let ward = try await req.stores.wards.create(
                code: form.code ?? "", name: form.name ?? "")
            return req.redirect(to: SitePath.ward(.value(ward.id)).path + "?added=1")
        } catch let problem as any DomainProblem where problem.kind == .invalid {
            let page = NewPage(
                page: PageContext(request: req, title: Wording.current("wards.page.error-add-a-ward")),
                code: form.code ?? "",
                name: form.name ?? "",
                errors: [FormError(problem)],
                fieldErrors: [problem.field ?? "": problem.message], action: SitePath.wards.path)
            return try await req.view.render(.wardsNew, page).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func show(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .manageWards)
        var notice: String? = nil
        if req.query[String.self, at: "added"] != nil { notice = Wording.current("wards.page.ward-added") }
        if req.query[String.self, at: "assigned"] != nil {
            notice = Wording.current("wards.page.named-coordinator-updated")
        }
        if req.query[String.self, at: "renamed"] != nil { notice = Wording.current("wards.page.ward-name-saved") }
        return try await renderShow(req, staff: staff, errors: [], notice: notice)
    }

    func update(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .manageWards)
        let wardID = try wardID(req)
        let form = try req.content.decode(WardForm.self)
        do {
            _ = try await req.stores.wards.rename(wardID, to: form.name ?? "")
            return req.redirect(to: SitePath.ward(.value(wardID)).path + "?renamed=1")
        } catch let problem as any DomainProblem where problem.kind == .invalid {
            return try await renderShow(
                req, staff: staff, errors: [FormError(problem)], notice: nil
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func assign(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .manageWards)
        let wardID = try wardID(req)
        let form = try req.content.decode(AssignmentForm.self)
        let choice = (form.coordinator ?? "").trimmingCharacters(in: .whitespaces)
        let coordinatorID: StaffMember.ID?
        if choice.isEmpty || choice == "none" {
            coordinatorID = nil
        } else if let id = StaffMember.ID(choice) {
            coordinatorID = id
        } else {
            return try await renderShow(
                req, staff: staff,
                errors: [
                    FormError(
                        field: "coordinator", message: Wording.current("wards.page.choose-a-coordinator-from-the-list"))
                ],
                notice: nil
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        do {
            try await req.stores.wards
                .assign(wardID, to: coordinatorID, by: staff.member.id, at: req.now)
            return req.redirect(to: SitePath.ward(.value(wardID)).path + "?assigned=1")
        } catch let problem as any DomainProblem where problem.kind == .invalid {
            return try await renderShow(
                req, staff: staff, errors: [FormError(problem)], notice: nil
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    private func wardID(_ req: Request) throws -> Ward.ID {
        guard let raw = req.parameters.get(.wardID), let id = Ward.ID(raw) else {
            throw AlongsideError.notFound(.ward)
        }
        return id
    }

    private func renderShow(_ req: Request, staff: SignedInStaff, errors: [FormError], notice: String?) async throws
        -> View
    {
        let store = try req.stores.wards
        let ward = try await store.find(try wardID(req))
        let history = try await store.history(of: ward.id)
        let current = history.first(where: \.isCurrent)
        let candidates = try await req.stores.staff.list(
            councilID: staff.council.id, roles: [.coordinator, .teamLeader])
        var options = [
            CoordinatorOption(
                id: "none", label: Wording.current("wards.page.nobody-leave-the-ward-uncovered"),
                selected: current == nil)
        ]
        options += candidates.map {
            CoordinatorOption(
                id: $0.id.description, label: $0.role == .coordinator ? $0.name : "\($0.name) (\($0.role.title))",
                selected: $0.id == current?.coordinatorID)
        }
        let rows = history.map {
            HistoryRow(
                coordinatorName: $0.coordinatorName, from: LondonTime.date($0.startedAt),
                to: $0.endedAt.map(LondonTime.date))
        }
        let title = errors.isEmpty ? ward.name : Wording.current("wards.page.error", ward.name)
        let page = ShowPage(
            page: PageContext(request: req, title: title), ward: ward, wardPath: SitePath.ward(.value(ward.id)).path,
            assignmentPath: SitePath.wardAssignment(.value(ward.id)).path, coordinatorName: current?.coordinatorName,
            options: options,
            history: rows, errors: errors, fieldErrors: errors.byField, notice: notice)
        return try await req.view.render(.wardsShow, page)
    }
}
