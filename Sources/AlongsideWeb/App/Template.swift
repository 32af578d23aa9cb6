import Vapor

/// Every Leaf template a handler renders, by its path under `Resources/Views` (without `.leaf`).
enum Template: String, CaseIterable, Sendable {
    case accountShow = "account/show"
    case accountTwoStep = "account/two-step"
    case auditIndex = "audit/index"
    case communityForm = "community/form"
    case communityIndex = "community/index"
    case communityReview = "community/review"
    case communityShow = "community/show"
    case communityWork = "community/work"
    case coverageIndex = "coverage/index"
    case dashboardQuarterly = "dashboard/quarterly"
    case dashboardShow = "dashboard/show"
    case directorySearch = "directory/search"
    case directoryShow = "directory/show"
    case error
    case goodNeighboursIndex = "good-neighbours/index"
    case goodNeighboursRequest = "good-neighbours/request"
    case goodNeighboursVolunteer = "good-neighbours/volunteer"
    case goodNeighboursVolunteerForm = "good-neighbours/volunteer-form"
    case goodNeighboursVolunteers = "good-neighbours/volunteers"
    case homeIndex = "home/index"
    case introduceChoose = "introduce/choose"
    case introduceShow = "introduce/show"
    case introduceThanks = "introduce/thanks"
    case languagesShow = "languages/show"
    case networkCouncils = "network/councils"
    case networkPractice = "network/practice"
    case networkPracticeItem = "network/practice-item"
    case networkPracticeNew = "network/practice-new"
    case networkShow = "network/show"
    case peopleExport = "people/export"
    case peopleExportDocument = "people/export-document"
    case peopleMerge = "people/merge"
    case peopleNew = "people/new"
    case peopleReason = "people/reason"
    case peopleShow = "people/show"
    case programmesIndex = "programmes/index"
    case programmesShow = "programmes/show"
    case settingsIndex = "settings/index"
    case signInChoosePassword = "sign-in/choose-password"
    case signInCode = "sign-in/code"
    case signInForgot = "sign-in/forgot"
    case signInShow = "sign-in/show"
    case sroiBuild = "sroi/build"
    case sroiProxies = "sroi/proxies"
    case sroiReport = "sroi/report"
    case staffIndex = "staff/index"
    case staffLeave = "staff/leave"
    case storiesIndex = "stories/index"
    case teamIndex = "team/index"
    case wardsIndex = "wards/index"
    case wardsNew = "wards/new"
    case wardsShow = "wards/show"
}

extension Template {
    /// The sections of a person's record, one view each, which `people/show` puts together in this order
    /// (`#extend("people/record/steps")`); each shows its part of `PersonPage`.
    enum RecordSection: String, CaseIterable, Sendable {
        case summary = "people/record/summary"
        case duplicates = "people/record/duplicates"
        case contents = "people/record/contents"
        case conversations = "people/record/conversations"
        case goodLife = "people/record/good-life"
        case steps = "people/record/steps"
        case theirPeople = "people/record/their-people"
        case connections = "people/record/connections"
        case wellbeing = "people/record/wellbeing"
        case outcomes = "people/record/outcomes"
        case story = "people/record/story"
        case journey = "people/record/journey"
        case consent = "people/record/consent"
        case about = "people/record/about"
    }
}

extension ViewRenderer {
    func render<E: Encodable>(_ template: Template, _ context: E) async throws -> View {
        try await render(template.rawValue, context)
    }
}
