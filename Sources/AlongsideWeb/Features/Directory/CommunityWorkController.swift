import AlongsideCore
import AlongsideStore
import Vapor

/// The log of work with the community itself, by ward: groups met, new groups started, venues found,
/// assets mapped.
struct CommunityWorkController: RouteCollection {
    static let path = "/community/work"

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
        let work = routes.grouped(RequireSignIn()).grouped("community", "work")
        work.get(use: index)
        work.post(use: create)
    }

    func page(_ req: Request, staff: SignedInStaff, form: Form?, errors: [FormError]) async throws -> Page {
        let wards = try await WardStore(req.db, councilID: staff.council.id).all()
        let names = Dictionary(uniqueKeysWithValues: wards.map { ($0.id, $0.name) })
        let filter = req.query[String.self, at: "ward"].flatMap(Ward.ID.init)
        let entries = try await CommunityWorkStore(req.db, councilID: staff.council.id).entries(ward: filter)
        let mine = try await WardStore(req.db, councilID: staff.council.id).coverage().rows
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
            today: form?.happenedOn ?? LondonTime.inputDate(req.now),
            posted: ["notes": form?.notes ?? "", "minutes": form?.minutes ?? ""],
            saved: req.query[String.self, at: "saved"] != nil, errors: errors, fieldErrors: errors.byField)
    }

    func index(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .workWithCommunity)
        return try await req.view.render("community/work", try await page(req, staff: staff, form: nil, errors: []))
    }

    func create(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .workWithCommunity)
        let form = try req.content.decode(Form.self)
        do {
            guard let ward = form.ward.flatMap(Ward.ID.init) else {
                throw AlongsideError.invalid(field: "ward", message: Wording.current("community.page.choose-the-ward"))
            }
            guard let kind = form.kind.flatMap(CommunityWork.Kind.init(rawValue:)) else {
                throw AlongsideError.invalid(
                    field: "kind", message: Wording.current("community.page.choose-what-kind-of-work-it"))
            }
            let day = try LondonTime.formDay(form.happenedOn, field: "happenedOn", today: req.now)
            var minutes: Int? = nil
            if let text = form.minutes?.trimmedOrNil {
                guard let value = Int(text) else {
                    throw AlongsideError.invalid(
                        field: "minutes", message: Wording.current("community.page.enter-the-time-spent-in-whole"))
                }
                minutes = value
            }
            try await CommunityWorkStore(req.db, councilID: staff.council.id).record(
                ward: ward, kind: kind, happenedOn: day, minutes: minutes, notes: form.notes ?? "", by: staff.member.id,
                at: req.now)
            return req.redirect(to: Self.path + "?saved=1")
        } catch let AlongsideError.invalid(field, message) {
            return try await req.view.render(
                "community/work",
                try await page(req, staff: staff, form: form, errors: [FormError(field: field, message: message)])
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }
}
