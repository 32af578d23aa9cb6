import AlongsideCore
import FluentKit
import Foundation

final class PracticeItemModel: Model, @unchecked Sendable {
    static let schema = "practice_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @Field(key: "themes") var themes: String
    @OptionalField(key: "event_on") var eventOn: String?
    @OptionalField(key: "event_place") var eventPlace: String?
    @OptionalField(key: "source_story_id") var sourceStoryID: UUID?
    @OptionalField(key: "published_by_id") var publishedByID: UUID?
    @Field(key: "published_at") var publishedAt: Date

    init() {}
}
