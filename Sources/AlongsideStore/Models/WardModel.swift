import AlongsideCore
import FluentKit
import Foundation

final class WardModel: Model, @unchecked Sendable {
    static let schema = "wards"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String

    init() {}

    init(id: UUID? = nil, councilID: UUID, code: String, name: String) {
        self.id = id
        self.councilID = councilID
        self.code = code
        self.name = name
    }

    func ward() throws -> Ward {
        Ward(id: .init(try requireID()), councilID: .init(councilID), code: code, name: name)
    }
}
