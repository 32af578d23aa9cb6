import AlongsideCore
import FluentKit
import Foundation

final class CouncilModel: Model, @unchecked Sendable {
    static let schema = "councils"

    @ID(key: .id) var id: UUID?
    @Field(key: "slug") var slug: String
    @Field(key: "name") var name: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Field(key: "no_contact_days") var noContactDays: Int
    @Field(key: "retention_level1_years") var retentionLevel1Years: Int
    @Field(key: "retention_level2_years") var retentionLevel2Years: Int
    @Field(key: "require_two_step") var requireTwoStep: Bool
    @Field(key: "share_with_network") var shareWithNetwork: Bool
    @OptionalField(key: "annual_investment_pence") var annualInvestmentPence: Int64?
    @Field(key: "languages") var languages: String
    @Field(key: "wording_version") var wordingVersion: Int
    @Field(key: "public_phone") var publicPhone: String
    @Field(key: "public_hours") var publicHours: String
    @Field(key: "public_hours_cy") var publicHoursWelsh: String
    @Field(key: "out_of_hours_phone") var outOfHoursPhone: String

    init() {}

    init(id: UUID? = nil, slug: String, name: String) {
        self.id = id
        self.slug = slug
        self.name = name
        self.noContactDays = 28
        self.retentionLevel1Years = 2
        self.retentionLevel2Years = 8
        self.requireTwoStep = false
        self.shareWithNetwork = false
        self.languages = "en"
        self.wordingVersion = 0
        self.publicPhone = ""
        self.publicHours = ""
        self.publicHoursWelsh = ""
        self.outOfHoursPhone = ""
    }

    func council() throws -> Council {
        Council(
            id: .init(try requireID()), slug: slug, name: name, noContactDays: noContactDays,
            retentionLevel1Years: retentionLevel1Years, retentionLevel2Years: retentionLevel2Years,
            requireTwoStep: requireTwoStep, sharesWithNetwork: shareWithNetwork,
            annualInvestmentPence: annualInvestmentPence.map(Int.init), languages: Language.list(languages),
            wordingVersion: wordingVersion)
    }
}
