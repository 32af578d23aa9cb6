import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The log of work with the community itself, by ward: groups met, new groups started, venues found,
/// assets mapped.
struct CommunityWorkController: RouteCollection {
    static let path = SitePath.communityWork.path

    struct Row: Encodable {
        let date: String
        let kind: String
        let ward: String
        let by: String
        let notes: String
        let minutes: Int?
    }

    struct Page: Encodable {
        let page: PageContext
        let rows: [Row]
        let wardOptions: [ChoiceOption]
        let filterOptions: [ChoiceOption]
        let kindOptions: [ChoiceOption]
        /// When it happened, as three boxes (markup made in Swift).
        let today: String
        let posted: [String: String]
        let saved: Bool
        let errors: [FormError]
        let fieldErrors: [String: String]
    }

    struct Form: Content {
        var ward: String?
        var kind: String?
        var happenedOn: String?
        var minutes: String?
        var notes: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get(.communityWork, use: index)
        signedIn.post(.communityWork, use: create)
    }

    func page(
        _ req: Request, staff: SignedInStaff, form: Form?, errors: [FormError], posted: [String: String] = [:]
    ) async throws -> Page {
        let wards = try await req.stores.wards.all()
        let names = Dictionary(uniqueKeysWithValues: wards.map { ($0.id, $0.name) })
        let filter = req.query[String.self, at: "ward"].flatMap(Ward.ID.init)
        let entries = try await req.stores.communityWork.entries(ward: filter)
        let mine = try await req.stores.wards.coverage().rows
            .first { $0.coordinator?.id == staff.member.id }?.ward.id
        let chosenWard = form?.ward ?? mine?.description
        return Page(
            page: PageContext(request: req, title: Wording.current("community.page.community-work")),
            rows: entries.map {
                Row(
                    date: LondonTime.day($0.happenedOn), kind: $0.kind.label, ward: names[$0.wardID] ?? "",
                    by: $0.staffName, notes: $0.notes, minutes: $0.minutes)
            },
            wardOptions: wards.map {
                ChoiceOption(value: $0.id.description, label: $0.name, selected: $0.id.description == chosenWard)
            },
            filterOptions: wards.map {
                ChoiceOption(value: $0.id.description, label: $0.name, selected: $0.id == filter)
            },
            kindOptions: CommunityWork.Kind.allCases.map {
                ChoiceOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form?.kind)
            },
            today: DateField(
                id: "happenedOn", name: "happenedOn", legend: Wording.current("common.when"),
                iso: LondonTime.isoDay(req.now), posted: form == nil ? nil : posted, errors: errors
            ).markup.markup,
            posted: ["notes": form?.notes ?? "", "minutes": form?.minutes ?? ""],
            saved: req.query[String.self, at: "saved"] != nil, errors: errors, fieldErrors: errors.byField)
    }

    func index(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .workWithCommunity)
        return try await req.view.render(.communityWork, try await page(req, staff: staff, form: nil, errors: []))
    }

    func create(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .workWithCommunity)
        let form = try req.content.decode(Form.self)
        let typed = req.typedDay("happenedOn")
        // Every problem at once, with what was typed kept.
        var problems = FormProblems()
        let ward = form.ward.flatMap(Ward.ID.init)
        if ward == nil { problems.add("ward", Wording.current("community.page.choose-the-ward")) }
        let kind = form.kind.flatMap(CommunityWork.Kind.init(rawValue:))
        if kind == nil { problems.add("kind", Wording.current("community.page.choose-what-kind-of-work-it")) }
        let day =
            problems.day(typed, field: "happenedOn", required: false, latest: LondonTime.isoDay(req.now))
            ?? LondonTime.isoDay(req.now)
        let notes = (form.notes ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if notes.isEmpty || notes.count > 4_000 {
            problems.add("notes", Wording.current("community.error.say-what-happened"))
        }
        let minutes = problems.number(
            form.minutes, field: "minutes", in: 1...1_440,
            message: Wording.current("community.page.enter-the-time-spent-in-whole"))
        do {
            try problems.check()
            guard let ward, let kind else { throw problems }
            try await req.stores.communityWork.record(
                ward: ward, kind: kind, happenedOn: day, minutes: minutes, notes: form.notes ?? "", by: staff.member.id,
                at: req.now)
            return req.redirect(to: Self.path + "?saved=1")
        } catch {
            var refused = FormProblems()
            try refused.add(error)
            return try await req.view.render(
                .communityWork,
                try await page(
                    req, staff: staff, form: form, errors: refused.errors, posted: typed.posted(as: "happenedOn"))
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }
}
