import AlongsideCore
import FluentKit
import Foundation

final class ProgrammeModel: Model, @unchecked Sendable {
    static let schema = "programmes"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "name") var name: String
    @Field(key: "funder") var funder: String
    @Field(key: "purpose") var purpose: String
    @Field(key: "cohort") var cohort: String
    @Field(key: "starts_on") var startsOn: String
    @Field(key: "ends_on") var endsOn: String
    @OptionalField(key: "extended_to") var extendedTo: String?
    @Field(key: "budget_pence") var budgetPence: Int
    @Field(key: "extra_coordinators") var extraCoordinators: Int

    init() {}
}
