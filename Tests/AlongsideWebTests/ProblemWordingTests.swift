import AlongsideCore
import Foundation
import Testing
import Vapor

@testable import AlongsideWeb

/// One error vocabulary: every problem an area's rules or a request can have is a typed case, worded by the web
/// layer from the catalog in the reader's language, with its status from its kind.
@Suite("One error vocabulary")
struct ProblemWordingTests {
    /// A value of every case of every problem type. A new case does not compile until `ProblemWording` words
    /// it; `everyCaseIsListedHere` asks for it here too, so its words are checked.
    static let samples: [[any DomainProblem]] = [
        [CommunityWorkProblem.dayMissing, CommunityWorkProblem.timeMissing, CommunityWorkProblem.notesMissing],
        [
            ConnectionProblem.connectionStartMissing, ConnectionProblem.contributionStartMissing,
            ConnectionProblem.contributionMissing, ConnectionProblem.nameMissing,
        ],
        [
            CorrectionProblem.dayUnreadable, CorrectionProblem.minutesOutOfRange, CorrectionProblem.dayInFuture,
            CorrectionProblem.reasonMissing, CorrectionProblem.reasonTooLong, CorrectionProblem.strikeReasonMissing,
            CorrectionProblem.notesTooLong, CorrectionProblem.whoWasThereTooLong,
            CorrectionProblem.entryMissing(field: "notes"), CorrectionProblem.entryTooLong(field: "notes"),
            CorrectionProblem.entryDayInFuture(field: "happenedOn"),
            CorrectionProblem.entryDayUnreadable(field: "happenedOn"),
            CorrectionProblem.entryNotOnTheList(field: "place"),
            CorrectionProblem.declinedHasNoAnswers(field: "answers"),
            CorrectionProblem.answersUnusable(field: "answers", count: 4), CorrectionProblem.otherwiseMissing,
        ],
        [
            CouncilProblem.slugUnusable, CouncilProblem.slugTaken("x"), CouncilProblem.noContactDaysOutOfRange,
            CouncilProblem.nameMissing, CouncilProblem.hoursUnusable(field: "publicHours", limit: 150),
            CouncilProblem.phoneUnusable(field: "publicPhone"), CouncilProblem.investmentUnusable,
        ],
        [
            DirectoryProblem.ageUnusable, DirectoryProblem.dayMissing, DirectoryProblem.organisationMissing,
            DirectoryProblem.webAddressUnusable, DirectoryProblem.emailUnusable, DirectoryProblem.oneOffDayMissing,
            DirectoryProblem.nameMissing, DirectoryProblem.organisationNameMissing, DirectoryProblem.postcodeUnusable,
            DirectoryProblem.timesUnusable, DirectoryProblem.descriptionTooLong, DirectoryProblem.noSuchCategory("x"),
            DirectoryProblem.whenMissing, DirectoryProblem.agesReversed,
        ],
        [
            EvidenceProblem.ons4Incomplete, EvidenceProblem.swemwbsIncomplete, EvidenceProblem.lonelinessIncomplete,
            EvidenceProblem.lonelinessAnswerOutOfRange, EvidenceProblem.swemwbsAnswerOutOfRange,
            EvidenceProblem.outcomeDayMissing, EvidenceProblem.measureDayMissing,
            EvidenceProblem.ons4AnswerOutOfRange(question: "lifeSatisfaction"), EvidenceProblem.otherwiseTooLong,
            EvidenceProblem.otherwiseMissing,
        ],
        [
            GoodNeighbourProblem.alreadyClosed, GoodNeighbourProblem.alreadyOffered,
            GoodNeighbourProblem.cannotBeOffered(volunteer: "Ann", because: nil), GoodNeighbourProblem.changedMeanwhile,
            GoodNeighbourProblem.helpsWithMissing, GoodNeighbourProblem.volunteerPostcodeMissing,
            GoodNeighbourProblem.helpDayUnreadable, GoodNeighbourProblem.checkExpiryMissing,
            GoodNeighbourProblem.checkIssuedMissing, GoodNeighbourProblem.hoursMissing,
            GoodNeighbourProblem.volunteerNameMissing, GoodNeighbourProblem.volunteerPostcodeUnusable,
            GoodNeighbourProblem.offerFirst, GoodNeighbourProblem.onlyOfferedMayBeDeclined,
            GoodNeighbourProblem.onlyTakenOnMayBeDone, GoodNeighbourProblem.onlyWhileArranged,
            GoodNeighbourProblem.travelMissing, GoodNeighbourProblem.helpDetailsMissing,
            GoodNeighbourProblem.volunteerErased,
        ],
        [
            IntroductionProblem.notOnTheList(field: "categories", label: "Categories"),
            IntroductionProblem.dateOfBirthInFuture, IntroductionProblem.postcodeUnusable,
            IntroductionProblem.phoneUnusable, IntroductionProblem.emailUnusable,
            IntroductionProblem.dateOfBirthUnreadable, IntroductionProblem.nameMissing,
            IntroductionProblem.introducerNameMissing, IntroductionProblem.noWayToReach,
            IntroductionProblem.householdTooLong, IntroductionProblem.personKnowsUnchecked,
            IntroductionProblem.controlCharacters(field: "fullName"),
            IntroductionProblem.tooLong(field: "fullName", limit: 200),
            IntroductionProblem.notOneLine(field: "fullName"),
        ],
        [
            JourneyProblem.alreadyAtLevel(.one), JourneyProblem.levelAfterEnding, JourneyProblem.endingReasonMissing,
            JourneyProblem.comingBackStartsAgain, JourneyProblem.alreadyAtStage(.introduced),
        ],
        [
            MergeProblem.alreadyUndone, MergeProblem.erased, MergeProblem.intoItself, MergeProblem.tooLateToUndo,
            MergeProblem.laterMergeFirst,
        ],
        [
            NumberProblem.notAWholeNumber(field: "page", range: 1...10),
            NumberProblem.notANumber(field: "hours", range: 0...24),
        ],
        [PersonProblem.coordinatorMissing],
        [
            PracticeProblem.themesMissing, PracticeProblem.eventDayMissing, PracticeProblem.titleUnusable,
            PracticeProblem.noConsentToTell, PracticeProblem.onlyApprovedStories, PracticeProblem.eventPlaceMissing,
            PracticeProblem.storyAlreadyShared,
            PracticeProblem.personalDetails(field: "body", found: "an email address"), PracticeProblem.bodyUnusable,
        ],
        [
            ProgrammeProblem.alreadyLeft, ProgrammeProblem.extensionBeforeEnd,
            ProgrammeProblem.extraCoordinatorsUnusable, ProgrammeProblem.budgetUnusable,
            ProgrammeProblem.endDayUnreadable, ProgrammeProblem.nameUnusable, ProgrammeProblem.startDayUnreadable,
            ProgrammeProblem.funderMissing, ProgrammeProblem.leftBeforeJoining, ProgrammeProblem.endsBeforeStart,
        ],
        [
            RightsProblem.alreadyErased, RightsProblem.consentDayUnreadable, RightsProblem.partnerMissing,
            RightsProblem.erasureReasonMissing,
        ],
        [
            SROIProblem.investmentUnusable, SROIProblem.proxyNegative(RecordedOutcome.Kind.allCases[0]),
            SROIProblem.priceYearUnusable,
            SROIProblem.proxyPriceYearUnusable(RecordedOutcome.Kind.allCases[0], latest: 2026),
            SROIProblem.deflatorPublishedMissing, SROIProblem.deflatorRowsUnusable, SROIProblem.deflatorSourceMissing,
            SROIProblem.reportTitleMissing, SROIProblem.proxyUnusable(RecordedOutcome.Kind.allCases[0], .noOutcomes),
        ],
        [
            StaffProblem.accountExists(email: "a@b.c"), StaffProblem.nameMissing, StaffProblem.emailMissing,
            StaffProblem.unknownRole("boss"),
        ],
        [
            StoryProblem.consentMissing, StoryProblem.titleUnusable, StoryProblem.noConsentToTell,
            StoryProblem.onlyAwaitingApproval, StoryProblem.onlyBeforeApproval, StoryProblem.reviewNoteMissing,
            StoryProblem.namesThem("ann"), StoryProblem.bodyUnusable,
        ],
        [
            WardProblem.coordinatorMissing, WardProblem.codeTaken("E05000001"), WardProblem.nameMissing,
            WardProblem.codeUnusable, WardProblem.notACoordinator("Ann"), WardProblem.nameTooLong,
        ],
        [
            WorkProblem.dayMissing, WorkProblem.dueDayUnreadable, WorkProblem.minutesUnusable, WorkProblem.nameMissing,
            WorkProblem.nameTooLong, WorkProblem.stepTooLong, WorkProblem.dayInFuture, WorkProblem.notesTooLong,
            WorkProblem.stepMissing, WorkProblem.tooLong(field: "notes"),
        ],
        [
            RequestProblem.notOneLine(field: "name"), RequestProblem.accessReasonMissing,
            RequestProblem.accessReasonTooLong, RequestProblem.resetNotNow,
            RequestProblem.ageNotWholeYears(field: "minimumAge"), RequestProblem.oneOffDayUnreadable,
            RequestProblem.addressMissing, RequestProblem.organisationMissing, RequestProblem.erasureUnconfirmed,
            RequestProblem.storyNotSharedHere, RequestProblem.scopeUnknown, RequestProblem.modelUnreadable("the body"),
            RequestProblem.proxyNumbersUnusable(RecordedOutcome.Kind.allCases[0]),
            RequestProblem.proxySourceMissing(RecordedOutcome.Kind.allCases[0]), RequestProblem.lastingUnanswered,
            RequestProblem.pageNotANumber, RequestProblem.duplicateMissing,
            RequestProblem.notOneOf(field: "stage", allowed: ["a", "b"]), RequestProblem.closenessUnknown,
            RequestProblem.ifMatchUnreadable, RequestProblem.levelMissing,
            RequestProblem.unknownField(field: "take", name: "x"), RequestProblem.coordinatorIDUnreadable,
            RequestProblem.storyDecisionUnknown, RequestProblem.stageMissing, RequestProblem.handoverNoteTooLong,
            RequestProblem.coordinatorNotOnList, RequestProblem.measureMissing, RequestProblem.volunteerMissing,
            RequestProblem.hoursUnusable, RequestProblem.volunteerStatusUnknown,
            RequestProblem.volunteerErasureUnconfirmed, RequestProblem.travelUnusable, RequestProblem.checkKindMissing,
            RequestProblem.checkExpiryUnreadable, RequestProblem.introducerMissing, RequestProblem.sourceMissing,
            RequestProblem.level1YearsOutOfRange, RequestProblem.signInBodyUnreadable, RequestProblem.tokenScopeUnknown,
            RequestProblem.signInRefused, RequestProblem.twoStepAlreadyOn, RequestProblem.extensionEndUnreadable,
            RequestProblem.programmeMissing, RequestProblem.defaultCouncilMissing("x"),
        ],
        PeriodProblem.allCases,
        [
            DeflatorTable.Problem.unreadable(line: 2), DeflatorTable.Problem.yearOutOfRange(line: 2),
            DeflatorTable.Problem.indexOutOfRange(line: 2), DeflatorTable.Problem.repeated(line: 2),
            DeflatorTable.Problem.size,
        ],
        [SROI.InvalidModel(problems: [.noOutcomes])],
    ]

    /// Worded in English on purpose: checks of the JSON API's own fields and of an SROI model, whose field
    /// names are English too.
    static func isEnglishByDesign(_ problem: any DomainProblem) -> Bool {
        switch problem {
        case RequestProblem.notOneOf, RequestProblem.closenessUnknown, RequestProblem.tokenScopeUnknown,
            SROIProblem.proxyUnusable, is SROI.InvalidModel:
            true
        default: false
        }
    }

    @Test func everyProblemHasItsWordsInEveryLanguage() throws {
        let catalog = try StringCatalogTests().shipped()
        var checked = 0
        for problem in Self.samples.joined() {
            switch ProblemWording.words(problem) {
            case .catalog(let key, let values):
                #expect(problem is any WordedProblem, "\(problem) is not worded")
                for language in Language.allCases {
                    guard let phrase = catalog.phrase(key, in: language) else {
                        Issue.record("\(problem): \(key) is not in the \(language) catalog")
                        continue
                    }
                    #expect(
                        Set(phrase.placeholders).count == values.count,
                        "\(problem): \(key) takes \(Set(phrase.placeholders).count) values, given \(values.count)")
                }
                checked += 1
            case .english:
                #expect(Self.isEnglishByDesign(problem), "\(problem) is worded in English only")
            }
        }
        #expect(checked > 200)
    }

    /// A problem raised in a store reaches a Welsh reader in Welsh, with its values in the sentence.
    @Test func aWelshReaderReadsEveryProblemInWelsh() throws {
        let catalog = try StringCatalogTests().shipped()
        let welsh = Wording(catalog: catalog, language: .welsh, offered: [.english, .welsh])
        let english = Wording(catalog: catalog)
        for problem in Self.samples.joined() {
            // The values are worded when the problem is: a stage or a field is named in Welsh too.
            let words = Wording.$chosen.withValue(welsh) { ProblemWording.words(problem) }
            guard case .catalog(let key, let values) = words else { continue }
            let read = Wording.$chosen.withValue(welsh) { problem.message }
            #expect(read == catalog.text(key, in: .welsh, values: values, overrides: [:], formatCount: welsh.number))
            let inEnglish = Wording.$chosen.withValue(english) { problem.message }
            if catalog.phrase(key, in: .welsh) != catalog.phrase(key, in: .english) {
                #expect(read != inEnglish, "\(problem) reads the same in Welsh and English")
            }
        }
        let taken = Wording.$chosen.withValue(welsh) { StaffProblem.accountExists(email: "jo@example.org").message }
        #expect(taken.contains("jo@example.org"))
    }

    /// The status follows the kind, the same for the API and the error page.
    @Test func theStatusFollowsTheKind() {
        #expect(AlongsideErrorMiddleware.describe(WardProblem.nameMissing).0 == .unprocessableEntity)
        #expect(AlongsideErrorMiddleware.describe(MergeProblem.alreadyUndone).0 == .conflict)
        #expect(AlongsideErrorMiddleware.describe(RequestProblem.defaultCouncilMissing("x")).0 == .notFound)
        #expect(AlongsideErrorMiddleware.describe(AlongsideError.notFound(.person)).0 == .notFound)
        let both = AlongsideValidation(problems: [StoryProblem.titleUnusable, StoryProblem.consentMissing])
        let (status, reason, _) = AlongsideErrorMiddleware.describe(both)
        #expect(status == .unprocessableEntity)
        #expect(
            reason == [StoryProblem.titleUnusable.message, StoryProblem.consentMissing.message].joined(separator: " "))
    }

    /// Every case declared in a problem type is among the samples, so none escapes the checks above.
    @Test func everyCaseIsListedHere() throws {
        let listed = Set(Self.samples.joined().map { String(String(describing: $0).prefix { $0 != "(" }) })
        let tests = StringCatalogTests()
        var declared: [String] = []
        for (path, text) in try tests.files(under: "Sources", ending: "Problem.swift") {
            guard !path.hasSuffix("DomainProblem.swift"), !path.hasSuffix("FileProblem.swift") else { continue }
            for match in try tests.matches(#"\n    case (\w+)"#, in: text) { declared.append("\(path): \(match[1])") }
        }
        #expect(declared.count > 200)
        for entry in declared where !listed.contains(String(entry.split(separator: " ").last!)) {
            Issue.record("\(entry) is not among the samples")
        }
    }
}
