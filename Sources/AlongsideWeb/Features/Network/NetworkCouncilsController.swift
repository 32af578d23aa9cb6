import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The network admin's councils page: every council on the deployment, whether it shares its figures,
/// its public pages, and a form that adds a council together with its first council admin, who takes it
/// from there (wards, coordinators, settings).
struct NetworkCouncilsController: RouteCollection {
    struct CouncilRow: Encodable {
        let name: String
        let slug: String
        let shares: Bool
        let staff: Int
        let introducePath: String
        let directoryPath: String
        let orukPath: String
    }

    struct Form: Content {
        var slug: String?
        var councilName: String?
        var adminName: String?
        var adminEmail: String?
        var adminPassword: String?
    }

    struct Page: Encodable {
        let page: PageContext
        let councils: [CouncilRow]
        let form: Form
        let errors: [FormError]
        let fieldErrors: [String: String]
        let notice: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get(.networkCouncils, use: index)
        signedIn.post(.networkCouncils, use: create)
    }

    func index(req: Request) async throws -> View {
        _ = try req.staff(permitted: .manageNetwork)
        let added = req.query[String.self, at: "added"]
        return try await render(
            req, form: Form(), errors: [],
            notice: added.map { Wording.current("network.page.added-the-council-and-its-council", $0) })
    }

    func render(_ req: Request, form: Form, errors: [FormError], notice: String?) async throws -> View {
        let staff = try await req.stores.staff.countsByCouncil()
        let rows = try await req.stores.councils.all().map { council in
            CouncilRow(
                name: council.name, slug: council.slug, shares: council.sharesWithNetwork,
                staff: staff[council.id] ?? 0,
                introducePath: SitePath.ownIntroduce(.value(council.slug)).path,
                directoryPath: SitePath.ownDirectory(.value(council.slug)).path,
                orukPath: SitePath.oruk(.own(.value(council.slug)), .root).path)
        }
        return try await req.view.render(
            .networkCouncils,
            Page(
                page: PageContext(
                    request: req, title: errors.isEmpty ? "Councils" : Wording.current("network.page.error-councils")),
                councils: rows, form: form, errors: errors, fieldErrors: errors.byField, notice: notice))
    }

    /// Adds the council and its first admin in one transaction: both or neither.
    /// A problem with the first admin, beside the box it is about.
    static func adminError(_ problem: StaffProblem) -> FormError {
        FormError(field: problem.field == "name" ? "adminName" : "adminEmail", message: problem.message)
    }

    func create(req: Request) async throws -> Response {
        _ = try req.staff(permitted: .manageNetwork)
        let form = try req.content.decode(Form.self)
        let password = form.adminPassword ?? ""
        do {
            // Every problem at once, each beside its box: the council's slug and name, and the first admin's
            // name and email (Core's check) and password. A slug already taken is the store's to find.
            var problems = FormProblems()
            if !Council.isValidSlug((form.slug ?? "").trimmingCharacters(in: .whitespaces).lowercased()) {
                problems.add("slug", CouncilProblem.slugUnusable.message)
            }
            if (form.councilName ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.add("councilName", CouncilProblem.nameMissing.message)
            }
            problems.errors += StaffMember.problems(email: form.adminEmail ?? "", name: form.adminName ?? "").map(
                Self.adminError)
            if let problem = PasswordPolicy.problem(
                with: password, email: form.adminEmail ?? "", name: form.adminName ?? "")
            {
                problems.add("adminPassword", problem)
            }
            try problems.check()
            let hash = try await req.password.async.hash(password)
            let council = try await req.db.change { db in
                let council = try await req.stores(on: db).councils.create(
                    slug: form.slug ?? "", name: form.councilName ?? "")
                _ = try await req.stores(on: db).staff.create(
                    councilID: council.id, email: form.adminEmail ?? "", name: form.adminName ?? "",
                    role: .councilAdmin, passwordHash: hash)
                return council
            }
            return req.redirect(to: SitePath.networkCouncils.with(query: ["added": council.slug]))
        } catch {
            // The council's problems and its first admin's sit beside this form's own boxes.
            let errors: [FormError]
            switch error {
            case let problems as FormProblems: errors = problems.errors
            case let problem as CouncilProblem:
                errors = [FormError(field: problem.field == "name" ? "councilName" : "slug", message: problem.message)]
            case let problem as StaffProblem: errors = [Self.adminError(problem)]
            case let validation as AlongsideValidation:
                errors = validation.problems.map { ($0 as? StaffProblem).map(Self.adminError) ?? FormError($0) }
            default: throw error
            }
            var safe = form
            safe.adminPassword = nil
            return try await render(req, form: safe, errors: errors, notice: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }
}
