import AlongsideCore
import FluentKit
import Foundation
import SQLKit

final class VolunteerModel: Model, @unchecked Sendable {
    static let schema = "volunteers"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "name") var name: String
    @Field(key: "active") var active: Bool
    @Field(key: "document") var document: String
    @Field(key: "added_at") var addedAt: Date
    @Field(key: "version") var version: Int

    init() {}
}
