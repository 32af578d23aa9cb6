import AlongsideCore
import FluentKit
import Foundation

final class MeasureModel: Model, @unchecked Sendable {
    static let schema = "measures"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "taken_on") var takenOn: String
    @Field(key: "answers") var answers: String
    @Field(key: "declined") var declined: Bool
    /// `MeasureReading.headlineHundredths`, for distance travelled worked out in SQL.
    @OptionalField(key: "score_hundredths") var scoreHundredths: Int?
    @OptionalField(key: "recorded_by_id") var recordedByID: UUID?
    @Field(key: "created_at") var createdAt: Date
    /// Set when the entry was struck out: it leaves the record's lists and every count.
    @OptionalField(key: "struck_at") var struckAt: Date?

    init() {}

    func reading() throws -> MeasureReading {
        MeasureReading(
            id: .init(try requireID()), personID: .init(personID), kind: MeasureKind(rawValue: kind) ?? .swemwbs,
            takenOn: takenOn, answers: Self.answers(answers), declined: declined)
    }

    /// The answers as stored: numbers separated by commas.
    static func answers(_ stored: String) -> [Int] { stored.split(separator: ",").compactMap { Int($0) } }
}
