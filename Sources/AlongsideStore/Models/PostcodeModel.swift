import FluentKit
import Foundation

/// One row of the postcode → ward table. Postcodes are national, not a council's, so the table is
/// shared by every council on the deployment; it holds no personal data.
final class PostcodeModel: Model, @unchecked Sendable {
    static let schema = "postcodes"

    @ID(custom: "postcode", generatedBy: .user) var id: String?
    @Field(key: "ward_code") var wardCode: String
    @OptionalField(key: "latitude") var latitude: Double?
    @OptionalField(key: "longitude") var longitude: Double?

    init() {}

    init(postcode: String, wardCode: String) {
        self.id = postcode
        self.wardCode = wardCode
    }
}
