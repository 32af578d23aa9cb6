import AlongsideCore
import FluentKit
import Foundation
import SQLKit

final class ProxyModel: Model, @unchecked Sendable {
    static let schema = "proxies"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "kind") var kind: String
    /// The proxy as JSON (value as an exact decimal string).
    @Field(key: "definition") var definition: String
    /// The financial year the value is in (the column is the authority; the definition holds it too).
    @Field(key: "price_year") var priceYear: Int
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}
