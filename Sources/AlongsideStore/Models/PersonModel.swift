import AlongsideCore
import FluentKit
import Foundation

final class PersonModel: Model, @unchecked Sendable {
    static let schema = "people"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "full_name") var fullName: String
    /// The name lower-cased without punctuation, for case-insensitive search on every database.
    @Field(key: "name_key") var nameKey: String
    @Field(key: "preferred_name") var preferredName: String
    @OptionalField(key: "date_of_birth") var dateOfBirth: String?
    @OptionalField(key: "age_band") var ageBand: String?
    @Field(key: "phone") var phone: String
    @Field(key: "phone_digits") var phoneDigits: String
    @Field(key: "email") var email: String
    @OptionalField(key: "contact_preference") var contactPreference: String?
    @OptionalField(key: "preferred_language") var preferredLanguage: String?
    @Field(key: "address") var address: String
    @Field(key: "postcode") var postcode: String
    @OptionalField(key: "ward_id") var wardID: UUID?
    @Field(key: "household") var household: String
    @Field(key: "own_words") var ownWords: String
    @Field(key: "categories") var categories: String
    @Field(key: "level") var level: Int
    @Field(key: "stage") var stage: String
    @OptionalField(key: "end_reason") var endReason: String?
    @OptionalField(key: "coordinator_id") var coordinatorID: UUID?
    @OptionalField(key: "queue_reason") var queueReason: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_contact_at") var lastContactAt: Date?
    @OptionalField(key: "next_step_due") var nextStepDue: String?
    @OptionalField(key: "merged_into_id") var mergedIntoID: UUID?
    @Field(key: "version") var version: Int

    init() {}

    init(_ person: Person) {
        id = person.id.uuid
        councilID = person.councilID.uuid
        createdAt = person.createdAt
        mergedIntoID = nil
        version = person.version
        apply(person)
    }

    func apply(_ person: Person) {
        fullName = person.fullName
        nameKey = DuplicateCheck.normalisedName(person.fullName)
        preferredName = person.preferredName
        dateOfBirth = person.dateOfBirth
        ageBand = person.ageBand
        phone = person.phone
        phoneDigits = Person.normalisedPhone(person.phone)
        email = person.email.lowercased()
        contactPreference = person.contactPreference?.rawValue
        preferredLanguage = person.preferredLanguage?.rawValue
        address = person.address
        postcode = person.postcode
        wardID = person.wardID?.uuid
        household = person.household
        ownWords = person.ownWords
        categories = person.categories.map(\.rawValue).joined(separator: ",")
        level = person.level.rawValue
        stage = person.stage.rawValue
        endReason = person.endReason?.rawValue
        coordinatorID = person.coordinatorID?.uuid
        queueReason = person.queueReason
        lastContactAt = person.lastContactAt
        nextStepDue = person.nextStepDue
    }
}
