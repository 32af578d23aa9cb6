import AlongsideCore
import FluentKit
import Foundation

/// One merge of two records of a person, with what it moved, so that it can be undone.
final class MergeModel: Model, @unchecked Sendable {
    static let schema = "merges"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "kept_id") var keptID: UUID
    @Field(key: "merged_id") var mergedID: UUID
    @OptionalField(key: "by_id") var byID: UUID?
    @Field(key: "at") var at: Date
    @OptionalField(key: "undone_at") var undoneAt: Date?
    @OptionalField(key: "undone_by_id") var undoneByID: UUID?
    /// A `MergeLog` as JSON.
    @Field(key: "document") var document: String

    init() {}

    func log() throws -> MergeLog {
        try JSONDecoder().decode(MergeLog.self, from: Data(document.utf8))
    }
}

/// What a merge changed: the kept record before and after, the ids of the rows it moved table by table,
/// and the rows it folded into the kept record's (a second good-life vision, a second membership of one
/// programme), kept whole so an undo can put them back.
struct MergeLog: Codable, Sendable {
    struct Vision: Codable, Sendable {
        let id: UUID
        let vision: String
        let strengths: String
        let giftsAndInterests: String
        let whatMatters: String
        let updatedAt: Date
        let updatedByID: UUID?
    }

    struct Membership: Codable, Sendable {
        let id: UUID
        let programmeID: UUID
        let joinedOn: String
        /// The kept record's joining date for the same programme before the merge took the earlier one.
        let keptJoinedOn: String
    }

    var keptBefore: Person
    var keptAfter: Person
    var moved: [String: [UUID]] = [:]
    /// The kept record's vision before the duplicate's was written into it, and the duplicate's own row.
    var keptVision: Vision?
    var foldedVision: Vision?
    var foldedMemberships: [Membership] = []
}

extension MergeLog.Vision {
    /// Two records' words for one part of a vision, the kept one's first, each once.
    static func joined(_ kept: String, _ other: String) -> String {
        kept.isEmpty || kept == other ? other : other.isEmpty ? kept : kept + "\n\n" + other
    }

    init(_ row: GoodLifeModel) throws {
        self.init(
            id: try row.requireID(), vision: row.vision, strengths: row.strengths,
            giftsAndInterests: row.giftsAndInterests, whatMatters: row.whatMatters, updatedAt: row.updatedAt,
            updatedByID: row.updatedByID)
    }

    /// `current` with `folded` (the other record's words) taken out where the merge added them after
    /// `kept`'s own; as it is when they are no longer there as written.
    static func without(_ current: String, _ kept: String, _ folded: String) -> String {
        if folded.isEmpty || kept == folded { return current }
        if kept.isEmpty { return current == folded ? "" : current }
        if let range = current.range(of: "\n\n" + folded) {
            return current.replacingCharacters(in: range, with: "")
        }
        return current
    }

    func write(to row: GoodLifeModel) {
        row.vision = vision
        row.strengths = strengths
        row.giftsAndInterests = giftsAndInterests
        row.whatMatters = whatMatters
        row.updatedAt = updatedAt
        row.updatedByID = updatedByID
    }
}
