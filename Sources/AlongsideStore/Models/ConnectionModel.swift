import AlongsideCore
import FluentKit
import Foundation

final class ConnectionModel: Model, @unchecked Sendable {
    static let schema = "connections"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "kind") var kind: String
    @OptionalField(key: "resource_id") var resourceID: UUID?
    @Field(key: "name") var name: String
    @Field(key: "started_on") var startedOn: String
    @OptionalField(key: "ended_on") var endedOn: String?
    @OptionalField(key: "lasting") var lasting: Bool?
    @Field(key: "note") var note: String
    @OptionalField(key: "added_by_id") var addedByID: UUID?
    @Field(key: "added_at") var addedAt: Date
    /// Set when the entry was struck out: it leaves the record's lists and every count.
    @OptionalField(key: "struck_at") var struckAt: Date?

    init() {}

    func connection() throws -> Connection {
        Connection(
            id: .init(try requireID()), personID: .init(personID), kind: Connection.Kind(rawValue: kind) ?? .group,
            resourceID: resourceID.map { .init($0) }, name: name, startedOn: startedOn, endedOn: endedOn,
            lasting: lasting, note: note, addedAt: addedAt)
    }
}
