import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Every table whose rows belong to a person, and what a merge does with each. A test reads the schema
/// and fails when a table that refers to a person is missing here, so a table added later cannot be
/// forgotten by merge, undo or erasure.
public enum PersonTables {
    /// Rows that follow the person into the kept record (by `person_id`), with the part of the record each
    /// is counted as on the side-by-side page (the history is not counted: both histories are kept).
    public static let moved: [(table: String, part: PersonMerge.Part?)] = [
        ("introductions", .introductions), ("conversations", .conversations), ("steps", .steps),
        ("people_in_life", .peopleInLife), ("measures", .readings), ("outcomes", .outcomes),
        ("connections", .connections), ("contributions", .contributions), ("help_requests", .helpRequests),
        ("programme_members", .programmes), ("stories", .stories), ("consents", .consents),
        ("good_lives", .vision), ("journey_events", nil), ("corrections", nil),
    ]

    /// Tables that keep naming whom they named: the audit log (what was done to which record, append-only)
    /// and the merge log itself; and the figures' own bookkeeping (`FigureSummaries`): each person's part of
    /// the totals stays theirs, and is worked out again for both records when a merge moves rows.
    public static let stay = ["audit_entries", "merges", "figure_contributions", "figure_pending"]

    static var movedTables: [String] { moved.map(\.table) }

    /// The tables of entries that can be corrected or struck out (`version`, `struck_at`).
    static let correctable: Set<String> = [
        "conversations", "steps", "people_in_life", "measures", "outcomes", "connections", "contributions",
    ]
}

extension PeopleStore {
    /// What each of the council's records holds, part by part, in one statement.
    public func holdings(of id: Person.ID) async throws -> [PersonMerge.Part: Int] {
        var query = SQLQueryString("")
        for (index, (table, part)) in PersonTables.moved.compactMap({ entry in entry.part.map { (entry.table, $0) } })
            .enumerated()
        {
            if index > 0 { query.appendLiteral(" UNION ALL ") }
            query.appendLiteral("SELECT '\(part.rawValue)' AS part, COUNT(*) AS n FROM \(table)")
            query.appendLiteral(" WHERE council_id = ")
            query.appendInterpolation(bind: councilID.uuid)
            query.appendLiteral(" AND person_id = ")
            query.appendInterpolation(bind: id.uuid)
        }
        var counts: [PersonMerge.Part: Int] = [:]
        for row in try await database.sql.raw(query).all() {
            guard let part = PersonMerge.Part(rawValue: try row.decode(column: "part", as: String.self)) else {
                continue
            }
            counts[part, default: 0] += try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    /// Merges `duplicate` into `keep`, in one transaction: the fields named in `taking` come from the
    /// duplicate (with anything empty filled from it), every row of every table that belongs to the
    /// duplicate moves to the kept record, the duplicate stays as a record marked merged, and the log of
    /// what moved is written so a team leader can undo it. Returns the merge's id.
    @discardableResult
    public func merge(
        _ duplicate: Person.ID, into keep: Person.ID, taking: Set<PersonMerge.Field> = [],
        expectedVersions: (kept: Int?, duplicate: Int?) = (nil, nil), by staffID: StaffMember.ID?, at now: Date
    ) async throws -> PersonMerge.Record.ID {
        guard duplicate != keep else {
            throw MergeProblem.intoItself
        }
        let councilID = self.councilID
        let mergeID = database.newID()
        try await database.change { db in
            let store = PeopleStore(db, councilID: councilID)
            let kept = try await store.find(keep)
            let other = try await store.find(duplicate)
            // Both as the coordinator saw them side by side, or nothing is merged.
            for (person, expected) in [(kept, expectedVersions.kept), (other, expectedVersions.duplicate)] {
                try await store.requireVersion(expected, current: person.version, of: person.id.uuid)
            }
            let combined = PersonMerge.combined(kept: kept, other: other, taking: taking)
            var log = MergeLog(keptBefore: kept, keptAfter: combined)
            let from = duplicate.uuid
            let to = keep.uuid

            // One vision a person: when both have one, the duplicate's words are added to the kept one's.
            let visions = try await GoodLifeModel.query(on: db).filter(\.$councilID == councilID.uuid)
                .filter(\.$personID ~~ [from, to]).all()
            if let keptVision = visions.first(where: { $0.personID == to }),
                let otherVision = visions.first(where: { $0.personID == from })
            {
                log.keptVision = try MergeLog.Vision(keptVision)
                log.foldedVision = try MergeLog.Vision(otherVision)
                let joined = MergeLog.Vision.joined
                keptVision.vision = joined(keptVision.vision, otherVision.vision)
                keptVision.strengths = joined(keptVision.strengths, otherVision.strengths)
                keptVision.giftsAndInterests = joined(keptVision.giftsAndInterests, otherVision.giftsAndInterests)
                keptVision.whatMatters = joined(keptVision.whatMatters, otherVision.whatMatters)
                keptVision.updatedAt = now
                keptVision.updatedByID = staffID?.uuid
                try await keptVision.save(on: db)
                try await otherVision.delete(on: db)
            }

            // One membership a programme: when both belong to one, the earlier joining date is kept.
            let memberships = try await ProgrammeMemberRow.select(council: councilID.uuid, on: db.sql)
                .where("person_id", .in, [from, to]).all().map(ProgrammeMemberRow.membership)
            for other in memberships where other.personID.uuid == from {
                guard
                    let kept = memberships.first(where: {
                        $0.personID.uuid == to && $0.programmeID == other.programmeID
                    })
                else { continue }
                log.foldedMemberships.append(
                    .init(
                        id: other.id, programmeID: other.programmeID.uuid, joinedOn: other.joinedOn,
                        keptJoinedOn: kept.joinedOn))
                if other.joinedOn < kept.joinedOn {
                    try await ProgrammeMemberModel.query(on: db).filter(\.$id == kept.id)
                        .set(\.$joinedOn, to: other.joinedOn).update()
                }
                try await ProgrammeMemberModel.query(on: db).filter(\.$id == other.id).delete()
            }

            // Good Neighbour requests carry the person inside their document too.
            for row in try await HelpRequestModel.query(on: db).filter(\.$councilID == councilID.uuid)
                .filter(\.$personID == from).all()
            {
                var request = try row.request()
                request.personID = keep
                row.document = try GoodNeighbourStore.json(request)
                row.personID = to
                try await row.save(on: db)
                log.moved["help_requests", default: []].append(try row.requireID())
            }

            for table in PersonTables.movedTables where table != "help_requests" {
                let ids = try await db.sql.select().column("id").from(table)
                    .where("council_id", .equal, councilID.uuid).where("person_id", .equal, from).all()
                    .map { try $0.decode(column: "id", as: UUID.self) }
                if ids.isEmpty { continue }
                try await db.sql.update(table).set("person_id", to: to)
                    .where("council_id", .equal, councilID.uuid).where("person_id", .equal, from).run()
                log.moved[table, default: []] += ids
            }

            _ = try await store.bumpVersion(of: kept)
            try await store.save(combined)
            try await PersonModel.query(on: db).filter(\.$councilID == councilID.uuid).filter(\.$id == from)
                .set(\.$mergedIntoID, to: to).update()
            try await JourneyEventModel(
                councilID: councilID.uuid, personID: to, kind: "merge", from: from.uuidString, to: to.uuidString,
                reason: other.fullName, staffID: staffID?.uuid, at: now
            ).create(on: db)
            try await Self.recordChanges(
                from: kept, to: combined, of: to, councilID: councilID, by: staffID, at: now, on: db)
            let row = MergeModel()
            row.id = mergeID
            row.councilID = councilID.uuid
            row.keptID = to
            row.mergedID = from
            row.byID = staffID?.uuid
            row.at = now
            row.document = try GoodNeighbourStore.json(log)
            try await row.create(on: db)
            try await store.refreshNextStep(keep)
        }
        return .init(mergeID)
    }

    /// History events for what a merge or its undoing changed on the kept record: its coordinator, stage,
    /// level and ward, each as the history shows any such change.
    static func recordChanges(
        from before: Person, to after: Person, of person: UUID, councilID: Council.ID, by staffID: StaffMember.ID?,
        at now: Date, on db: any Database
    ) async throws {
        func event(_ kind: String, _ from: String?, _ to: String?, _ reason: String?) async throws {
            try await JourneyEventModel(
                councilID: councilID.uuid, personID: person, kind: kind, from: from, to: to, reason: reason,
                staffID: staffID?.uuid, at: now
            ).create(on: db)
        }
        if after.coordinatorID != before.coordinatorID {
            try await event(
                "coordinator", before.coordinatorID?.uuid.uuidString, after.coordinatorID?.uuid.uuidString, nil)
        }
        if after.stage != before.stage {
            try await event("stage", before.stage.rawValue, after.stage.rawValue, after.endReason?.rawValue)
        }
        if after.level != before.level {
            try await event("level", String(before.level.rawValue), String(after.level.rawValue), nil)
        }
        if after.wardID != before.wardID {
            var name: String? = nil
            if let wardID = after.wardID {
                name = try await WardStore(db, councilID: councilID).all().first { $0.id == wardID }?.name
            }
            try await event("ward", before.wardID?.uuid.uuidString, after.wardID?.uuid.uuidString, name)
        }
    }

    /// The merges into this record, newest first.
    public func merges(into keep: Person.ID) async throws -> [PersonMerge.Record] {
        let rows = try await MergeRow.select(council: councilID.uuid, on: database.sql)
            .where("kept_id", .equal, keep.uuid).orderBy("at", .descending).all()
        if rows.isEmpty { return [] }
        let mergedIDs = try rows.map { try $0.decode(column: "merged_id", as: UUID.self) }
        let names = try await database.sql.select().column("id").column("full_name").from(PersonModel.schema)
            .where("council_id", .equal, councilID.uuid).where("id", .in, mergedIDs).all()
            .reduce(into: [UUID: String]()) {
                $0[try $1.decode(column: "id", as: UUID.self)] = try $1.decode(column: "full_name", as: String.self)
            }
        return try rows.map { try MergeRow.record($0, names: names) }
    }

    /// Undoes a merge into `keep`, in one transaction: every row it moved goes back to the other record
    /// (rows added to the kept record since stay where they are), folded rows come back, the kept record's
    /// fields the merge changed and nobody has changed since return to what they were, and the other
    /// record is a record of its own again. Refused once undone, or after the 30 days.
    public func undoMerge(_ id: PersonMerge.Record.ID, of keep: Person.ID, by staffID: StaffMember.ID?, at now: Date)
        async throws -> PersonMerge.Record
    {
        let councilID = self.councilID
        return try await database.change { db in
            guard
                let row = try await MergeModel.query(on: db).filter(\.$councilID == councilID.uuid)
                    .filter(\.$id == id.uuid).filter(\.$keptID == keep.uuid).first()
            else { throw AlongsideError.notFound(.merge) }
            guard row.undoneAt == nil else {
                throw MergeProblem.alreadyUndone
            }
            guard now.timeIntervalSince(row.at) <= PersonMerge.undoWindow else {
                throw MergeProblem.tooLateToUndo
            }
            guard let log = try? row.log() else {
                // Erasure empties the log of a merge (it held both records' details): it cannot be undone.
                throw MergeProblem.erased
            }
            // Merges into one record are undone last first: a later merge may have written into what this
            // one moved (a second vision added to the first's words), and only it knows what it added.
            // (Not this merge itself: a time read back may differ from the one written in its last digits.)
            let later =
                try await db.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from(MergeRow.table).where("council_id", .equal, councilID.uuid).where("kept_id", .equal, keep.uuid)
                .where(SQLColumn("undone_at"), .is, SQLLiteral.null).where("id", .notEqual, id.uuid)
                .where("at", .greaterThan, row.at.addingTimeInterval(0.001)).first()?
                .decode(column: "n", as: Int.self) ?? 0
            guard later == 0 else {
                throw MergeProblem.laterMergeFirst
            }
            let store = PeopleStore(db, councilID: councilID)
            let current = try await store.find(keep)
            let from = row.mergedID
            let to = row.keptID

            for (table, ids) in log.moved where table != "help_requests" && PersonTables.movedTables.contains(table) {
                for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) })
                {
                    try await db.sql.update(table).set("person_id", to: from)
                        .where("council_id", .equal, councilID.uuid).where("person_id", .equal, to)
                        .where("id", .in, chunk).run()
                }
            }
            // Corrections made since the merge, of entries that go back, go back with them.
            let entries = log.moved.filter { PersonTables.correctable.contains($0.key) }.flatMap(\.value)
            for chunk in stride(from: 0, to: entries.count, by: 500).map({
                Array(entries[$0..<min($0 + 500, entries.count)])
            }) {
                try await db.sql.update("corrections").set("person_id", to: from)
                    .where("council_id", .equal, councilID.uuid).where("person_id", .equal, to)
                    .where("entry_id", .in, chunk).run()
            }
            let requests = log.moved["help_requests"] ?? []
            if !requests.isEmpty {
                for request in try await HelpRequestModel.query(on: db).filter(\.$councilID == councilID.uuid)
                    .filter(\.$id ~~ requests).filter(\.$personID == to).all()
                {
                    var moved = try request.request()
                    moved.personID = .init(from)
                    request.document = try GoodNeighbourStore.json(moved)
                    request.personID = from
                    try await request.save(on: db)
                }
            }
            if let folded = log.foldedVision {
                // The other record's words come out of the kept vision: all of it as it was when nobody has
                // changed it since, else each part the merge added, where it is still there to take out.
                if let before = log.keptVision,
                    let keptRow = try await GoodLifeModel.query(on: db).filter(\.$councilID == councilID.uuid)
                        .filter(\.$personID == to).first()
                {
                    let joined = MergeLog.Vision.joined
                    if keptRow.vision == joined(before.vision, folded.vision)
                        && keptRow.strengths == joined(before.strengths, folded.strengths)
                        && keptRow.giftsAndInterests == joined(before.giftsAndInterests, folded.giftsAndInterests)
                        && keptRow.whatMatters == joined(before.whatMatters, folded.whatMatters)
                    {
                        before.write(to: keptRow)
                    } else {
                        let without = MergeLog.Vision.without
                        keptRow.vision = without(keptRow.vision, before.vision, folded.vision)
                        keptRow.strengths = without(keptRow.strengths, before.strengths, folded.strengths)
                        keptRow.giftsAndInterests = without(
                            keptRow.giftsAndInterests, before.giftsAndInterests, folded.giftsAndInterests)
                        keptRow.whatMatters = without(keptRow.whatMatters, before.whatMatters, folded.whatMatters)
                    }
                    try await keptRow.save(on: db)
                }
                let back = GoodLifeModel()
                back.id = folded.id
                back.councilID = councilID.uuid
                back.personID = from
                back.version = 0
                folded.write(to: back)
                try await back.create(on: db)
            }
            for membership in log.foldedMemberships {
                if membership.joinedOn < membership.keptJoinedOn,
                    let keptRow = try await ProgrammeMemberModel.query(on: db).filter(\.$councilID == councilID.uuid)
                        .filter(\.$personID == to).filter(\.$programmeID == membership.programmeID).first(),
                    keptRow.joinedOn == membership.joinedOn
                {
                    keptRow.joinedOn = membership.keptJoinedOn
                    try await keptRow.save(on: db)
                }
                let back = ProgrammeMemberModel()
                back.id = membership.id
                back.councilID = councilID.uuid
                back.programmeID = membership.programmeID
                back.personID = from
                back.joinedOn = membership.joinedOn
                try await back.create(on: db)
            }

            let restored = PersonMerge.undone(current: current, before: log.keptBefore, after: log.keptAfter)
            _ = try await store.bumpVersion(of: current)
            try await store.save(restored)
            try await PersonModel.query(on: db).filter(\.$councilID == councilID.uuid).filter(\.$id == from)
                .set(\.$mergedIntoID, to: nil).update()
            let other = try await store.find(.init(from))
            for (person, name) in [(to, other.fullName), (from, restored.fullName)] {
                try await JourneyEventModel(
                    councilID: councilID.uuid, personID: person, kind: "merge-undone", from: nil, to: nil,
                    reason: name, staffID: staffID?.uuid, at: now
                ).create(on: db)
            }
            try await Self.recordChanges(
                from: current, to: restored, of: to, councilID: councilID, by: staffID, at: now, on: db)
            row.undoneAt = now
            row.undoneByID = staffID?.uuid
            try await row.save(on: db)
            try await store.refreshNextStep(keep)
            try await store.refreshNextStep(.init(from))
            return PersonMerge.Record(
                id: id, keptID: keep, mergedID: .init(from), mergedName: other.fullName,
                byID: row.byID.map { .init($0) },
                at: row.at, undoneAt: now)
        }
    }
}
