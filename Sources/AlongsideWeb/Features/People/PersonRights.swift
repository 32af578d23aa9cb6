import AlongsideCore
import AlongsideStore
import Vapor

/// The consent and erasure parts of a person's record.
struct PersonRights: Encodable {
    struct ConsentRow: Encodable {
        let kind: String
        let partner: String?
        let wording: String
        let given: String
        let withdrawn: String?
        let withdrawPath: String
    }

    let consents: [ConsentRow]
    let consentPath: String
    let kindOptions: [ChoiceOption]
    let erasePath: String
    let erased: String?

    static func build(record: PersonRecord, posted: [String: String]) -> PersonRights {
        let person = record.person
        return PersonRights(
            consents: record.consents.map {
                ConsentRow(
                    kind: $0.kind.label, partner: $0.partner, wording: $0.wording, given: ISODay.words($0.givenOn),
                    withdrawn: $0.withdrawnOn.map(ISODay.words),
                    withdrawPath: SitePath.person(.value(person.id), .withdrawConsent(.value($0.id))).path)
            },
            consentPath: SitePath.person(.value(person.id), .consents).path,
            kindOptions: Consent.Kind.allCases.map {
                ChoiceOption(value: $0.rawValue, label: $0.label, selected: posted["consentKind"] == $0.rawValue)
            },
            erasePath: SitePath.person(.value(person.id), .erase).path,
            erased: record.erasure.map {
                Wording.current("people.page.personal-details-erased-on", LondonTime.date($0.at), $0.reason)
            })
    }
}
