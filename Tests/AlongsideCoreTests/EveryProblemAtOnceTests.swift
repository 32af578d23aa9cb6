import Foundation
import Testing

@testable import AlongsideCore

/// The checks in Core that a form of staff, steps or Good Neighbours is held to: each finds every problem with
/// what was sent, not the first.
@Suite("Every problem at once: staff, steps and Good Neighbours")
struct EveryProblemAtOnceTests {
    /// The problems a check threw (none when it passed).
    func problems<T>(_ check: () throws(AlongsideValidation) -> T) -> [any DomainProblem] {
        do {
            _ = try check()
            return []
        } catch {
            return error.problems
        }
    }

    @Test func aNewMembersNameAndEmailAreCheckedTogether() {
        #expect(StaffMember.problems(email: "not-an-email", name: "  ") == [.nameMissing, .emailMissing])
        #expect(StaffMember.problems(email: "a@b.example", name: String(repeating: "x", count: 121)) == [.nameMissing])
        #expect(StaffMember.problems(email: "  Jo@Council.Example ", name: " Jo Bloggs ").isEmpty)
        #expect(StaffMember.problems(email: "jo@example", name: "Jo") == [.emailMissing])
    }

    @Test func aStepIsCheckedWhollyAndGivenBackTrimmedWithItsDay() throws {
        let both = problems { () throws(AlongsideValidation) in
            try Step.checked(what: "  ", who: "", dueOn: "soon")
        }
        #expect(both.compactMap { $0 as? WorkProblem } == [.stepMissing, .dueDayUnreadable])
        let long = problems { () throws(AlongsideValidation) in
            try Step.checked(what: "Call", who: String(repeating: "x", count: 121), dueOn: "31/2/2026")
        }
        #expect(long.compactMap { $0 as? WorkProblem } == [.stepTooLong, .dueDayUnreadable])
        let step = try Step.checked(what: " Visit the choir ", who: " Maggie ", dueOn: "1/8/2026")
        #expect(step.what == "Visit the choir" && step.who == "Maggie" && step.dueOn == "2026-08-01")
        #expect(try Step.checked(what: "Call", who: "", dueOn: " ").dueOn == nil)
    }

    @Test func everyPartOfAVisionTooLongIsNamedAndSomeoneInTheirLifeIsChecked() throws {
        let long = String(repeating: "x", count: 5_001)
        #expect(
            GoodLifeVision(vision: long, strengths: "Gardening", whatMatters: long).problems == [
                .tooLong(field: "vision"), .tooLong(field: "whatMatters"),
            ])
        #expect(GoodLifeVision(vision: String(repeating: "x", count: 5_000)).problems.isEmpty)
        #expect(try PersonInLife.checked(name: " Susan ", note: "") == "Susan")
        let missing = problems { () throws(AlongsideValidation) in try PersonInLife.checked(name: " ", note: "") }
        #expect(missing.compactMap { $0 as? WorkProblem } == [.nameMissing])
        let tooLong = problems { () throws(AlongsideValidation) in
            try PersonInLife.checked(name: "Pat", note: String(repeating: "x", count: 501))
        }
        #expect(tooLong.compactMap { $0 as? WorkProblem } == [.nameTooLong])
    }

    @Test func aChecksDaysAreCheckedTogether() {
        #expect(VolunteerCheck.problems(issuedOn: "", expiresOn: "") == [.checkIssuedMissing, .checkExpiryMissing])
        #expect(VolunteerCheck.problems(issuedOn: "2026-01-01", expiresOn: "2025-12-31") == [.checkExpiryMissing])
        #expect(VolunteerCheck.problems(issuedOn: "2026-01-01", expiresOn: "2026-01-01") == [.checkExpiryMissing])
        #expect(VolunteerCheck.problems(issuedOn: "2026-01-01", expiresOn: "2029-01-01").isEmpty)
    }

    @Test func aRequestForHelpIsCheckedWhollyAndItsDayReadInEitherForm() throws {
        let both = problems { () throws(AlongsideValidation) in
            try HelpRequest.checked(details: " ", neededOn: "31/02/2026")
        }
        #expect(both.compactMap { $0 as? GoodNeighbourProblem } == [.helpDetailsMissing, .helpDayUnreadable])
        let tooLong = problems { () throws(AlongsideValidation) in
            try HelpRequest.checked(details: String(repeating: "x", count: 1_001), neededOn: "2026-08-04")
        }
        #expect(tooLong.compactMap { $0 as? GoodNeighbourProblem } == [.helpDetailsMissing])
        let request = try HelpRequest.checked(details: " A weekly shop ", neededOn: "4/8/2026")
        #expect(request.details == "A weekly shop" && request.neededOn == "2026-08-04")
        #expect(try HelpRequest.checked(details: "A shop", neededOn: "2026-08-04").neededOn == "2026-08-04")
    }
}
