import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The council's settings, on a page of their own (not under Wards): the "not seen" period, two-step
/// sign-in for everyone, the languages offered, Network sharing and what the council invests, how long
/// records are kept, and how residents reach the team (shown on the public thank-you page). Each change is checked, saved with its audit entry in one transaction, and a refused
/// value is shown again with what to fix.
struct SettingsController: RouteCollection {
    struct Page: Encodable {
        let page: PageContext
        let noContactDays: String
        let retentionLevel1Years: String
        let retentionLevel2Years: String
        let requireTwoStep: Bool
        let sharesWithNetwork: Bool
        let annualInvestment: String
        let publicPhone: String
        let publicHours: String
        /// The hours in Welsh, asked only of a council that offers Welsh.
        let offersWelsh: Bool
        let publicHoursWelsh: String
        let outOfHoursPhone: String
        let notice: String?
        let errors: [FormError]
        let fieldErrors: [String: String]
        let paths = Paths()
    }

    struct Paths: Encodable {
        let caseload = SitePath.settingsCaseload.path
        let twoStep = SitePath.settingsTwoStep.path
        let network = SitePath.settingsNetwork.path
        let retention = SitePath.settingsRetention.path
        let publicContact = SitePath.settingsPublicContact.path
        let languages = SitePath.languages.path
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get(.settings, use: index)
        signedIn.post(.settingsCaseload, use: saveCaseload)
        signedIn.post(.settingsTwoStep, use: saveTwoStep)
        signedIn.post(.settingsNetwork, use: saveNetwork)
        signedIn.post(.settingsRetention, use: saveRetention)
        signedIn.post(.settingsPublicContact, use: savePublicContact)
    }

    func index(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .manageWards)
        let notice = req.query[String.self, at: "saved"] != nil ? Wording.current("wards.page.setting-saved") : nil
        let contact = try await req.stores.councils.publicContact(of: staff.council.id)
        return try await req.view.render(
            .settingsIndex, page(req, staff.council, contact, typed: [:], notice: notice, errors: []))
    }

    func page(
        _ req: Request, _ council: Council, _ contact: Council.PublicContact, typed: [String: String],
        notice: String?, errors: [FormError]
    ) -> Page {
        Page(
            page: PageContext(
                request: req,
                title: errors.isEmpty
                    ? Wording.current("settings.page.title") : Wording.current("settings.page.error-title"),
                forms: true),
            noContactDays: typed["noContactDays"] ?? String(council.noContactDays),
            retentionLevel1Years: typed["level1Years"] ?? String(council.retentionLevel1Years),
            retentionLevel2Years: typed["level2Years"] ?? String(council.retentionLevel2Years),
            requireTwoStep: council.requireTwoStep, sharesWithNetwork: council.sharesWithNetwork,
            annualInvestment: typed["annualInvestment"] ?? council.annualInvestmentPence.map { String($0 / 100) } ?? "",
            publicPhone: typed["publicPhone"] ?? contact.phone, publicHours: typed["publicHours"] ?? contact.hours,
            offersWelsh: council.languages.contains(.welsh),
            publicHoursWelsh: typed["publicHoursWelsh"] ?? contact.hoursWelsh,
            outOfHoursPhone: typed["outOfHoursPhone"] ?? contact.outOfHoursPhone, notice: notice, errors: errors,
            fieldErrors: errors.byField)
    }

    /// Saves one setting with its audit entry (the detail `change` returns once the value is checked and
    /// saved), or shows the page again with what to fix.
    func save(
        _ req: Request, typed: [String: String],
        _ change: @escaping @Sendable (any Database, SignedInStaff) async throws -> AuditEntry.Detail
    ) async throws -> Response {
        let staff = try req.staff(permitted: .manageWards)
        let now = req.now
        let address = req.clientAddress
        do {
            try await req.db.change { db in
                let detail = try await change(db, staff)
                try await req.stores(on: db).audit.record(
                    AuditEntry(
                        at: now, staffID: staff.member.id, personID: nil, action: .update, detail: detail,
                        address: address))
            }
        } catch let problem as any DomainProblem where problem.kind == .invalid {
            return try await refused(req, staff, typed: typed, [FormError(problem)])
        } catch let validation as AlongsideValidation {
            return try await refused(
                req, staff, typed: typed, validation.problems.map(FormError.init))
        }
        return req.redirect(to: SitePath.settings.path + "?saved=1")
    }

    /// The page again with what was typed and every problem to fix.
    func refused(_ req: Request, _ staff: SignedInStaff, typed: [String: String], _ errors: [FormError]) async throws
        -> Response
    {
        let councils = req.stores.councils
        let council = try await councils.find(staff.council.id) ?? staff.council
        return try await req.view.render(
            .settingsIndex,
            page(
                req, council, try await councils.publicContact(of: council.id), typed: typed, notice: nil,
                errors: errors)
        ).encodeResponse(status: .unprocessableEntity, for: req)
    }

    func saveCaseload(req: Request) async throws -> Response {
        struct Form: Content { var noContactDays: String? }
        let typed = try req.content.decode(Form.self).noContactDays ?? ""
        return try await save(req, typed: ["noContactDays": typed]) { db, staff in
            guard let days = try CheckedNumber.parse(typed, field: "noContactDays", in: 1...10_000) else {
                throw CouncilProblem.noContactDaysOutOfRange
            }
            try await req.stores(on: db).councils.setNoContactDays(days, for: staff.council.id)
            return .key("settings.page.changed-not-seen", days)
        }
    }

    /// Whether everyone must use two-step sign-in: switched on, everyone without it is signed out everywhere
    /// (API tokens too) and sets it up at their next sign-in; the admin who switched it on keeps this session.
    func saveTwoStep(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .manageWards)
        struct Form: Content { var requireTwoStep: String? }
        let required = try req.content.decode(Form.self).requireTwoStep == "yes"
        let now = req.now
        let response = try await save(req, typed: [:]) { db, staff in
            try await req.stores(on: db).councils.setRequireTwoStep(required, for: staff.council.id)
            guard required else { return .key("settings.page.two-step-optional") }
            guard !staff.council.requireTwoStep else { return .key("settings.page.two-step-required") }
            // Switched on now: everyone without two-step is signed out, and the one entry says how many.
            let signedOut = try await req.stores(on: db).staff.signOutMembersWithoutTwoStep(
                councilID: staff.council.id, at: now)
            return .key("wards.page.required-two-step-sign-in", signedOut.count)
        }
        if required, !staff.member.twoStepEnabled { try await SignIn.keepThisSession(req, staff.member.id) }
        return response
    }

    /// Whether the council shares its published figures with the Network, and what it invests a year.
    func saveNetwork(req: Request) async throws -> Response {
        struct Form: Content {
            var shareWithNetwork: String?
            var annualInvestment: String?
        }
        let form = try req.content.decode(Form.self)
        let shares = form.shareWithNetwork == "yes"
        return try await save(req, typed: ["annualInvestment": form.annualInvestment ?? ""]) { db, staff in
            try await req.stores(on: db).councils.setNetworkSharing(
                shares, annualInvestmentPence: try Council.annualInvestmentPence(typed: form.annualInvestment),
                for: staff.council.id)
            return shares ? .key("settings.page.shares-with-network") : .key("settings.page.does-not-share")
        }
    }

    /// How long records are kept: Level 1 contacts after the last contact, Level 2 records after they ended.
    func saveRetention(req: Request) async throws -> Response {
        struct Form: Content {
            var level1Years: String?
            var level2Years: String?
        }
        let form = try req.content.decode(Form.self)
        let typed = ["level1Years": form.level1Years ?? "", "level2Years": form.level2Years ?? ""]
        return try await save(req, typed: typed) { db, staff in
            let problem = RequestProblem.level1YearsOutOfRange
            guard let level1 = try? CheckedNumber.parse(form.level1Years, field: "level1Years", in: 1...10),
                let level2 = try? CheckedNumber.parse(form.level2Years, field: "level2Years", in: 1...25)
            else { throw problem }
            try await req.stores(on: db).councils.setRetention(
                level1Years: level1, level2Years: level2, for: staff.council.id)
            return .key("settings.page.changed-retention", level1, level2)
        }
    }

    /// How residents reach the team, for the thank-you page after an introduction: the team's phone number
    /// and hours, and the council's out-of-hours line. Each is checked (every problem at once) and may be
    /// left empty.
    func savePublicContact(req: Request) async throws -> Response {
        struct Form: Content {
            var publicPhone: String?
            var publicHours: String?
            var publicHoursWelsh: String?
            var outOfHoursPhone: String?
        }
        let form = try req.content.decode(Form.self)
        let typed = [
            "publicPhone": form.publicPhone ?? "", "publicHours": form.publicHours ?? "",
            "publicHoursWelsh": form.publicHoursWelsh ?? "", "outOfHoursPhone": form.outOfHoursPhone ?? "",
        ]
        return try await save(req, typed: typed) { db, staff in
            // A council that does not offer Welsh is not asked for Welsh hours: what it had is kept.
            let offersWelsh = staff.council.languages.contains(.welsh)
            let earlier = try await req.stores(on: db).councils.publicContact(of: staff.council.id)
            let contact = try Council.PublicContact.checked(
                phone: form.publicPhone, hours: form.publicHours, outOfHoursPhone: form.outOfHoursPhone,
                hoursWelsh: offersWelsh ? form.publicHoursWelsh : earlier.hoursWelsh
            ).get()
            try await req.stores(on: db).councils.setPublicContact(contact, for: staff.council.id)
            func shown(_ text: String) -> String { text.isEmpty ? "–" : text }
            let hours =
                contact.hoursWelsh.isEmpty ? shown(contact.hours) : shown(contact.hours) + " / " + contact.hoursWelsh
            return .key(
                "settings.public-contact.changed", shown(contact.phone), hours, shown(contact.outOfHoursPhone))
        }
    }
}
