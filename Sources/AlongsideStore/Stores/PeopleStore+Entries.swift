import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Where each kind of entry lives: its table, who recorded it, when, and the column of each field.
struct EntryTable: Sendable {
    let table: String
    /// The column naming who recorded the entry; nil where the table keeps none (steps, people in their life:
    /// then the person's coordinator and team leaders may correct it).
    let recorder: String?
    let recordedAt: String
    let columns: [String: String]
    /// Columns read alongside, not corrected here (an outcome's kind decides whether "otherwise" is needed).
    let alsoRead: [String]

    static func of(_ entry: Correction.Entry) -> EntryTable? {
        switch entry {
        case .step:
            return EntryTable(
                table: "steps", recorder: nil, recordedAt: "created_at",
                columns: ["what": "what", "who": "who", "dueOn": "due_on"], alsoRead: [])
        case .personInLife:
            return EntryTable(
                table: "people_in_life", recorder: nil, recordedAt: "added_at",
                columns: ["name": "name", "kind": "kind", "closeness": "closeness", "note": "note"], alsoRead: [])
        case .connection:
            return EntryTable(
                table: "connections", recorder: "added_by_id", recordedAt: "added_at",
                columns: ["name": "name", "startedOn": "started_on", "note": "note"], alsoRead: [])
        case .contribution:
            return EntryTable(
                table: "contributions", recorder: "added_by_id", recordedAt: "added_at",
                columns: ["kind": "kind", "what": "what", "startedOn": "started_on"], alsoRead: [])
        case .measure:
            return EntryTable(
                table: "measures", recorder: "recorded_by_id", recordedAt: "created_at",
                columns: ["takenOn": "taken_on", "answers": "answers"], alsoRead: ["kind"])
        case .outcome:
            return EntryTable(
                table: "outcomes", recorder: "recorded_by_id", recordedAt: "created_at",
                columns: ["happenedOn": "happened_on", "otherwise": "otherwise", "confidence": "confidence"],
                alsoRead: ["kind"])
        case .details, .conversation, .story, .helpRequest: return nil
        }
    }
}

/// One entry as a correction form shows it.
public struct EntryState: Sendable {
    public let id: UUID
    /// Field values as stored (days as yyyy-MM-dd, "" when empty).
    public let values: [String: String]
    public let version: Int
    public let recorderID: StaffMember.ID?
    public let recordedAt: Date
}

extension PeopleStore {
    /// Every entry of one kind on the person's record, not struck out, by id: what the correction forms show.
    public func entryStates(_ entry: Correction.Entry, of personID: Person.ID) async throws -> [UUID: EntryState] {
        guard let spec = RecordEntry.of(entry), let table = EntryTable.of(entry) else { return [:] }
        let rows = try await entryQuery(spec, table).where("person_id", .equal, personID.uuid)
            .where(SQLColumn("struck_at"), .is, SQLLiteral.null).all()
        return try rows.reduce(into: [:]) { states, row in
            let state = try Self.state(row, spec, table)
            states[state.id] = state
        }
    }

    func entryQuery(_ spec: RecordEntry, _ table: EntryTable) throws -> SQLSelectBuilder {
        var columns = ["id", "version", table.recordedAt] + spec.fields.compactMap { table.columns[$0.name] }
        columns += table.alsoRead
        if let recorder = table.recorder { columns.append(recorder) }
        return try database.sql.select().columns(columns.map { SQLColumn($0) }).from(table.table)
            .where("council_id", .equal, councilID.uuid)
    }

    static func state(_ row: any SQLRow, _ spec: RecordEntry, _ table: EntryTable) throws -> EntryState {
        var values: [String: String] = [:]
        for field in spec.fields {
            guard let column = table.columns[field.name] else { continue }
            switch field.kind {
            case .whole: values[field.name] = String(try row.decode(column: column, as: Int.self))
            default: values[field.name] = try row.decode(column: column, as: String?.self) ?? ""
            }
        }
        for column in table.alsoRead { values[column] = try row.decode(column: column, as: String.self) }
        return EntryState(
            id: try row.decode(column: "id", as: UUID.self), values: values,
            version: try row.decode(column: "version", as: Int.self),
            recorderID: try table.recorder.flatMap { try row.decode(column: $0, as: UUID?.self) }.map { .init($0) },
            recordedAt: try row.decode(column: table.recordedAt, as: Date.self))
    }

    /// The entry, not struck out, for a change by `staffID`: whoever recorded it, a team leader
    /// (`mayCorrectOthers`), or, where nobody is recorded, the person's coordinator.
    func entryForChange(
        _ entry: Correction.Entry, _ id: UUID, of person: Person, by staffID: StaffMember.ID, mayCorrectOthers: Bool
    ) async throws -> (RecordEntry, EntryTable, EntryState) {
        guard let spec = RecordEntry.of(entry), let table = EntryTable.of(entry) else {
            throw AlongsideError.notFound(.entry)
        }
        guard
            let row = try await entryQuery(spec, table).where("person_id", .equal, person.id.uuid)
                .where("id", .equal, id).where(SQLColumn("struck_at"), .is, SQLLiteral.null).first()
        else { throw AlongsideError.notFound(.entry) }
        let state = try Self.state(row, spec, table)
        let allowed =
            mayCorrectOthers || state.recorderID == staffID
            || (state.recorderID == nil && person.coordinatorID == staffID)
        guard allowed else { throw AlongsideError.forbidden }
        return (spec, table, state)
    }

    /// Corrects an entry on the person's record: the fields given, checked as `RecordEntry` says, in one
    /// transaction with the correction that keeps the earlier values; the version read is checked. A reason
    /// is needed for an entry recorded more than a day ago.
    public func correctEntry(
        _ entry: Correction.Entry, _ id: UUID, of personID: Person.ID, values given: [String: String],
        reason: String, expectedVersion: Int?, by staffID: StaffMember.ID, mayCorrectOthers: Bool, at now: Date
    ) async throws {
        let councilID = self.councilID
        try await database.change { db in
            let store = PeopleStore(db, councilID: councilID)
            let person = try await store.find(personID)
            let (spec, table, state) = try await store.entryForChange(
                entry, id, of: person, by: staffID, mayCorrectOthers: mayCorrectOthers)
            try await store.requireVersion(expectedVersion, current: state.version, of: id)
            let after = try spec.checked(given, current: state.values, today: ISODay.string(now))
            let changes = Correction.changes(spec.fields.map(\.name), before: state.values, after: after)
            if changes.isEmpty { return }
            let reason = try Correction.checkedReason(
                reason, required: Correction.needsReason(recordedAt: state.recordedAt, now: now))
            var columns: [String: any Encodable & Sendable] = [:]
            for field in spec.fields {
                guard let column = table.columns[field.name], let value = after[field.name],
                    value != state.values[field.name]
                else { continue }
                switch field.kind {
                case .whole: columns[column] = Int(value) ?? 0
                case .day(let required, _) where !required && value.isEmpty:
                    columns.updateValue(String?.none, forKey: column)
                default: columns[column] = value
                }
            }
            if entry == .measure, let kind = after["kind"].flatMap(MeasureKind.init(rawValue:)),
                after["answers"] != state.values["answers"]
            {
                // The headline stored beside the answers follows them, so every figure reads the correction.
                let reading = MeasureReading(
                    id: .init(id), personID: personID, kind: kind, takenOn: after["takenOn"] ?? "",
                    answers: MeasureModel.answers(after["answers"] ?? ""), declined: false)
                // Written even when there is none (NULL): `updateValue` keeps a nil value as a value.
                columns.updateValue(reading.headlineHundredths, forKey: "score_hundredths")
            }
            try await store.moveVersion(table.table, id, from: state.version, setting: columns)
            try await CorrectionModel(
                Correction(
                    id: .init(database.newID()), personID: personID, entry: entry, entryID: id, changes: changes,
                    reason: reason,
                    struck: false, byID: staffID, at: now), councilID: councilID, version: state.version + 1
            ).create(on: db)
            if entry == .step { try await store.refreshNextStep(personID) }
        }
    }

    /// Strikes an entry out with a reason: it leaves the record's lists and every count, and stays in the
    /// corrections and the audit log.
    public func strikeOutEntry(
        _ entry: Correction.Entry, _ id: UUID, of personID: Person.ID, reason: String, expectedVersion: Int?,
        by staffID: StaffMember.ID, mayCorrectOthers: Bool, at now: Date
    ) async throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw CorrectionProblem.strikeReasonMissing
        }
        _ = try Correction.checkedReason(reason, required: true)
        let councilID = self.councilID
        try await database.change { db in
            let store = PeopleStore(db, councilID: councilID)
            let person = try await store.find(personID)
            let (spec, table, state) = try await store.entryForChange(
                entry, id, of: person, by: staffID, mayCorrectOthers: mayCorrectOthers)
            try await store.requireVersion(expectedVersion, current: state.version, of: id)
            try await store.moveVersion(
                table.table, id, from: state.version,
                setting: ["struck_at": now, "struck_reason": reason, "struck_by_id": staffID.uuid])
            // What it was, kept with the reason, so the history can say what was struck out.
            let changes = spec.fields.compactMap { field in
                state.values[field.name].flatMap {
                    $0.isEmpty ? nil : Correction.Change(field: field.name, from: $0, to: "")
                }
            }
            try await CorrectionModel(
                Correction(
                    id: .init(database.newID()), personID: personID, entry: entry, entryID: id, changes: changes,
                    reason: reason,
                    struck: true, byID: staffID, at: now), councilID: councilID, version: state.version + 1
            ).create(on: db)
            if entry == .step { try await store.refreshNextStep(personID) }
        }
    }
}
