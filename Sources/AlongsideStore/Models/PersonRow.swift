import AlongsideCore
import Foundation
import SQLKit

/// A person's row as it is read: the one list of a record's columns and the one mapping from a row to a
/// `Person`. Every read of whole records selects `PersonRow.columns` and decodes with `PersonRow.person(_:)`
/// (SQLKit, by column: Fluent finds a model's fields by reflection for every row it hydrates, which was the
/// largest cost of a record's page); every write goes through `PersonModel`.
enum PersonRow {
    static let columns = [
        "id", "council_id", "full_name", "preferred_name", "date_of_birth", "age_band", "phone", "email",
        "contact_preference", "preferred_language", "address", "postcode", "ward_id", "household", "own_words",
        "categories", "level", "stage", "end_reason", "coordinator_id", "queue_reason", "created_at",
        "last_contact_at", "next_step_due", "version", "erased_at",
    ]

    static func person(_ row: any SQLRow) throws -> Person {
        Person(
            id: .init(try row.decode(column: "id", as: UUID.self)),
            councilID: .init(try row.decode(column: "council_id", as: UUID.self)),
            fullName: try row.decode(column: "full_name", as: String.self),
            preferredName: try row.decode(column: "preferred_name", as: String.self),
            dateOfBirth: try row.decode(column: "date_of_birth", as: String?.self),
            ageBand: try row.decode(column: "age_band", as: String?.self),
            phone: try row.decode(column: "phone", as: String.self),
            email: try row.decode(column: "email", as: String.self),
            contactPreference: try row.decode(column: "contact_preference", as: String?.self)
                .flatMap(ContactPreference.init(rawValue:)),
            preferredLanguage: try row.decode(column: "preferred_language", as: String?.self)
                .flatMap(Language.init(rawValue:)),
            address: try row.decode(column: "address", as: String.self),
            postcode: try row.decode(column: "postcode", as: String.self),
            wardID: try row.decode(column: "ward_id", as: UUID?.self).map { .init($0) },
            household: try row.decode(column: "household", as: String.self),
            ownWords: try row.decode(column: "own_words", as: String.self),
            categories: try row.decode(column: "categories", as: String.self).split(separator: ",").compactMap {
                ReportingCategory(rawValue: String($0))
            },
            level: SupportLevel(rawValue: try row.decode(column: "level", as: Int.self)) ?? .two,
            stage: JourneyStage(rawValue: try row.decode(column: "stage", as: String.self)) ?? .introduced,
            endReason: try row.decode(column: "end_reason", as: String?.self).flatMap(EndReason.init(rawValue:)),
            coordinatorID: try row.decode(column: "coordinator_id", as: UUID?.self).map { .init($0) },
            queueReason: try row.decode(column: "queue_reason", as: String?.self),
            createdAt: try row.decode(column: "created_at", as: Date.self),
            lastContactAt: try row.decode(column: "last_contact_at", as: Date?.self),
            nextStepDue: try row.decode(column: "next_step_due", as: String?.self),
            version: try row.decode(column: "version", as: Int.self),
            erasedAt: try row.decode(column: "erased_at", as: Date?.self))
    }
}
