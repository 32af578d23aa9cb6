import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Good Neighbour volunteers: who they are, what they help with, when and how far, and their checks.
struct VolunteersController: RouteCollection {

    struct Row: Encodable {
        let name: String
        let href: String
        let ward: String
        let helps: String
        let cleared: String
    }

    struct ListPage: Encodable {
        let page: PageContext
        let rows: [Row]
    }

    struct Form: Content {
        var volunteerName: String?
        var phone: String?
        var email: String?
        var volunteerPostcode: String?
        var travel: String?
        var helpsWith: [String]?
        var days: [String]?
        var skills: String?
        /// The volunteer's version the edit form was opened on.
        var version: String?
    }

    struct FormPage: Encodable {
        let page: PageContext
        let heading: String
        let action: String
        let form: Form
        let helpOptions: [ChoiceOption]
        let dayOptions: [ChoiceOption]
        let errors: [FormError]
        let fieldErrors: [String: String]
    }

    struct ShowPage: Encodable {
        struct CheckRow: Encodable {
            let kind: String
            let issued: String
            let expires: String
            let state: String
        }
        struct HelpRow: Encodable {
            let kind: String
            let neededOn: String
            let status: String
            let hours: String?
        }
        let page: PageContext
        let name: String
        let phone: String?
        /// One tap to call on a phone.
        let phoneHref: String?
        let email: String?
        let postcode: String
        let ward: String
        let travel: String
        let helps: String
        let days: String
        let skills: String?
        let checks: [CheckRow]
        let help: [HelpRow]
        let hoursGiven: String
        let checkPath: String
        let checkOptions: [ChoiceOption]
        /// What was typed in the check form when it is shown again with its problems.
        let checkPosted: [String: String]
        let errors: [FormError]
        let fieldErrors: [String: String]
        let status: String
        let erased: Bool
        let editPath: String
        let statusPath: String
        let erasePath: String
        let version: Int
        /// The changes of status open to them now (rest, back, left).
        let statusOptions: [ChoiceOption]
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get(.volunteers, use: index)
        signedIn.get(.newVolunteer, use: new)
        signedIn.post(.volunteers, use: create)
        signedIn.get(.volunteer(.key, .record), use: show)
        signedIn.post(.volunteer(.key, .checks), use: addCheck)
        signedIn.get(.volunteer(.key, .edit), use: editForm)
        signedIn.post(.volunteer(.key, .record), use: edit)
        signedIn.post(.volunteer(.key, .status), use: status)
        signedIn.post(.volunteer(.key, .erase), use: erase)
    }

    func index(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .workWithCommunity)
        let wards = try await wardNames(req, staff)
        let today = ISODay.string(req.now)
        let rows = try await req.stores.goodNeighbours.volunteers().map {
            Row(
                name: $0.shownName + ($0.status == .active ? "" : " (\($0.status.label.lowercased()))"),
                href: SitePath.volunteer(.value($0.id), .record).path,
                ward: $0.wardCode.flatMap { wards[$0] } ?? "—",
                helps: $0.helpsWith.map(\.label).joined(separator: ", "),
                cleared: $0.clearance(on: today).map {
                    Wording.current("good-neighbours.page.until", LondonTime.day($0.expiresOn))
                } ?? Wording.current("good-neighbours.page.not-cleared"))
        }
        return try await req.view.render(
            .goodNeighboursVolunteers,
            ListPage(
                page: PageContext(request: req, title: Wording.current("good-neighbours.page.volunteers")), rows: rows))
    }

    func wardNames(_ req: Request, _ staff: SignedInStaff) async throws -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: try await req.stores.wards.all().map {
                ($0.code, $0.name)
            })
    }

    func formPage(_ req: Request, form: Form, errors: [FormError], editing: Volunteer.ID? = nil) -> FormPage {
        let helps = Set(form.helpsWith ?? [])
        let days = Set(form.days ?? [])
        let heading =
            editing == nil
            ? Wording.current("good-neighbours.page.add-a-volunteer")
            : Wording.current("good-neighbours.page.change-a-volunteer", form.volunteerName ?? "")
        return FormPage(
            page: PageContext(request: req, title: heading), heading: heading,
            action: editing.map { SitePath.volunteer(.value($0), .record).path } ?? SitePath.volunteers.path,
            form: form,
            helpOptions: HelpKind.allCases.map {
                ChoiceOption(value: $0.rawValue, label: $0.label, selected: helps.contains($0.rawValue))
            },
            dayOptions: Weekday.allCases.map {
                ChoiceOption(value: $0.rawValue, label: $0.name, selected: days.contains($0.rawValue))
            }, errors: errors, fieldErrors: errors.byField)
    }

    func new(req: Request) async throws -> View {
        _ = try req.staff(permitted: .workWithCommunity)
        var form = Form()
        form.travel = "2"
        return try await req.view.render(.goodNeighboursVolunteerForm, formPage(req, form: form, errors: []))
    }

    func create(req: Request) async throws -> Response {
        try await save(req, editing: nil)
    }

    /// The form to change a volunteer's details, filled in.
    func editForm(req: Request) async throws -> View {
        _ = try req.staff(permitted: .workWithCommunity)
        let id = try volunteerID(req)
        let (volunteer, version) = try await req.stores.goodNeighbours.volunteerRead(id)
        let form = Form(
            volunteerName: volunteer.name, phone: volunteer.phone, email: volunteer.email,
            volunteerPostcode: volunteer.postcode,
            travel: NSDecimalNumber(value: Double(volunteer.travelMetres) / 1_000).stringValue,
            helpsWith: volunteer.helpsWith.map(\.rawValue), days: volunteer.availableDays.map(\.rawValue),
            skills: volunteer.skills, version: String(version))
        return try await req.view.render(
            .goodNeighboursVolunteerForm, formPage(req, form: form, errors: [], editing: id))
    }

    func edit(req: Request) async throws -> Response {
        try await save(req, editing: try volunteerID(req))
    }

    /// Rests a volunteer, brings them back, or records that they left.
    func status(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .workWithCommunity)
        let id = try volunteerID(req)
        struct StatusForm: Content {
            var status: String?
            var version: String?
        }
        let form = try req.content.decode(StatusForm.self)
        guard let status = form.status.flatMap(Volunteer.Status.init(rawValue:)) else {
            throw RequestProblem.volunteerStatusUnknown
        }
        do {
            try await req.stores.goodNeighbours.setStatus(
                status, of: id, on: ISODay.string(req.now), expectedVersion: try PersonController.version(form.version))
        } catch is RecordChanged {
            return try await req.view.render(
                .goodNeighboursVolunteer,
                try await showPage(
                    req, staff, id,
                    errors: [
                        FormError(
                            field: "status",
                            message: Wording.current("good-neighbours.page.volunteer-changed-since-you-opened-it"))
                    ])
            ).encodeResponse(status: .conflict, for: req)
        }
        return req.redirect(to: SitePath.volunteer(.value(id), .record).path)
    }

    /// Erases a volunteer's personal details at their request (confirmed).
    func erase(req: Request) async throws -> Response {
        _ = try req.staff(permitted: .workWithCommunity)
        let id = try volunteerID(req)
        struct EraseForm: Content { var confirm: String? }
        guard try req.content.decode(EraseForm.self).confirm == "yes" else {
            throw RequestProblem.volunteerErasureUnconfirmed
        }
        try await req.stores.goodNeighbours.erase(id, on: ISODay.string(req.now))
        return req.redirect(to: SitePath.volunteer(.value(id), .record).path)
    }

    func save(_ req: Request, editing: Volunteer.ID?) async throws -> Response {
        _ = try req.staff(permitted: .workWithCommunity)
        let form = try req.content.decode(Form.self)
        let store = try req.stores.goodNeighbours
        if let editing, try await store.volunteer(editing).erased == true {
            throw GoodNeighbourProblem.volunteerErased
        }
        do {
            let kilometres: Double
            do {
                guard let given = try CheckedNumber.decimal(form.travel, field: "travel", in: 0...200) else {
                    throw RequestProblem.travelUnusable
                }
                kilometres = given
            } catch {
                throw RequestProblem.travelUnusable
            }
            let volunteer = Volunteer(
                id: editing ?? .init(req.newID()), name: form.volunteerName ?? "",
                phone: form.phone?.trimmedOrNil ?? "",
                email: form.email?.trimmedOrNil ?? "", postcode: form.volunteerPostcode ?? "",
                travelMetres: Int((kilometres * 1_000).rounded()),
                helpsWith: (form.helpsWith ?? []).compactMap(HelpKind.init(rawValue:)),
                availableDays: (form.days ?? []).compactMap { Weekday(code: $0) },
                skills: form.skills?.trimmedOrNil ?? "")
            // An edit changes their details only; checks, status and erasure are kept as stored.
            try await store.save(
                volunteer, expectedVersion: editing == nil ? nil : try PersonController.version(form.version),
                at: req.now)
            return req.redirect(to: SitePath.volunteer(.value(volunteer.id), .record).path)
        } catch let changed as RecordChanged {
            // Someone else changed them since this form was opened: nothing overwritten, the answers kept to
            // try again from the version now.
            var again = form
            again.version = String(changed.currentVersion)
            return try await req.view.render(
                .goodNeighboursVolunteerForm,
                formPage(
                    req, form: again,
                    errors: [
                        FormError(
                            field: "volunteerName",
                            message: Wording.current("good-neighbours.page.volunteer-changed-since-you-opened-it"))
                    ], editing: editing)
            ).encodeResponse(status: .conflict, for: req)
        } catch let problem as any DomainProblem where problem.kind == .invalid {
            return try await req.view.render(
                .goodNeighboursVolunteerForm,
                formPage(req, form: form, errors: [FormError(problem)], editing: editing)
            ).encodeResponse(status: .unprocessableEntity, for: req)
        } catch let validation as AlongsideValidation {
            return try await req.view.render(
                .goodNeighboursVolunteerForm,
                formPage(
                    req, form: form,
                    errors: validation.problems.map(FormError.init),
                    editing: editing)
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func volunteerID(_ req: Request) throws -> Volunteer.ID {
        guard let id = req.parameters.get(.volunteerID).flatMap(Volunteer.ID.init) else {
            throw AlongsideError.notFound(.volunteer)
        }
        return id
    }

    func showPage(
        _ req: Request, _ staff: SignedInStaff, _ id: Volunteer.ID, errors: [FormError] = [],
        checkPosted: [String: String] = [:]
    ) async throws -> ShowPage {
        let store = try req.stores.goodNeighbours
        let (volunteer, version) = try await store.volunteerRead(id)
        let wards = try await wardNames(req, staff)
        let help = try await store.requests(of: id)
        let today = ISODay.string(req.now)
        let minutes = help.compactMap(\.minutes).reduce(0, +)
        return ShowPage(
            page: PageContext(request: req, title: volunteer.shownName), name: volunteer.shownName,
            phone: volunteer.phone.nonEmpty, phoneHref: SitePath.tel(volunteer.phone),
            email: volunteer.email.nonEmpty, postcode: volunteer.postcode,
            ward: volunteer.wardCode.flatMap { wards[$0] } ?? Wording.current("good-neighbours.page.not-known"),
            travel: Wording.current("good-neighbours.page.up-to", Distance.words(Double(volunteer.travelMetres))),
            helps: volunteer.helpsWith.map(\.label).joined(separator: ", "),
            days: volunteer.availableDays.isEmpty
                ? Wording.current("good-neighbours.page.ask-them")
                : volunteer.availableDays.map(\.name).joined(separator: ", "),
            skills: volunteer.skills.nonEmpty,
            checks: volunteer.checks.sorted { $0.expiresOn > $1.expiresOn }.map {
                ShowPage.CheckRow(
                    kind: $0.kind.label, issued: LondonTime.day($0.issuedOn), expires: LondonTime.day($0.expiresOn),
                    state: $0.isValid(on: today)
                        ? ($0.daysLeft(on: today) <= 60
                            ? Wording.current("good-neighbours.page.expires-in-days", $0.daysLeft(on: today))
                            : Wording.current("good-neighbours.page.valid"))
                        : Wording.current("good-neighbours.page.expired"))
            },
            help: help.map {
                ShowPage.HelpRow(
                    kind: $0.kind.label, neededOn: LondonTime.day($0.neededOn), status: $0.status.label,
                    hours: $0.minutes.map { String(format: "%.1f", Double($0) / 60) })
            },
            hoursGiven: String(format: "%.1f", Double(minutes) / 60),
            checkPath: SitePath.volunteer(.value(id), .checks).path,
            checkOptions: VolunteerCheck.Kind.allCases.map { kind in
                let chosen = checkPosted["kind"].flatMap(VolunteerCheck.Kind.init(rawValue:)) ?? .enhanced
                return ChoiceOption(value: kind.rawValue, label: kind.label, selected: kind == chosen)
            }, checkPosted: checkPosted, errors: errors, fieldErrors: errors.byField,
            status: volunteer.status.label + (volunteer.leftOn.map { " " + LondonTime.day($0) } ?? ""),
            erased: volunteer.erased == true, editPath: SitePath.volunteer(.value(id), .edit).path,
            statusPath: SitePath.volunteer(.value(id), .status).path,
            erasePath: SitePath.volunteer(.value(id), .erase).path, version: version,
            statusOptions: Volunteer.Status.allCases.filter { $0 != volunteer.status }.map {
                ChoiceOption(
                    value: $0.rawValue,
                    label: $0 == .active
                        ? Wording.current("good-neighbours.page.bring-back")
                        : $0 == .resting
                            ? Wording.current("good-neighbours.page.rest")
                            : Wording.current("good-neighbours.page.mark-left"),
                    selected: false)
            })
    }

    func show(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .workWithCommunity)
        return try await req.view.render(
            .goodNeighboursVolunteer, try await showPage(req, staff, try volunteerID(req)))
    }

    func addCheck(req: Request) async throws -> Response {
        struct CheckForm: Content {
            var kind: String?
            var issuedOn: String?
            var expiresOn: String?
        }
        let staff = try req.staff(permitted: .workWithCommunity)
        let id = try volunteerID(req)
        let form = try req.content.decode(CheckForm.self)
        let posted = ["kind": form.kind ?? "", "issuedOn": form.issuedOn ?? "", "expiresOn": form.expiresOn ?? ""]
        do {
            // Every problem at once, with what was typed kept: the kind, a day that cannot be read, and Core's
            // check of the days (issued, and expiring after it).
            var problems = FormProblems()
            let kind = form.kind.flatMap(VolunteerCheck.Kind.init(rawValue:))
            if kind == nil { try problems.add(RequestProblem.checkKindMissing) }
            let issued = Person.isoDate(form.issuedOn ?? "")
            let expires = Person.isoDate(form.expiresOn ?? "")
            if expires == nil { try problems.add(RequestProblem.checkExpiryUnreadable) }
            for problem in VolunteerCheck.problems(issuedOn: issued ?? "", expiresOn: expires ?? "")
            where !(expires == nil && problem == .checkExpiryMissing) {
                try problems.add(problem)
            }
            try problems.check()
            guard let kind, let issued, let expires else { throw problems }
            try await req.stores.goodNeighbours.addCheck(
                VolunteerCheck(id: .init(req.newID()), kind: kind, issuedOn: issued, expiresOn: expires), to: id,
                at: req.now
            )
            return req.redirect(to: SitePath.volunteer(.value(id), .record).path)
        } catch {
            guard let refused = FormProblems.of(error) else { throw error }
            return try await req.view.render(
                .goodNeighboursVolunteer,
                try await showPage(req, staff, id, errors: refused.errors, checkPosted: posted)
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }
}

extension Volunteer {
    /// Their name as shown: an erased volunteer's is gone (the store keeps no name, and no words in its place),
    /// so it reads "Erased volunteer" in the reader's language.
    var shownName: String { erased == true ? Wording.current("good-neighbours.page.erased-volunteer") : name }
}
