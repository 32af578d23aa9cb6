import AlongsideCore
import FluentKit
import Foundation

/// One correction of something recorded on a person's record, with the earlier values.
final class CorrectionModel: Model, @unchecked Sendable {
    static let schema = "corrections"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "entry") var entry: String
    @Field(key: "entry_id") var entryID: UUID
    /// `[Correction.Change]` as JSON.
    @Field(key: "changes") var changes: String
    @Field(key: "reason") var reason: String
    @Field(key: "struck") var struck: Bool
    /// The entry's version after this correction.
    @Field(key: "version") var version: Int
    @OptionalField(key: "by_id") var byID: UUID?
    @Field(key: "at") var at: Date

    init() {}

    init(_ correction: Correction, councilID: Council.ID, version: Int) throws {
        id = correction.id.uuid
        self.councilID = councilID.uuid
        personID = correction.personID.uuid
        entry = correction.entry.rawValue
        entryID = correction.entryID
        changes = String(decoding: try JSONEncoder().encode(correction.changes), as: UTF8.self)
        reason = correction.reason
        struck = correction.struck
        self.version = version
        byID = correction.byID?.uuid
        at = correction.at
    }
}
