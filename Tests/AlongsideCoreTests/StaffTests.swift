import Foundation
import Testing

@testable import AlongsideCore

@Suite("Staff, roles and passwords")
struct StaffTests {
    @Test func onlyCouncilAdminsManageWardsAndOnlyTheNetworkAdminSeesMetrics() {
        for role in Role.allCases {
            #expect(role.may(.manageWards) == (role == .councilAdmin))
            #expect(role.may(.viewMetrics) == (role == .networkAdmin))
        }
        #expect(!Role.networkAnalyst.may(.viewCoverage))
        #expect(Role.coordinator.may(.viewCoverage))
    }

    @Test func networkRolesSeePublishedFiguresAndNeverPeople() {
        for role in [Role.networkAnalyst, .networkAdmin] {
            #expect(role.may(.viewNetwork))
            #expect(!role.may(.workWithPeople))
            #expect(!role.may(.viewDashboard))
            #expect(!role.may(.readAudit))
        }
        #expect(Role.networkAdmin.may(.manageNetwork))
        #expect(Role.allCases.filter { $0.may(.manageNetwork) } == [.networkAdmin])
        #expect(!Role.coordinator.may(.viewNetwork))
        #expect(Role.coordinator.may(.readPractice))
        #expect(!Role.coordinator.may(.publishPractice))
    }

    @Test func roleNamesMatchTheCommandLineAndAPI() {
        #expect(
            Role.allCases.map(\.rawValue) == [
                "coordinator", "team-leader", "council-admin", "network-analyst", "auditor", "network-admin",
            ])
    }

    @Test(arguments: [
        ("short1!", "at least 12"), ("password-for-work", "too common"), ("Qwertyuiop12!", "too common"),
        ("zzzzzzzzzzzzzzzz", "repeats too few"), ("jo.bloggs.secret.phrase", "email address"),
        ("bloggsbloggs-rules", "your name"),
    ])
    func weakPasswordsAreRefusedWithAReason(password: String, reason: String) {
        let problem = PasswordPolicy.problem(with: password, email: "jo.bloggs@derby.example", name: "Jo Bloggs")
        #expect(problem?.contains(reason) == true, "\(problem ?? "accepted")")
    }

    @Test func aLongUnusualPhraseIsAccepted() {
        #expect(
            PasswordPolicy.problem(with: "kettle on the windowsill", email: "jo@derby.example", name: "Jo Bloggs")
                == nil)
    }

    @Test func theThrottleStopsAtTheLimitForAccountOrAddress() {
        let throttle = SignInThrottle(window: 900, failuresPerAccount: 5, failuresPerAddress: 20)
        #expect(throws: Never.self) { try throttle.check(accountFailures: 4, addressFailures: 19) }
        #expect(throws: AlongsideError.tooManyAttempts(retryAfterMinutes: 15)) {
            try throttle.check(accountFailures: 5, addressFailures: 0)
        }
        #expect(throws: AlongsideError.tooManyAttempts(retryAfterMinutes: 15)) {
            try throttle.check(accountFailures: 0, addressFailures: 20)
        }
    }

    @Test func emailsAreComparedWithoutCaseOrSpace() {
        #expect(StaffMember.normalisedEmail("  Jo.Bloggs@Derby.GOV.uk ") == "jo.bloggs@derby.gov.uk")
        #expect(StaffMember.isPlausibleEmail("jo@derby.gov.uk"))
        #expect(!StaffMember.isPlausibleEmail("jo@derby"))
        #expect(!StaffMember.isPlausibleEmail("jo bloggs@derby.gov.uk"))
    }

    @Test func councilSlugs() {
        #expect(Council.isValidSlug("derby"))
        #expect(Council.isValidSlug("isle-of-wight"))
        #expect(!Council.isValidSlug("Derby"))
        #expect(!Council.isValidSlug("1derby"))
        #expect(!Council.isValidSlug("d"))
    }
}
