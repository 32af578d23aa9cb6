import AlongsideCore
import AlongsideStore
import Fluent
import NIOConcurrencyHelpers
import Vapor

/// The Good Neighbours scheme: open requests and how long they have waited, checks to renew, volunteers,
/// and each request's ranked matches with the reasons for each.
struct GoodNeighboursController: RouteCollection {
    struct RequestRow: Encodable {
        let href: String
        let kind: String
        let ward: String
        let neededOn: String
        let waiting: String
        let status: String
        let volunteer: String?
    }

    struct ReminderRow: Encodable {
        let volunteer: String
        let href: String
        let check: String
        let expires: String
        let daysLeft: Int
    }

    struct IndexPage: Encodable {
        let page: PageContext
        let requests: [RequestRow]
        let reminders: [ReminderRow]
        let volunteerCount: Int
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get(.goodNeighbours, use: index)
        signedIn.get(.helpRequest(.key, .record), use: showRequest)
        signedIn.post(.helpRequest(.key, .details), use: correct)
        signedIn.post(.helpRequest(.key, .step(.key)), use: step)
        signedIn.post(.person(.key, .helpRequests), use: raise)
    }

    static func waiting(_ since: Date, now: Date) -> String {
        let days = Int(now.timeIntervalSince(since) / 86_400)
        return days == 0
            ? Wording.current("good-neighbours.page.today") : Wording.current("good-neighbours.page.days-waiting", days)
    }

    func index(req: Request) async throws -> View {
        _ = try req.staff(permitted: .workWithCommunity)
        let store = try req.stores.goodNeighbours
        let wards = Dictionary(
            uniqueKeysWithValues: try await req.stores.wards.all().map {
                ($0.code, $0.name)
            })
        let volunteers = try await store.volunteers()
        let names = Dictionary(uniqueKeysWithValues: volunteers.map { ($0.id, $0.shownName) })
        let today = ISODay.string(req.now)
        var reminders: [ReminderRow] = []
        for volunteer in volunteers where volunteer.active {
            for check in volunteer.checksToRenew(on: today) {
                reminders.append(
                    ReminderRow(
                        volunteer: volunteer.shownName, href: SitePath.volunteer(.value(volunteer.id), .record).path,
                        check: check.kind.label,
                        expires: LondonTime.day(check.expiresOn), daysLeft: check.daysLeft(on: today)))
            }
        }
        return try await req.view.render(
            .goodNeighboursIndex,
            IndexPage(
                page: PageContext(request: req, title: Wording.current("good-neighbours.page.good-neighbours")),
                requests: try await store.openRequests().map {
                    RequestRow(
                        href: SitePath.helpRequest(.value($0.id), .record).path, kind: $0.kind.label,
                        ward: $0.wardCode.flatMap { wards[$0] }
                            ?? Wording.current("good-neighbours.page.ward-not-known"),
                        neededOn: LondonTime.day($0.neededOn),
                        waiting: Self.waiting($0.createdAt, now: req.now), status: $0.status.label,
                        volunteer: $0.volunteerID.flatMap { names[$0] })
                }, reminders: reminders.sorted { $0.daysLeft < $1.daysLeft }, volunteerCount: volunteers.count))
    }

    struct MatchRow: Encodable {
        let volunteerID: String
        let name: String
        let href: String
        let phone: String?
        let reasons: [String]
    }

    struct LeftOutRow: Encodable {
        let name: String
        let reason: String
    }

    /// Where a request's forms post: its details and each step.
    struct StepPaths: Encodable {
        let details, offer, accepted, declined, completed, cancel: String

        init(_ id: HelpRequest.ID) {
            func step(_ step: SitePath.HelpRequestStep) -> String {
                SitePath.helpRequest(.value(id), .step(.value(step))).path
            }
            details = SitePath.helpRequest(.value(id), .details).path
            offer = step(.offer)
            accepted = step(.accepted)
            declined = step(.declined)
            completed = step(.completed)
            cancel = step(.cancel)
        }
    }

    struct RequestPage: Encodable {
        let page: PageContext
        let id: String
        let kind: String
        let details: String
        let neededOn: String
        let ward: String
        let postcode: String
        let needsClearance: Bool
        let status: String
        let statusValue: String
        let waiting: String
        let personPath: String
        let volunteer: String?
        /// The hours given, to one decimal place ("1.5"), once the help is done.
        let hoursGiven: String?
        let matches: [MatchRow]
        let leftOut: [LeftOutRow]
        let paths: StepPaths
        /// While it is being arranged: what it asks for and when, to correct.
        let editable: Bool
        let editDetails: String
        /// The day it is needed, as three boxes (markup made in Swift).
        let editNeededOn: String
        let errors: [FormError]
        let fieldErrors: [String: String]
    }

    func requestPage(
        _ req: Request, staff: SignedInStaff, id: HelpRequest.ID, errors: [FormError] = [],
        posted: [String: String]? = nil
    ) async throws -> RequestPage {
        let store = try req.stores.goodNeighbours
        let request = try await store.request(id)
        let wards = Dictionary(
            uniqueKeysWithValues: try await req.stores.wards.all().map {
                ($0.code, $0.name)
            })
        let volunteers = try await store.volunteers(activeOnly: true)
        let ranked = GoodNeighbourMatching.rank(request, volunteers: volunteers, wardNames: wards)
        var volunteer: Volunteer? = nil
        if let volunteerID = request.volunteerID { volunteer = try await store.volunteer(volunteerID) }
        return RequestPage(
            page: PageContext(
                request: req,
                title: Wording.current("good-neighbours.page.request-for", request.kind.label.lowercased())),
            id: request.id.description, kind: request.kind.label, details: ErasedWords.entry(request.details),
            neededOn: LondonTime.day(request.neededOn),
            ward: request.wardCode.flatMap { wards[$0] } ?? Wording.current("good-neighbours.page.ward-not-known"),
            postcode: request.postcode, needsClearance: request.needsClearance, status: request.status.label,
            statusValue: request.status.rawValue, waiting: Self.waiting(request.createdAt, now: req.now),
            personPath: SitePath.person(.value(request.personID)).path, volunteer: volunteer?.shownName,
            hoursGiven: request.minutes.map { String(format: "%.1f", Double($0) / 60) },
            matches: request.status == .open
                ? ranked.matches.map {
                    MatchRow(
                        volunteerID: $0.volunteer.id.description, name: $0.volunteer.shownName,
                        href: SitePath.volunteer(.value($0.volunteer.id), .record).path,
                        phone: $0.volunteer.phone.nonEmpty,
                        reasons: $0.reasons)
                } : [],
            leftOut: request.status == .open
                ? ranked.leftOut.map { LeftOutRow(name: $0.volunteer.shownName, reason: $0.reason) } : [],
            paths: StepPaths(request.id),
            editable: request.status == .open || request.status == .offered,
            editDetails: posted?["helpDetails"] ?? request.details,
            editNeededOn: DateField(
                id: "helpNeededOn", name: "helpNeededOn", legend: Wording.current("common.needed"),
                iso: request.neededOn, posted: posted, errors: errors
            ).markup.markup, errors: errors, fieldErrors: errors.byField)
    }

    func requestID(_ req: Request) throws -> HelpRequest.ID {
        guard let id = req.parameters.get(.requestID).flatMap(HelpRequest.ID.init) else {
            throw AlongsideError.notFound(.helpRequest)
        }
        return id
    }

    func showRequest(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .workWithCommunity)
        return try await req.view.render(
            .goodNeighboursRequest, try await requestPage(req, staff: staff, id: try requestID(req)))
    }

    /// Corrects what the request asks for and when, while it is being arranged; audited on the person's record.
    func correct(req: Request) async throws -> Response {
        struct Form: Content {
            var helpDetails: String?
            var helpNeededOn: String?
        }
        let staff = try req.staff(permitted: .workWithCommunity)
        let id = try requestID(req)
        let form = try req.content.decode(Form.self)
        let typed = req.typedDay("helpNeededOn")
        let posted = ["helpDetails": form.helpDetails ?? ""].merging(typed.posted(as: "helpNeededOn")) { $1 }
        let now = req.now
        let address = req.clientAddress
        let detail = AuditEntry.Detail.key("people.entry.corrected", Correction.Entry.helpRequest.rawValue)
        do {
            // Every problem at once, with what was typed kept.
            var problems = FormProblems()
            let day = problems.day(typed, field: "helpNeededOn")
            if (form.helpDetails ?? "").trimmedOrNil == nil || (form.helpDetails ?? "").count > 1_000 {
                problems.add("helpDetails", Wording.current("good-neighbours.page.say-what-help-is-needed"))
            }
            try problems.check()
            try await req.db.change { db in
                let store = try req.stores(on: db).goodNeighbours
                let request = try await store.request(id)
                try await store.correct(
                    id, details: form.helpDetails ?? "", neededOn: day ?? "", by: staff.member.id, at: now)
                try await req.stores(on: db).audit.record(
                    AuditEntry(
                        at: now, staffID: staff.member.id, personID: request.personID, action: .update, detail: detail,
                        address: address))
            }
            return req.redirect(to: SitePath.helpRequest(.value(id), .record).path)
        } catch let problems as FormProblems {
            return try await rerender(req, staff, id, problems.errors, posted: posted)
        } catch let validation as AlongsideValidation {
            return try await rerender(req, staff, id, validation.problems.map(FormError.init), posted: posted)
        } catch let problem as any DomainProblem where problem.kind == .invalid {
            return try await rerender(req, staff, id, [FormError(problem)], posted: posted)
        } catch let problem as any DomainProblem where problem.kind == .conflict {
            return try await rerender(
                req, staff, id, [FormError(field: "helpDetails", message: problem.message)], posted: posted)
        }
    }

    func step(req: Request) async throws -> Response {
        struct Form: Content {
            var volunteerID: String?
            var hours: String?
        }
        let staff = try req.staff(permitted: .workWithCommunity)
        let id = try requestID(req)
        let form = try req.content.decode(Form.self)
        let store = try req.stores.goodNeighbours
        let step: GoodNeighbourStore.Step
        do {
            switch req.parameters.get(.step) {
            case "offer":
                guard let volunteer = form.volunteerID.flatMap(Volunteer.ID.init) else {
                    throw RequestProblem.volunteerMissing
                }
                step = .offer(volunteer)
            case "accepted": step = .accepted
            case "declined": step = .declined
            case "completed":
                // Up to a month of hours on one request; anything else (or "inf") is a problem, not a trap.
                guard let hours = try? CheckedNumber.decimal(form.hours, field: "hours", in: 0.01...744) else {
                    throw RequestProblem.hoursUnusable
                }
                step = .completed(minutes: Int((hours * 60).rounded()))
            case "cancel": step = .cancel
            default: throw AlongsideError.notFound(.step)
            }
            try await store.record(step, on: id, at: req.now)
            return req.redirect(to: SitePath.helpRequest(.value(id), .record).path)
        } catch let problem as any DomainProblem where problem.kind == .invalid {
            return try await rerender(req, staff, id, [FormError(problem)])
        } catch let problem as any DomainProblem where problem.kind == .conflict {
            return try await rerender(req, staff, id, [FormError(field: "matches", message: problem.message)])
        }
    }

    func rerender(
        _ req: Request, _ staff: SignedInStaff, _ id: HelpRequest.ID, _ errors: [FormError],
        posted: [String: String]? = nil
    ) async throws -> Response {
        try await req.view.render(
            .goodNeighboursRequest, try await requestPage(req, staff: staff, id: id, errors: errors, posted: posted)
        ).encodeResponse(status: .unprocessableEntity, for: req)
    }

    /// A coordinator asks for a Good Neighbour from the person's record.
    func raise(req: Request) async throws -> Response {
        struct Form: Content {
            var helpKind: String?
            var helpDetails: String?
            var helpNeededOn: String?
            var helpNeedsClearance: String?
        }
        let form = try req.content.decode(Form.self)
        let typed = req.typedDay("helpNeededOn")
        let posted = ["helpDetails": form.helpDetails ?? "", "helpKind": form.helpKind ?? ""]
            .merging(typed.posted(as: "helpNeededOn")) { $1 }
        let raised = NIOLockedValueBox<HelpRequest.ID?>(nil)
        let response = try await PersonController().change(
            req, detail: .key("good-neighbours.page.asked-for-a-good-neighbour"), saved: "help",
            anchor: "connections", posted: posted
        ) { staff, person, store in
            guard staff.may(.workWithCommunity) else { throw AlongsideError.forbidden }
            // Every problem at once; left empty, it is needed from today.
            var problems = FormProblems()
            let kind = form.helpKind.flatMap(HelpKind.init(rawValue:))
            if kind == nil {
                problems.add("helpKind", Wording.current("good-neighbours.page.choose-the-kind-of-help"))
            }
            let neededOn = problems.day(typed, field: "helpNeededOn", required: false) ?? ISODay.string(req.now)
            if (form.helpDetails ?? "").trimmedOrNil == nil || (form.helpDetails ?? "").count > 1_000 {
                problems.add("helpDetails", Wording.current("good-neighbours.page.say-what-help-is-needed"))
            }
            try problems.check()
            guard let kind else { return }
            let id = try await req.stores(on: store.db).goodNeighbours.raise(
                for: person, kind: kind, details: form.helpDetails ?? "", neededOn: neededOn,
                needsClearance: form.helpNeedsClearance == "yes" || kind.needsClearanceByDefault,
                by: staff.member.id, at: req.now
            ).id
            raised.withLockedValue { $0 = id }
        }
        if let raised = raised.withLockedValue({ $0 }) {
            return req.redirect(to: SitePath.helpRequest(.value(raised), .record).path)
        }
        return response
    }
}
