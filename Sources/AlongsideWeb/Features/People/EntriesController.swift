import AlongsideCore
import AlongsideStore
import Vapor

/// Corrections of the entries on a person's record (a step, someone in their life, a connection, a
/// contribution, a wellbeing reading, an outcome), and striking one out with a reason. The earlier version
/// is kept in the record's corrections; each change is one transaction with its audit entry and checks
/// the version the form was opened on.
struct EntriesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.post(.person(.key, .entry(.key, .key)), use: correct)
        signedIn.post(.person(.key, .strikeEntry(.key, .key)), use: strike)
    }

    static func entry(_ req: Request) throws -> (Correction.Entry, UUID) {
        guard let entry = req.parameters.get(.entry).flatMap(Correction.Entry.init(rawValue:)),
            RecordEntry.of(entry) != nil, let id = req.parameters.get(.entryID).flatMap(UUID.init(uuidString:))
        else { throw AlongsideError.notFound(.entry) }
        return (entry, id)
    }

    /// The section of the record each kind of entry is in, for the way back.
    static func anchor(_ entry: Correction.Entry) -> String {
        switch entry {
        case .step: return "steps"
        case .personInLife: return "their-people"
        case .connection, .contribution: return "connections"
        case .measure: return "wellbeing"
        case .outcome: return "outcomes"
        case .details: return "about"
        case .story: return "story"
        case .helpRequest: return "connections"
        case .conversation: return "conversations"
        }
    }

    func correct(req: Request) async throws -> Response {
        let (entry, id) = try Self.entry(req)
        let form = try req.content.decode([String: String].self)
        var posted = form
        posted["correcting"] = id.uuidString
        posted["csrf"] = nil
        let spec = RecordEntry.of(entry)
        let key = id.uuidString
        var ids = ["reason": "\(entry.rawValue)-reason-\(key)"]
        for field in spec?.fields ?? [] { ids[field.name] = "\(entry.rawValue)-\(field.name)-\(key)" }
        return try await PersonController().change(
            req, detail: .key("people.entry.corrected", entry.rawValue), saved: "corrected",
            anchor: Self.anchor(entry), posted: posted, ids: ids
        ) {
            staff, person, store in
            let fields = spec?.fields.map(\.name) ?? []
            var values = form.filter { fields.contains($0.key) }
            // A date comes as three boxes (or the one field older forms send): read into yyyy-MM-dd here, so a
            // problem names the box that is wrong; the other fields' problems are shown with it, all at once.
            var problems = FormProblems()
            for field in spec?.fields ?? [] {
                guard case .day(let required, let future) = field.kind else { continue }
                let boxes = DayInput.posted(form, as: field.name)
                guard let typed = boxes ?? form[field.name].map(DayInput.init(single:)) else { continue }
                values[field.name] =
                    problems.day(
                        typed, field: field.name, required: required, latest: future ? nil : ISODay.string(req.now))
                    ?? ""
            }
            if !problems.isEmpty {
                let current = try await store.entryStates(entry, of: person.id)[id]?.values ?? [:]
                let others = values.filter { name, _ in !problems.errors.contains { $0.field == name } }
                do { _ = try spec?.checked(others, current: current, today: ISODay.string(req.now)) } catch {
                    try problems.add(error)
                }
                do { _ = try Correction.checkedReason(form["reason"] ?? "", required: false) } catch {
                    try problems.add(error)
                }
                try problems.check()
            }
            try await store.correctEntry(
                entry, id, of: person.id, values: values, reason: form["reason"] ?? "",
                expectedVersion: try PersonController.version(form["version"]), by: staff.member.id,
                mayCorrectOthers: staff.may(.leadTeam), at: req.now)
        }
    }

    func strike(req: Request) async throws -> Response {
        let (entry, id) = try Self.entry(req)
        let form = try req.content.decode([String: String].self)
        return try await PersonController().change(
            req, detail: .key("people.entry.struck-out", entry.rawValue), saved: "struck",
            anchor: Self.anchor(entry), posted: ["striking": id.uuidString, "reason": form["reason"] ?? ""]
        ) {
            staff, person, store in
            try await store.strikeOutEntry(
                entry, id, of: person.id, reason: form["reason"] ?? "",
                expectedVersion: try PersonController.version(form["version"]), by: staff.member.id,
                mayCorrectOthers: staff.may(.leadTeam), at: req.now)
        }
    }
}
