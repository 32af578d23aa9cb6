import AlongsideCore
import Foundation

// How the web layer words each area's problems: one `switch` per problem type, so a new case does not
// compile until it has its catalog key. The status comes from its kind (`ProblemWording.status`).

extension CommunityWorkProblem: WordedProblem {
    var words: ProblemWords {
        switch self {
        case .dayMissing: wording("community.error.enter-the-day-it-happened")
        case .timeMissing: wording("community.error.enter-the-time-spent")
        case .notesMissing: wording("community.error.say-what-happened")
        }
    }
}

extension ConnectionProblem: WordedProblem {
    var words: ProblemWords {
        switch self {
        case .connectionStartMissing: wording("people.error.enter-when-it-started")
        case .contributionStartMissing: wording("people.error.enter-when-it-started")
        case .contributionMissing: wording("people.form.say-what-they-give")
        case .nameMissing: wording("people.form.say-who-or-what")
        }
    }
}

extension CorrectionProblem: WordedProblem {
    var words: ProblemWords {
        switch self {
        case .dayUnreadable: wording("people.page.enter-the-date-as-day-month")
        case .minutesOutOfRange: wording("people.correction.minutes-range")
        case .dayInFuture: wording("people.correction.not-in-the-future")
        case .reasonMissing: wording("people.correction.reason-needed")
        case .reasonTooLong: wording("people.correction.reason-too-long")
        case .strikeReasonMissing: wording("people.correction.strike-reason")
        case .notesTooLong: wording("people.correction.too-long")
        case .whoWasThereTooLong: wording("people.correction.who-was-there-too-long")
        case .entryMissing(let field): wording("people.entry.required", Correction.fieldLabel(field))
        case .entryTooLong(let field): wording("people.entry.too-long", Correction.fieldLabel(field))
        case .entryDayInFuture(let field): wording("people.entry.not-in-the-future", Correction.fieldLabel(field))
        case .entryDayUnreadable(let field): wording("people.entry.enter-a-date", Correction.fieldLabel(field))
        case .entryNotOnTheList(let field): wording("people.entry.choose", Correction.fieldLabel(field))
        case .declinedHasNoAnswers: wording("people.entry.declined-no-answers")
        case .answersUnusable(_, let count): wording("people.entry.answers", String(count))
        case .otherwiseMissing: wording("people.entry.otherwise-needed")
        }
    }
}

extension CouncilProblem: WordedProblem {
    var words: ProblemWords {
        switch self {
        case .slugUnusable: wording("network.error.council-slug")
        case .slugTaken(let p0): wording("network.error.council-slug-taken", p0)
        case .noContactDaysOutOfRange: wording("wards.page.enter-a-number-of-days-from")
        case .nameMissing: wording("network.error.enter-the-councils-name")
        case .hoursUnusable(_, let limit): wording("settings.public-contact.hours-problem", limit)
        case .phoneUnusable: wording("settings.public-contact.phone-problem")
        case .investmentUnusable: wording("wards.page.enter-the-yearly-investment")
        }
    }
}

extension DirectoryProblem: WordedProblem {
    var words: ProblemWords {
        switch self {
        case .ageUnusable: wording("directory.label.ages-are-whole-years-from-0")
        case .dayMissing: wording("directory.label.choose-the-day-it-meets")
        case .organisationMissing: wording("directory.error.choose-the-organisation")
        case .webAddressUnusable: wording("directory.label.enter-a-web-address-starting-https")
        case .emailUnusable: wording("directory.label.enter-an-email-address-like-name")
        case .oneOffDayMissing: wording("directory.label.enter-the-date-of-the-one")
        case .nameMissing: wording("directory.label.enter-the-name-people-know-it")
        case .organisationNameMissing: wording("directory.error.enter-the-organisations-name")
        case .postcodeUnusable: wording("directory.label.enter-the-postcode-of-where-it")
        case .timesUnusable: wording("directory.label.enter-times-on-a-24-hour")
        case .descriptionTooLong: wording("directory.label.keep-the-description-under-5-000")
        case .noSuchCategory(let p0): wording("directory.error.no-such-category", p0)
        case .whenMissing: wording("directory.label.say-in-words-when-it-meets")
        case .agesReversed: wording("directory.label.the-oldest-age-must-not-be")
        }
    }
}

extension EvidenceProblem: WordedProblem {
    var words: ProblemWords {
        switch self {
        case .ons4Incomplete: wording("people.label.answer-all-four-ons4-questions")
        case .swemwbsIncomplete: wording("people.label.answer-all-seven-swemwbs-statements")
        case .lonelinessIncomplete: wording("people.label.answer-all-three-loneliness-questions")
        case .lonelinessAnswerOutOfRange: wording("people.label.each-loneliness-answer-is-1-hardly")
        case .swemwbsAnswerOutOfRange: wording("people.label.each-swemwbs-answer-is-from-1")
        case .outcomeDayMissing: wording("people.error.enter-the-date")
        case .measureDayMissing: wording("people.error.enter-the-date")
        case .ons4AnswerOutOfRange: wording("people.error.ons4-answer")
        case .otherwiseTooLong: wording("people.form.otherwise-too-long")
        case .otherwiseMissing: wording("people.form.say-what-would-have-happened")
        }
    }
}

extension GoodNeighbourProblem: WordedProblem {
    var words: ProblemWords {
        switch self {
        case .alreadyClosed: wording("good-neighbours.error.already-closed")
        case .alreadyOffered: wording("good-neighbours.error.already-offered")
        case .cannotBeOffered(let volunteer, let because):
            wording(
                "good-neighbours.error.cannot-be-offered",
                // An erased volunteer keeps no name (`Volunteer.shownName`).
                volunteer.isEmpty ? Wording.current("good-neighbours.page.erased-volunteer") : volunteer,
                because ?? Wording.current("good-neighbours.error.not-a-match"))
        case .changedMeanwhile: wording("good-neighbours.page.changed-meanwhile")
        case .helpsWithMissing: wording("good-neighbours.page.choose-at-least-one-thing-they")
        case .volunteerPostcodeMissing: wording("good-neighbours.error.enter-a-postcode")
        case .helpDayUnreadable: wording("people.page.enter-the-date-as-day-month")
        case .checkExpiryMissing: wording("good-neighbours.error.enter-the-day-it-expires")
        case .checkIssuedMissing: wording("good-neighbours.page.enter-the-day-it-was-issued")
        case .hoursMissing: wording("good-neighbours.error.enter-the-time-given")
        case .volunteerNameMissing: wording("good-neighbours.page.enter-the-volunteers-name")
        case .volunteerPostcodeUnusable: wording("good-neighbours.page.enter-their-postcode-like-kv1-1aa")
        case .offerFirst: wording("good-neighbours.error.offer-first")
        case .onlyOfferedMayBeDeclined: wording("good-neighbours.error.only-offered-declined")
        case .onlyTakenOnMayBeDone: wording("good-neighbours.error.only-taken-on-done")
        case .onlyWhileArranged: wording("good-neighbours.page.only-while-arranged")
        case .travelMissing: wording("good-neighbours.page.say-how-far-they-will-go-2")
        case .helpDetailsMissing: wording("good-neighbours.page.say-what-help-is-needed")
        case .volunteerErased: wording("good-neighbours.page.volunteer-erased")
        }
    }
}

extension IntroductionProblem: WordedProblem {
    var words: ProblemWords {
        switch self {
        case .notOnTheList(_, let label): wording("introduce.error.choose-from-the-list", label)
        case .dateOfBirthInFuture: wording("introduce.error.date-of-birth-in-the-future")
        case .postcodeUnusable: wording("introduce.error.enter-a-full-postcode-like-de1")
        case .phoneUnusable: wording("introduce.error.enter-a-phone-number-with-at")
        case .emailUnusable: wording("introduce.error.enter-an-email-address-like-name")
        case .dateOfBirthUnreadable: wording("introduce.error.enter-the-date-of-birth-as")
        case .nameMissing: wording("introduce.error.enter-the-name-of-the-person")
        case .introducerNameMissing: wording("introduce.error.enter-your-name")
        case .noWayToReach: wording("introduce.error.give-at-least-one-way-to")
        case .householdTooLong: wording("introduce.error.household-too-long")
        case .personKnowsUnchecked: wording("introduce.error.please-check-the-person-knows-you")
        case .controlCharacters: wording("introduce.error.remove-control-characters")
        case .tooLong(_, let limit): wording("introduce.error.use-at-most-characters-here", limit)
        case .notOneLine: wording("introduce.error.use-one-line-here")
        }
    }
}

extension JourneyProblem: WordedProblem {
    var words: ProblemWords {
        switch self {
        case .alreadyAtLevel(let p0): wording("people.level.already", p0.label)
        case .levelAfterEnding: wording("people.level.ended-first")
        case .endingReasonMissing: wording("people.label.say-why-the-relationship-is-ending")
        case .comingBackStartsAgain: wording("people.label.someone-coming-back-starts-again-at")
        case .alreadyAtStage(let p0): wording("people.label.they-are-already-at-choose-a", p0.label)
        }
    }
}

extension MergeProblem: WordedProblem {
    var words: ProblemWords {
        switch self {
        case .alreadyUndone: wording("people.merge.already-undone")
        case .erased: wording("people.merge.erased")
        case .intoItself: wording("people.merge.not-into-itself")
        case .tooLateToUndo: wording("people.merge.too-late-to-undo")
        case .laterMergeFirst: wording("people.merge.undo-later-first")
        }
    }
}

extension NumberProblem: WordedProblem {
    var words: ProblemWords {
        switch self {
        case .notAWholeNumber(let field, let range):
            wording(
                "site.error.a-whole-number-from-to", field, Wording.current.number(range.lowerBound),
                Wording.current.number(range.upperBound))
        case .notANumber(let field, let range):
            wording(
                "site.error.a-number-from-to", field, CheckedNumber.plain(range.lowerBound),
                CheckedNumber.plain(range.upperBound))
        }
    }
}

extension PersonProblem: WordedProblem {
    var words: ProblemWords {
        switch self {
        case .coordinatorMissing: wording("wards.error.choose-a-coordinator")
        }
    }
}

extension PracticeProblem: WordedProblem {
    var words: ProblemWords {
        switch self {
        case .themesMissing: wording("network.page.choose-at-least-one-theme-so")
        case .eventDayMissing: wording("network.page.enter-the-day-of-the-event")
        case .titleUnusable: wording("network.page.give-it-a-title-of-up")
        case .noConsentToTell: wording("stories.page.no-consent-to-tell-it")
        case .onlyApprovedStories: wording("network.error.only-approved-stories")
        case .eventPlaceMissing: wording("network.page.say-where-the-event-is-or")
        case .storyAlreadyShared: wording("network.error.story-already-in-library")
        case .personalDetails(_, let found): wording("network.page.this-contains-the-practice-library-is", found)
        case .bodyUnusable: wording("network.page.write-what-happened-or-what-worked")
        }
    }
}

extension ProgrammeProblem: WordedProblem {
    var words: ProblemWords {
        switch self {
        case .alreadyLeft: wording("programmes.page.already-left")
        case .extensionBeforeEnd: wording("programmes.page.an-extension-must-end-after-the")
        case .extraCoordinatorsUnusable: wording("programmes.page.enter-how-many-extra-coordinators-it")
        case .budgetUnusable: wording("programmes.page.enter-the-budget-in-pounds-like")
        case .endDayUnreadable: wording("programmes.page.enter-the-end-date-as-day")
        case .nameUnusable: wording("programmes.page.enter-the-programmes-name-up-to")
        case .startDayUnreadable: wording("programmes.page.enter-the-start-date-as-day")
        case .funderMissing: wording("programmes.page.enter-who-funds-it")
        case .leftBeforeJoining: wording("programmes.page.left-before-joining")
        case .endsBeforeStart: wording("programmes.page.the-end-date-must-be-after")
        }
    }
}

extension RightsProblem: WordedProblem {
    var words: ProblemWords {
        switch self {
        case .alreadyErased: wording("rights.error.already-erased")
        case .consentDayUnreadable: wording("people.page.enter-the-date-as-day-month")
        case .partnerMissing: wording("rights.page.name-the-partner")
        case .erasureReasonMissing: wording("rights.error.say-why-erased")
        }
    }
}

extension SROIProblem: WordedProblem {
    var words: ProblemWords {
        switch self {
        case .investmentUnusable: wording("sroi.page.enter-the-investment-in-pounds-more")
        case .proxyNegative(let p0): wording("sroi.proxies.problem-negative", p0.label)
        case .priceYearUnusable: wording("sroi.page.problem-price-year")
        case .proxyPriceYearUnusable(let p0, let latest): wording("sroi.proxies.problem-price-year", p0.label, latest)
        case .deflatorPublishedMissing: wording("sroi.deflators.problem-published")
        case .deflatorRowsUnusable: wording("sroi.deflators.problem-rows")
        case .deflatorSourceMissing: wording("sroi.deflators.problem-source")
        case .reportTitleMissing: wording("sroi.page.problem-title")
        case .proxyUnusable(_, let p1): english("\(p1.english)")
        }
    }
}

extension StaffProblem: WordedProblem {
    var words: ProblemWords {
        switch self {
        case .accountExists(let email): wording("staff.error.account-exists", email)
        case .nameMissing: wording("staff.error.enter-a-name")
        case .emailMissing: wording("staff.error.enter-an-email-address")
        case .unknownRole(let p0): wording("staff.error.unknown-role", p0)
        }
    }
}

extension StoryProblem: WordedProblem {
    var words: ProblemWords {
        switch self {
        case .consentMissing: wording("stories.page.a-story-is-only-kept-when")
        case .titleUnusable: wording("stories.page.give-the-story-a-title-of")
        case .noConsentToTell: wording("stories.page.no-consent-to-tell-it")
        case .onlyAwaitingApproval: wording("stories.page.only-a-story-awaiting-approval")
        case .onlyBeforeApproval: wording("stories.page.only-before-approval")
        case .reviewNoteMissing: wording("stories.page.say-what-or-why")
        case .namesThem(let p0): wording("stories.page.the-story-names-them-use-a", p0.capitalized)
        case .bodyUnusable: wording("stories.page.write-the-story-in-20-to")
        }
    }
}

extension WardProblem: WordedProblem {
    var words: ProblemWords {
        switch self {
        case .coordinatorMissing: wording("wards.error.choose-a-coordinator")
        case .codeTaken(let p0): wording("wards.error.code-taken", p0)
        case .nameMissing: wording("coverage.page.enter-the-wards-name")
        case .codeUnusable: wording("coverage.page.enter-the-wards-ons-code-a")
        case .notACoordinator(let p0): wording("wards.error.not-a-coordinator", p0)
        case .nameTooLong: wording("coverage.page.ward-names-are-at-most-120")
        }
    }
}

extension WorkProblem: WordedProblem {
    var words: ProblemWords {
        switch self {
        case .dayMissing: wording("people.error.enter-the-date")
        case .dueDayUnreadable: wording("people.error.enter-the-date-or-leave-it-empty")
        case .minutesUnusable: wording("people.error.enter-the-length-in-minutes")
        case .nameMissing: wording("people.error.enter-their-name")
        case .nameTooLong: wording("people.error.keep-the-name-short")
        case .stepTooLong: wording("people.error.keep-the-step-short")
        case .dayInFuture: wording("people.correction.not-in-the-future")
        case .notesTooLong: wording("people.form.notes-too-long")
        case .stepMissing: wording("people.form.say-what-the-step-is")
        case .tooLong: wording("people.error.use-at-most-5000-characters")
        }
    }
}
