import FluentKit
import Foundation

/// A council's own GDP deflator table (`deflator_sets`, one a council): the index for each financial year
/// as JSON (`{"2025": "104.6"}`, exact decimals as text), where the figures come from, and a version each
/// save moves on by one.
final class DeflatorSetModel: Model, @unchecked Sendable {
    static let schema = "deflator_sets"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "source") var source: String
    @Field(key: "published") var published: String
    @Field(key: "indexes") var indexes: String
    @Field(key: "version") var version: Int
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}
