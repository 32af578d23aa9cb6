import AlongsideCore
import FluentKit
import Foundation

final class PersonInLifeModel: Model, @unchecked Sendable {
    static let schema = "people_in_life"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @Field(key: "closeness") var closeness: Int
    @Field(key: "note") var note: String
    @Field(key: "added_at") var addedAt: Date

    init() {}

    func personInLife() throws -> PersonInLife {
        PersonInLife(
            id: .init(try requireID()), personID: .init(personID), name: name,
            kind: PersonInLife.Kind(rawValue: kind) ?? .friend,
            closeness: PersonInLife.Closeness(rawValue: closeness) ?? .inBetween, note: note, addedAt: addedAt)
    }
}
