import AlongsideCore
import FluentKit
import Foundation
import SQLKit

/// Wellbeing measures and outcomes on a person's record.
extension PeopleStore {
    public func measures(of id: Person.ID) async throws -> [MeasureReading] {
        try await recordsOf(id, in: MeasureRow.table, MeasureRow.columns)
            .orderBy("taken_on").orderBy("created_at").all().map(MeasureRow.reading)
    }

    public func addMeasure(
        to id: Person.ID, kind: MeasureKind, takenOn: String, answers: [Int], declined: Bool,
        by staffID: StaffMember.ID?,
        at now: Date
    ) async throws {
        _ = try await find(id)
        guard let day = Person.isoDate(takenOn) else {
            throw EvidenceProblem.measureDayMissing
        }
        try MeasureReading.validate(kind: kind, answers: answers, declined: declined)
        let row = MeasureModel()
        row.id = database.newID()
        row.councilID = councilID.uuid
        row.personID = id.uuid
        row.kind = kind.rawValue
        row.takenOn = day
        row.answers = declined ? "" : answers.map(String.init).joined(separator: ",")
        row.declined = declined
        row.scoreHundredths = try row.reading().headlineHundredths
        row.recordedByID = staffID?.uuid
        row.createdAt = now
        try await row.create(on: database)
    }

    public func outcomes(of id: Person.ID) async throws -> [RecordedOutcome] {
        try await recordsOf(id, in: OutcomeRow.table, OutcomeRow.columns)
            .orderBy("happened_on", .descending).all().map(OutcomeRow.outcome)
    }

    public func addOutcome(
        to id: Person.ID, kind: RecordedOutcome.Kind, happenedOn: String, otherwise: String,
        confidence: RecordedOutcome.Confidence, by staffID: StaffMember.ID?, at now: Date
    ) async throws {
        _ = try await find(id)
        guard let day = Person.isoDate(happenedOn) else {
            throw EvidenceProblem.outcomeDayMissing
        }
        let otherwise = otherwise.trimmingCharacters(in: .whitespacesAndNewlines)
        if kind.isAvoidedEvent && otherwise.isEmpty {
            throw EvidenceProblem.otherwiseMissing
        }
        guard otherwise.count <= 1_000 else {
            throw EvidenceProblem.otherwiseTooLong
        }
        let row = OutcomeModel()
        row.councilID = councilID.uuid
        row.personID = id.uuid
        row.kind = kind.rawValue
        row.happenedOn = day
        row.otherwise = otherwise
        row.confidence = confidence.rawValue
        row.recordedByID = staffID?.uuid
        row.createdAt = now
        try await row.create(on: database)
    }
}
