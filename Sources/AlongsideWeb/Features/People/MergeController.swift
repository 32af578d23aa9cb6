import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Two records of one person made one. The coordinator first sees both side by side (what each holds, and
/// every detail where they differ, to choose field by field), then merges; a team leader can undo a merge
/// for 30 days. Opening both records, the merge and the undo are each in the audit log.
struct MergeController: RouteCollection {
    struct FieldRow: Encodable {
        let name: String
        let label: String
        let kept: String
        let other: String
        let takeOther: Bool
    }

    struct PartRow: Encodable {
        let label: String
        let kept: Int
        let other: Int
    }

    struct ComparisonPage: Encodable {
        let page: PageContext
        let keptName: String
        let otherName: String
        let keptPath: String
        let otherPath: String
        let action: String
        let duplicateID: String
        /// Both records' versions as shown: a merge of records changed since is refused.
        let keptVersion: Int
        let duplicateVersion: Int
        let differing: [FieldRow]
        let same: [FieldRow]
        let parts: [PartRow]
        let keptStage: String
        let otherStage: String
        let stageAfter: String
        let keptCoordinator: String
        let otherCoordinator: String
        let coordinatorAfter: String
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get(.person(.key, .merge), use: compare)
        signedIn.post(.person(.key, .merge), use: merge)
        signedIn.post(.person(.key, .undoMerge(.key)), use: undo)
    }

    static func duplicateID(_ raw: String?) throws -> Person.ID {
        guard let id = raw.flatMap(Person.ID.init) else {
            throw RequestProblem.duplicateMissing
        }
        return id
    }

    /// Both records side by side. Opening each is audited as a view.
    func compare(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .workWithPeople)
        let id = try PersonController.personID(req)
        let duplicate = try Self.duplicateID(req.query[String.self, at: "duplicate"])
        guard duplicate != id else {
            throw MergeProblem.intoItself
        }
        let kept: Person
        let other: Person
        do {
            kept = try await PersonAccess.open(
                id, for: staff, on: req, detail: .key("people.merge.compared-for-a-merge"))
            other = try await PersonAccess.open(
                duplicate, for: staff, on: req, detail: .key("people.merge.compared-for-a-merge"))
        } catch let needed as PersonAccess.ReasonNeeded {
            return try await PersonController().reasonPage(req, person: needed.person, errors: [])
        }
        let store = try req.stores.people
        let keptHolds = try await store.holdings(of: kept.id)
        let otherHolds = try await store.holdings(of: other.id)
        let names = try await store.staffNames()
        let taken = PersonMerge.defaultTaken(kept: kept, other: other)
        let after = PersonMerge.combined(kept: kept, other: other, taking: [])
        let rows = PersonMerge.Field.allCases.map { field in
            FieldRow(
                name: field.rawValue, label: field.label, kept: field.shown(on: kept), other: field.shown(on: other),
                takeOther: taken.contains(field))
        }
        func coordinator(_ person: Person) -> String {
            person.coordinatorID.flatMap { names[$0.uuid] } ?? Wording.current("people.show.with-the-team-leader")
        }
        let page = ComparisonPage(
            page: PageContext(
                request: req, title: Wording.current("people.merge.title", other.shownName, kept.shownName)),
            keptName: kept.shownName, otherName: other.shownName, keptPath: SitePath.person(.value(kept.id)).path,
            otherPath: SitePath.person(.value(other.id)).path, action: SitePath.person(.value(kept.id), .merge).path,
            duplicateID: other.id.description, keptVersion: kept.version, duplicateVersion: other.version,
            differing: rows.filter { $0.kept != $0.other },
            same: rows.filter { $0.kept == $0.other && !$0.kept.isEmpty },
            parts: PersonMerge.Part.allCases.compactMap { part in
                let (a, b) = (keptHolds[part] ?? 0, otherHolds[part] ?? 0)
                return a + b == 0 ? nil : PartRow(label: part.label, kept: a, other: b)
            },
            keptStage: kept.stage.label, otherStage: other.stage.label, stageAfter: after.stage.label,
            keptCoordinator: coordinator(kept), otherCoordinator: coordinator(other),
            coordinatorAfter: coordinator(after))
        return try await req.view.render(.peopleMerge, page).encodeResponse(for: req)
    }

    /// Merges the duplicate named in the form into this record, taking the fields whose choice is "other".
    func merge(req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        return try await PersonController().change(
            req, detail: .key("people.page.merged-a-duplicate-record-into-this"), saved: "merged",
            anchor: "top", posted: [:]
        ) {
            staff, person, store in
            let duplicate = try Self.duplicateID(form["duplicate"])
            let taking = Set(PersonMerge.Field.allCases.filter { form[$0.rawValue] == "other" })
            let versions = (
                kept: try PersonController.version(form["keptVersion"]),
                duplicate: try PersonController.version(form["duplicateVersion"])
            )
            _ = try await PersonAccess.open(
                duplicate, for: staff, on: req, action: .merge,
                detail: .key("people.page.merged-into", person.id), database: store.db)
            try await store.merge(
                duplicate, into: person.id, taking: taking, expectedVersions: versions, by: staff.member.id, at: req.now
            )
        }
    }

    /// A team leader undoes a merge into this record: both records stand apart again, as they were.
    func undo(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .leadTeam)
        let id = try PersonController.personID(req)
        guard let mergeID = req.parameters.get(.mergeID).flatMap(PersonMerge.Record.ID.init) else {
            throw AlongsideError.notFound(.merge)
        }
        let (_, entry) = try await PersonAccess.check(
            id, for: staff, on: req, action: .merge, detail: .key("people.merge.undid-a-merge"))
        let now = req.now
        let address = req.clientAddress
        try await req.db.change { db in
            let undone = try await req.stores(on: db).people.undoMerge(
                mergeID, of: id, by: staff.member.id, at: now)
            let audit = try req.stores(on: db).audit
            try await audit.record(entry)
            try await audit.record(
                AuditEntry(
                    at: now, staffID: staff.member.id, personID: undone.mergedID, action: .merge,
                    detail: .key("people.merge.separated-from", id), address: address))
        }
        return req.redirect(to: SitePath.person(.value(id)).path + "?saved=merge-undone#journey")
    }
}
