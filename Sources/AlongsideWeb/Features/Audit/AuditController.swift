import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// The auditor's view of the append-only audit log: search by person, member of staff, time and action,
/// and export what was found as CSV. The auditor's own searches and exports are logged too.
struct AuditController: RouteCollection {
    static let perPage = 50
    static let exportLimit = 50_000

    struct Query: Content {
        var person: String?
        var staff: String?
        var from: String?
        var to: String?
        var action: String?
        var page: String?
    }

    struct Row: Encodable {
        let at: String
        let who: String
        let action: String
        let person: String
        let detail: String
        let reason: String?
        let address: String?
    }

    struct Page: Encodable {
        let page: PageContext
        let query: Query
        let staffOptions: [ChoiceOption]
        let actionOptions: [ChoiceOption]
        let matchedPeople: [String]
        let rows: [Row]
        let total: Int
        let csvPath: String
        let next: String?
        let previous: String?
        let errors: [FormError]
        let fieldErrors: [String: String]
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get(.audit, use: index)
        signedIn.get(.auditCSV, use: csv)
    }

    struct Found {
        let search: AuditStore.Search
        let matched: [Person]
        let errors: [FormError]
        let emptyBecauseNoPerson: Bool
    }

    func search(_ req: Request, _ staff: SignedInStaff, _ query: Query) async throws -> Found {
        var search = AuditStore.Search()
        var errors: [FormError] = []
        var matched: [Person] = []
        var none = false
        if let name = query.person?.trimmedOrNil {
            if let id = Person.ID(name) {
                matched = [try await req.stores.people.find(id)]
            } else {
                matched = try await req.stores.people.search(name, limit: 20)
            }
            search.people = matched.map(\.id)
            none = matched.isEmpty
        }
        search.staffID = query.staff.flatMap(StaffMember.ID.init)
        for (field, text) in [("from", query.from), ("to", query.to)] {
            guard let text = text?.trimmedOrNil else { continue }
            guard let day = Person.isoDate(text), let date = ISODay.date(day) else {
                errors.append(
                    FormError(field: field, message: Wording.current("audit.page.enter-the-date-as-day-month")))
                continue
            }
            if field == "from" { search.from = date } else { search.to = date.addingTimeInterval(86_400) }
        }
        search.action = query.action.flatMap(AuditEntry.Action.init(rawValue:))
        return Found(search: search, matched: matched, errors: errors, emptyBecauseNoPerson: none)
    }

    func rows(_ req: Request, _ staff: SignedInStaff, _ entries: [AuditEntry]) async throws -> [Row] {
        let names = Dictionary(
            uniqueKeysWithValues: try await req.stores.staff.list(councilID: staff.council.id).map {
                ($0.id, $0.name)
            })
        let personNames = try await req.stores.people.names(
            of: Array(Set(entries.compactMap(\.personID))))
        return entries.map {
            Row(
                at: LondonTime.format($0.at, "d MMM yyyy, HH:mm:ss"),
                who: $0.staffID.flatMap { names[$0] } ?? Wording.current("audit.page.public-page-or-system"),
                action: $0.action.rawValue,
                // An erased person's name is empty (as is one no longer there): worded "Erased record".
                person: $0.personID.map { "\(ErasedWords.name(personNames[$0] ?? "")) (\($0.description.prefix(8)))" }
                    ?? "",
                detail: AuditWording.words($0.detail), reason: AuditWording.reason($0.reason), address: $0.address)
        }
    }

    /// Logs the auditor's search or export. The person searched for (a name, phone, postcode or record id, as
    /// typed) goes in the entry's `reason`, as the people search keeps what was typed, where erasing that
    /// person removes it; the entry's values, which the log keeps as written, hold only the filters that name
    /// nobody (dates, action).
    func logSearch(_ req: Request, _ staff: SignedInStaff, export: Bool) async throws {
        var described: [String] = []
        for (label, value) in [
            ("from", req.query[String.self, at: "from"]), ("to", req.query[String.self, at: "to"]),
            ("action", req.query[String.self, at: "action"]),
        ] {
            if let value = value?.trimmedOrNil { described.append("\(label)=\(value.prefix(60))") }
        }
        try await req.stores.audit.record(
            AuditEntry(
                at: req.now, staffID: staff.member.id, personID: nil, action: export ? .export : .search,
                detail: export
                    ? .key("audit.page.exported-the-audit-log", values: described)
                    : .key("audit.page.searched-the-audit-log", values: described),
                reason: req.query[String.self, at: "person"]?.trimmedOrNil.map { String($0.prefix(100)) },
                address: req.clientAddress))
    }

    func link(_ query: Query, page: Int?, base: String) -> String {
        let items: [(String, String?)] = [
            ("person", query.person), ("staff", query.staff), ("from", query.from), ("to", query.to),
            ("action", query.action), ("page", page.map(String.init)),
        ]
        let text = items.compactMap { key, value in
            value?.trimmedOrNil.map {
                "\(key)=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            }
        }.joined(separator: "&")
        return text.isEmpty ? base : base + "?" + text
    }

    func index(req: Request) async throws -> View {
        let staff = try req.staff(permitted: .readAudit)
        let query = try req.query.decode(Query.self)
        let found = try await search(req, staff, query)
        let page = try CheckedNumber.page(query.page)
        let result =
            found.emptyBecauseNoPerson || !found.errors.isEmpty
            ? Paged<AuditEntry>(items: [], metadata: .init(page: 1, per: Self.perPage, total: 0))
            : try await req.stores.audit.search(
                found.search, page: page, per: Self.perPage)
        try await logSearch(req, staff, export: false)
        let staffList = try await req.stores.staff.list(councilID: staff.council.id)
        return try await req.view.render(
            .auditIndex,
            Page(
                page: PageContext(request: req, title: Wording.current("audit.page.audit-log")), query: query,
                staffOptions: staffList.map {
                    ChoiceOption(value: $0.id.description, label: $0.name, selected: $0.id.description == query.staff)
                },
                actionOptions: AuditEntry.Action.allCases.map {
                    ChoiceOption(value: $0.rawValue, label: $0.rawValue, selected: $0.rawValue == query.action)
                },
                matchedPeople: found.matched.map {
                    $0.postcode.isEmpty ? $0.shownName : "\($0.shownName) (\($0.postcode))"
                },
                rows: try await rows(req, staff, result.items), total: result.metadata.total,
                csvPath: link(query, page: nil, base: SitePath.auditCSV.path),
                next: page < result.metadata.pageCount ? link(query, page: page + 1, base: SitePath.audit.path) : nil,
                previous: page > 1 ? link(query, page: page - 1, base: SitePath.audit.path) : nil, errors: found.errors,
                fieldErrors: found.errors.byField))
    }

    func csv(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .readAudit)
        let query = try req.query.decode(Query.self)
        let found = try await search(req, staff, query)
        try FormProblems(errors: found.errors).check()
        let entries =
            found.emptyBecauseNoPerson
            ? []
            : try await req.stores.audit.search(
                found.search, page: 1, per: Self.exportLimit
            ).items
        try await logSearch(req, staff, export: true)
        var lines = [Wording.current("audit.csv.columns")]
        for row in try await rows(req, staff, entries) {
            lines.append(
                [row.at, row.who, row.action, row.person, row.detail, row.reason ?? "", row.address ?? ""]
                    .map(CSVField.escape).joined(separator: ","))
        }
        let response = Response(status: .ok, body: .init(string: lines.joined(separator: "\r\n") + "\r\n"))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(
            name: .contentDisposition,
            value: "attachment; filename=\"alongside-audit-\(LondonTime.isoDay(req.now)).csv\"")
        return response
    }
}
