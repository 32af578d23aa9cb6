import AlongsideCore
import Foundation
import Leaf
import Vapor

/// The site's addresses: the one table every route is registered from and every link, form action and
/// redirect is made by (in Swift with `.path`, in a Leaf template with `#path("name")` or a path its
/// context carries). A case with `.key` in place of its values is the route's pattern
/// (`routes.get(.person(.key), use: show)`); with `.value(…)` it is an address (`SitePath.person(.value(id)).path`).
/// `allRoutes` lists every route with its method; `SitePathTests` checks it against the routes registered.
enum SitePath: Hashable, Sendable {
    /// A value in an address, or (`.key`) the place for it when the route is registered.
    enum Parameter<Value: Hashable & Sendable>: Hashable, Sendable {
        case key
        case value(Value)

        func text(_ render: (Value) -> String) -> String? {
            switch self {
            case .key: nil
            case .value(let value): render(value)
            }
        }
    }

    case home
    case health, healthLive, metrics

    case signIn, signInCode, signOut, forgotPassword
    /// Where a one-time link (an invitation or a password reset) leads.
    case password(Parameter<String>)
    case account, accountPassword, accountSignOutEverywhere, accountNotices, accountTwoStep

    case coverage
    case wards, newWard
    case ward(Parameter<Ward.ID>)
    case wardAssignment(Parameter<Ward.ID>)
    case settings, settingsCaseload, settingsTwoStep, settingsNetwork, settingsRetention, settingsPublicContact
    case staff, staffInvite
    case staffMember(Parameter<StaffMember.ID>, StaffAction)
    case languages
    case languageSheet(Parameter<Language>)
    case languageWording(Parameter<Language>)
    case languageWordingReset(Parameter<Language>)

    /// The public introduction form: choosing a council, a council's form and its thanks, under
    /// `/introduce/{council}` and the council's own `/c/{council}/introduce`.
    case introduceStart
    case introduce(Parameter<String>)
    case introduceThanks(Parameter<String>)
    case chooseCouncil
    case ownIntroduce(Parameter<String>)
    case ownIntroduceThanks(Parameter<String>)
    /// The public community directory, under `/directory/{council}` and `/c/{council}/directory`.
    case directoryStart
    case directory(Parameter<String>)
    case directoryResource(Parameter<String>, Parameter<CommunityResource.ID>)
    case ownDirectory(Parameter<String>)
    case ownDirectoryResource(Parameter<String>, Parameter<CommunityResource.ID>)
    /// The Open Referral UK API at one of its bases.
    case oruk(ORUKBase, ORUKEndpoint)

    case communityResources, communityResourcesReview, newCommunityResource
    case communityResource(Parameter<CommunityResource.ID>, CommunityResourcePart)
    case communityWork
    case goodNeighbours
    case helpRequest(Parameter<HelpRequest.ID>, HelpRequestPart)
    case volunteers, newVolunteer
    case volunteer(Parameter<Volunteer.ID>, VolunteerPart)

    case people, searchPeople, newPerson
    case person(Parameter<Person.ID>, PersonPart = .record)
    case caseload, team

    case dashboard, dashboardCSV
    /// The one-page quarterly report for commissioners, printable on A4.
    case quarterlyReport
    case sroi
    case sroiReport(Parameter<UUID>, SROIReportFormat)
    case sroiProxies, sroiDeflators
    case sroiProxy(Parameter<RecordedOutcome.Kind>)
    case programmes
    case programme(Parameter<Programme.ID>)
    case stories
    case story(Parameter<Story.ID>, StoryAction)
    case audit, auditCSV

    case network, networkCSV, networkCouncils
    case practice, newPractice
    case practiceItem(Parameter<PracticeItem.ID>)
    case practiceItemWithdraw(Parameter<PracticeItem.ID>)

    case api(APIPath)

    enum StaffAction: String, Hashable, Sendable, CaseIterable {
        case role, leave, reactivate, reset
    }

    enum CommunityResourcePart: String, Hashable, Sendable, CaseIterable {
        case record = "", edit, checked
    }

    enum HelpRequestPart: Hashable, Sendable {
        case record, details
        /// A step in the request's life.
        case step(Parameter<HelpRequestStep>)
    }

    enum HelpRequestStep: String, Hashable, Sendable, CaseIterable {
        case offer, accepted, declined, completed, cancel
    }

    enum VolunteerPart: String, Hashable, Sendable, CaseIterable {
        case record = "", checks, edit, status, erase
    }

    enum SROIReportFormat: String, Hashable, Sendable, CaseIterable {
        case page = "", csv, json
    }

    enum StoryAction: String, Hashable, Sendable, CaseIterable {
        case approve, sendBack = "send-back", reject, share
    }

    /// What lies under a person's record.
    enum PersonPart: Hashable, Sendable {
        case record, open, vision, people, stage, level, coordinator, details, measures, outcomes, erase
        case conversations
        case conversation(Parameter<Conversation.ID>)
        case strikeConversation(Parameter<Conversation.ID>)
        case steps
        case step(Parameter<Step.ID>)
        case merge
        case undoMerge(Parameter<PersonMerge.Record.ID>)
        /// An entry on the record (a step, a reading…): its correction (a POST), and striking it out.
        case entry(Parameter<Correction.Entry>, Parameter<UUID>)
        case strikeEntry(Parameter<Correction.Entry>, Parameter<UUID>)
        case connections
        case connectionLasting(Parameter<Connection.ID>)
        case connectionEnd(Parameter<Connection.ID>)
        case contributions
        case programmes
        case leaveProgramme(Parameter<Programme.ID>)
        case stories
        case story(Parameter<Story.ID>)
        case export, exportJSON
        case consents
        case withdrawConsent(Parameter<Consent.ID>)
        case helpRequests
    }

    /// The three bases the ORUK API answers at: the deployment's one council, a council's own
    /// `/c/{council}/oruk`, and `/councils/{council}/oruk`.
    enum ORUKBase: Hashable, Sendable {
        case shared
        case own(Parameter<String>)
        case council(Parameter<String>)

        /// The base a request came in at, from its route's pattern and the council it names.
        init(route: [PathComponent], council: String?) {
            let slug = council ?? ""
            let bases: [Self] = [.own(.key), .council(.key)]
            let match = bases.first { SitePath.oruk($0, .root).pathComponents.first == route.first }
            switch match {
            case .own: self = .own(.value(slug))
            case .council: self = .council(.value(slug))
            default: self = .shared
            }
        }
    }

    enum ORUKEndpoint: Hashable, Sendable {
        case root, openAPI
        case list(ORUKCollection)
        case item(ORUKCollection, Parameter<String>)
    }

    enum ORUKCollection: String, Hashable, Sendable, CaseIterable {
        case services, serviceAtLocations = "service_at_locations", organizations, taxonomies
        case taxonomyTerms = "taxonomy_terms"

        /// The list's address under a feed's base (`/services`), for reading another ORUK feed.
        var underBase: String { "/" + rawValue }
        /// One item's address under a feed's base (`/services/{id}`).
        func underBase(_ id: String) -> String { underBase + "/" + id }
    }

    /// The JSON API under `/api/v1`.
    enum APIPath: Hashable, Sendable {
        case openAPI, tokens, currentToken, me, wards
        case ward(Parameter<Ward.ID>)
        case introductions, people, searchPeople
        case person(Parameter<Person.ID>, APIPersonPart)
        /// The defined figures as JSON, for a team leader's API token.
        case figures
        case sroiCalculate, sroiPeriod
    }

    enum APIPersonPart: Hashable, Sendable {
        case record, level, vision, stage, coordinator, duplicates, merge, relationships
        case conversations
        case conversation(Parameter<Conversation.ID>)
        case strikeConversation(Parameter<Conversation.ID>)
        case entries(Parameter<Correction.Entry>)
        case entry(Parameter<Correction.Entry>, Parameter<UUID>)
        case strikeEntry(Parameter<Correction.Entry>, Parameter<UUID>)
        case stories
        case story(Parameter<Story.ID>)
        case reviewStory(Parameter<Story.ID>)
        case helpRequests
        case helpRequest(Parameter<HelpRequest.ID>)
        case steps
        case step(Parameter<Step.ID>)
    }

    // MARK: - The address and the route's pattern

    /// One part of an address: fixed text, or a named value (nil in a route's pattern).
    /// The names of the addresses' parameters (`:personID`): a route is registered with them and its handler
    /// reads them by them (`req.parameters.get(.personID)`), so a name cannot differ between the two.
    enum ParameterName: String, Hashable, Sendable, CaseIterable {
        case connectionID, consentID, conversationID, council, entry, entryID, id, itemID, kind, language, mergeID,
            personID, programmeID, reportID, requestID, resourceID, staffID, step, stepID, storyID, token, volunteerID,
            wardID
    }

    enum Piece: Hashable, Sendable {
        case fixed(String)
        case parameter(ParameterName, String?)
    }

    /// The address, such as `/people/…/conversations`; a route's pattern (`/people/:personID`) for `.key`.
    var path: String {
        "/"
            + pieces.map {
                switch $0 {
                case .fixed(let text): text
                case .parameter(let name, let value): value ?? ":" + name.rawValue
                }
            }.joined(separator: "/")
    }

    /// The address with a query, such as `/languages?saved=1`.
    func with(query items: KeyValuePairs<String, String>) -> String {
        let allowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+#"))
        func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        return path + "?" + items.map { encoded($0.key) + "=" + encoded($0.value) }.joined(separator: "&")
    }

    /// The route's pattern, for registering it.
    var pathComponents: [PathComponent] {
        pieces.map {
            switch $0 {
            case .fixed(let text): .constant(text)
            case .parameter(let name, _): .parameter(name.rawValue)
            }
        }
    }

    private static func id<Value: CustomStringConvertible>(_ name: ParameterName, _ value: Parameter<Value>) -> Piece {
        .parameter(name, value.text(\.description))
    }

    private static func raw<Value: RawRepresentable<String>>(_ name: ParameterName, _ value: Parameter<Value>) -> Piece
    {
        .parameter(name, value.text(\.rawValue))
    }

    private static func fixed(_ text: String) -> [Piece] {
        text.split(separator: "/").map { .fixed(String($0)) }
    }

    var pieces: [Piece] {
        let f = Self.fixed
        switch self {
        case .home: return []
        case .health: return f("health")
        case .healthLive: return f("health/live")
        case .metrics: return f("metrics")
        case .signIn: return f("sign-in")
        case .signInCode: return f("sign-in/code")
        case .signOut: return f("sign-out")
        case .forgotPassword: return f("sign-in/forgot")
        case .password(let token): return f("password") + [.parameter(.token, token.text { $0 })]
        case .account: return f("account")
        case .accountPassword: return f("account/password")
        case .accountSignOutEverywhere: return f("account/sign-out-everywhere")
        case .accountNotices: return f("account/notices")
        case .accountTwoStep: return f("account/two-step")
        case .coverage: return f("coverage")
        case .wards: return f("wards")
        case .newWard: return f("wards/new")
        case .ward(let ward): return f("wards") + [Self.id(.wardID, ward)]
        case .wardAssignment(let ward): return f("wards") + [Self.id(.wardID, ward)] + f("coordinator")
        case .settings: return f("settings")
        case .settingsCaseload: return f("settings/caseload")
        case .settingsTwoStep: return f("settings/two-step")
        case .settingsNetwork: return f("settings/network")
        case .settingsRetention: return f("settings/retention")
        case .settingsPublicContact: return f("settings/public-contact")
        case .staff: return f("staff")
        case .staffInvite: return f("staff/invite")
        case .staffMember(let member, let action): return f("staff") + [Self.id(.staffID, member)] + f(action.rawValue)
        case .languages: return f("languages")
        case .languageSheet(let language): return f("languages") + [Self.raw(.language, language)] + f("wording.csv")
        case .languageWording(let language): return f("languages") + [Self.raw(.language, language)] + f("wording")
        case .languageWordingReset(let language):
            return f("languages") + [Self.raw(.language, language)] + f("wording/reset")
        case .introduceStart: return f("introduce")
        case .introduce(let council): return f("introduce") + [Self.council(council)]
        case .introduceThanks(let council): return f("introduce") + [Self.council(council)] + f("thank-you")
        case .chooseCouncil: return f("c")
        case .ownIntroduce(let council): return f("c") + [Self.council(council)] + f("introduce")
        case .ownIntroduceThanks(let council): return f("c") + [Self.council(council)] + f("introduce/thank-you")
        case .directoryStart: return f("directory")
        case .directory(let council): return f("directory") + [Self.council(council)]
        case .directoryResource(let council, let resource):
            return f("directory") + [Self.council(council)] + f("resources") + [Self.id(.resourceID, resource)]
        case .ownDirectory(let council): return f("c") + [Self.council(council)] + f("directory")
        case .ownDirectoryResource(let council, let resource):
            return f("c") + [Self.council(council)] + f("directory/resources") + [Self.id(.resourceID, resource)]
        case .oruk(let base, let endpoint):
            let start: [Piece] =
                switch base {
                case .shared: f("oruk")
                case .own(let council): f("c") + [Self.council(council)] + f("oruk")
                case .council(let council): f("councils") + [Self.council(council)] + f("oruk")
                }
            switch endpoint {
            case .root: return start
            case .openAPI: return start + f("openapi.json")
            case .list(let collection): return start + f(collection.rawValue)
            case .item(let collection, let item):
                return start + f(collection.rawValue) + [.parameter(.id, item.text { $0 })]
            }
        case .communityResources: return f("community/resources")
        case .communityResourcesReview: return f("community/resources/review")
        case .newCommunityResource: return f("community/resources/new")
        case .communityResource(let resource, let part):
            return f("community/resources") + [Self.id(.resourceID, resource)] + f(part.rawValue)
        case .communityWork: return f("community/work")
        case .goodNeighbours: return f("good-neighbours")
        case .helpRequest(let request, let part):
            let start = f("good-neighbours/requests") + [Self.id(.requestID, request)]
            switch part {
            case .record: return start
            case .details: return start + f("details")
            case .step(let step): return start + [Self.raw(.step, step)]
            }
        case .volunteers: return f("good-neighbours/volunteers")
        case .newVolunteer: return f("good-neighbours/volunteers/new")
        case .volunteer(let volunteer, let part):
            return f("good-neighbours/volunteers") + [Self.id(.volunteerID, volunteer)] + f(part.rawValue)
        case .people: return f("people")
        case .searchPeople: return f("people/search")
        case .newPerson: return f("people/new")
        case .person(let person, let part): return f("people") + [Self.id(.personID, person)] + part.pieces
        case .caseload: return f("caseload")
        case .team: return f("team")
        case .dashboard: return f("dashboard")
        case .dashboardCSV: return f("dashboard.csv")
        case .quarterlyReport: return f("dashboard/quarterly")
        case .sroi: return f("sroi")
        case .sroiReport(let report, let format):
            return f("sroi/reports") + [.parameter(.reportID, report.text { $0.uuidString.lowercased() })]
                + f(format.rawValue)
        case .sroiProxies: return f("sroi/proxies")
        case .sroiDeflators: return f("sroi/proxies/deflators")
        case .sroiProxy(let kind): return f("sroi/proxies") + [Self.raw(.kind, kind)]
        case .programmes: return f("programmes")
        case .programme(let programme): return f("programmes") + [Self.id(.programmeID, programme)]
        case .stories: return f("stories")
        case .story(let story, let action): return f("stories") + [Self.id(.storyID, story)] + f(action.rawValue)
        case .audit: return f("audit")
        case .auditCSV: return f("audit.csv")
        case .network: return f("network")
        case .networkCSV: return f("network.csv")
        case .networkCouncils: return f("network/councils")
        case .practice: return f("network/practice")
        case .newPractice: return f("network/practice/new")
        case .practiceItem(let item): return f("network/practice") + [Self.id(.itemID, item)]
        case .practiceItemWithdraw(let item): return f("network/practice") + [Self.id(.itemID, item)] + f("withdraw")
        case .api(let api): return f("api/v1") + api.pieces
        }
    }

    private static func council(_ slug: Parameter<String>) -> Piece { .parameter(.council, slug.text { $0 }) }

    // MARK: - Every route

    /// Every route the site answers, with its method: each is registered from here (`SitePathTests`
    /// checks both ways against `app.routes.all`).
    static var allRoutes: [(method: HTTPMethod, path: SitePath)] {
        var routes: [(HTTPMethod, SitePath)] = []
        func add(_ more: [(HTTPMethod, SitePath)]) { routes += more }
        add([
            (.GET, .home), (.GET, .health), (.GET, .healthLive), (.GET, .metrics),
            (.GET, .signIn), (.POST, .signIn), (.POST, .signOut), (.GET, .forgotPassword), (.POST, .forgotPassword),
            (.GET, .password(.key)), (.POST, .password(.key)), (.GET, .signInCode), (.POST, .signInCode),
            (.GET, .accountTwoStep), (.POST, .accountTwoStep), (.GET, .account), (.POST, .accountPassword),
            (.POST, .accountSignOutEverywhere), (.POST, .accountNotices),
            (.GET, .coverage), (.GET, .wards), (.GET, .newWard), (.POST, .wards), (.GET, .ward(.key)),
        ])
        add([
            (.POST, .ward(.key)), (.POST, .wardAssignment(.key)),
            (.GET, .settings), (.POST, .settingsCaseload), (.POST, .settingsTwoStep), (.POST, .settingsNetwork),
            (.POST, .settingsRetention), (.POST, .settingsPublicContact),
            (.GET, .staff), (.POST, .staffInvite), (.POST, .staffMember(.key, .role)),
            (.GET, .staffMember(.key, .leave)), (.POST, .staffMember(.key, .leave)),
            (.POST, .staffMember(.key, .reactivate)), (.POST, .staffMember(.key, .reset)),
        ])
        add([
            (.GET, .languages), (.POST, .languages), (.GET, .languageSheet(.key)), (.POST, .languageWording(.key)),
            (.POST, .languageWordingReset(.key)),
            (.GET, .introduceStart), (.GET, .introduce(.key)), (.POST, .introduce(.key)),
            (.GET, .introduceThanks(.key)), (.GET, .ownIntroduce(.key)), (.POST, .ownIntroduce(.key)),
            (.GET, .ownIntroduceThanks(.key)), (.GET, .chooseCouncil),
            (.GET, .directoryStart), (.GET, .directory(.key)), (.GET, .directoryResource(.key, .key)),
        ])
        add([
            (.GET, .ownDirectory(.key)), (.GET, .ownDirectoryResource(.key, .key)),
            (.GET, .communityResources), (.GET, .communityResourcesReview), (.GET, .newCommunityResource),
            (.POST, .communityResources), (.GET, .communityResource(.key, .record)),
            (.GET, .communityResource(.key, .edit)), (.POST, .communityResource(.key, .record)),
            (.POST, .communityResource(.key, .checked)), (.GET, .communityWork), (.POST, .communityWork),
            (.GET, .goodNeighbours), (.GET, .helpRequest(.key, .record)), (.POST, .helpRequest(.key, .details)),
        ])
        add([
            (.POST, .helpRequest(.key, .step(.key))),
            (.GET, .volunteers), (.GET, .newVolunteer), (.POST, .volunteers), (.GET, .volunteer(.key, .record)),
            (.POST, .volunteer(.key, .checks)), (.GET, .volunteer(.key, .edit)), (.POST, .volunteer(.key, .record)),
            (.POST, .volunteer(.key, .status)), (.POST, .volunteer(.key, .erase)),
            (.GET, .searchPeople), (.GET, .newPerson), (.POST, .people), (.GET, .caseload), (.GET, .team),
            (.GET, .dashboard), (.GET, .dashboardCSV), (.GET, .quarterlyReport),
        ])
        add([
            (.GET, .sroi), (.POST, .sroi), (.GET, .sroiReport(.key, .page)), (.GET, .sroiReport(.key, .csv)),
            (.GET, .sroiReport(.key, .json)), (.GET, .sroiProxies), (.POST, .sroiDeflators), (.POST, .sroiProxy(.key)),
            (.GET, .programmes), (.POST, .programmes), (.GET, .programme(.key)), (.POST, .programme(.key)),
            (.GET, .stories), (.POST, .story(.key, .approve)), (.POST, .story(.key, .sendBack)),
            (.POST, .story(.key, .reject)), (.POST, .story(.key, .share)),
            (.GET, .audit), (.GET, .auditCSV),
        ])
        add([
            (.GET, .network), (.GET, .networkCSV), (.GET, .practice), (.GET, .newPractice), (.POST, .practice),
            (.GET, .practiceItem(.key)), (.POST, .practiceItemWithdraw(.key)), (.GET, .networkCouncils),
            (.POST, .networkCouncils),
            (.GET, .person(.key)),
        ])
        let personPosts: [PersonPart] = [
            .open, .conversations, .conversation(.key), .strikeConversation(.key), .vision, .steps, .step(.key),
            .people, .stage, .level, .coordinator, .details, .measures, .outcomes, .merge, .undoMerge(.key),
            .entry(.key, .key), .strikeEntry(.key, .key), .connections, .connectionLasting(.key),
            .connectionEnd(.key), .contributions, .programmes, .leaveProgramme(.key), .stories, .story(.key),
            .consents, .withdrawConsent(.key), .erase, .helpRequests,
        ]
        add(personPosts.map { (.POST, .person(.key, $0)) })
        add([PersonPart.merge, .export, .exportJSON].map { (.GET, .person(.key, $0)) })
        for base in [ORUKBase.shared, .own(.key), .council(.key)] {
            add([(.GET, .oruk(base, .root)), (.GET, .oruk(base, .openAPI))])
            for collection in ORUKCollection.allCases {
                add([(.GET, .oruk(base, .list(collection))), (.GET, .oruk(base, .item(collection, .key)))])
            }
        }
        let api: [(HTTPMethod, APIPath)] = [
            (.GET, .openAPI), (.POST, .tokens), (.GET, .me), (.DELETE, .currentToken), (.GET, .wards),
            (.GET, .ward(.key)), (.POST, .introductions), (.GET, .people), (.GET, .searchPeople), (.GET, .figures),
            (.POST, .sroiCalculate), (.GET, .sroiPeriod),
            (.GET, .person(.key, .record)), (.PATCH, .person(.key, .record)), (.POST, .person(.key, .level)),
            (.PATCH, .person(.key, .conversation(.key))), (.POST, .person(.key, .strikeConversation(.key))),
            (.GET, .person(.key, .entries(.key))), (.PATCH, .person(.key, .entry(.key, .key))),
            (.POST, .person(.key, .strikeEntry(.key, .key))), (.GET, .person(.key, .stories)),
            (.PATCH, .person(.key, .story(.key))), (.POST, .person(.key, .reviewStory(.key))),
            (.GET, .person(.key, .helpRequests)), (.PATCH, .person(.key, .helpRequest(.key))),
            (.GET, .person(.key, .duplicates)), (.POST, .person(.key, .merge)),
            (.GET, .person(.key, .conversations)), (.POST, .person(.key, .conversations)),
            (.GET, .person(.key, .steps)), (.POST, .person(.key, .steps)), (.POST, .person(.key, .step(.key))),
            (.GET, .person(.key, .relationships)), (.POST, .person(.key, .relationships)),
            (.PUT, .person(.key, .vision)), (.POST, .person(.key, .stage)), (.POST, .person(.key, .coordinator)),
        ]
        add(api.map { ($0.0, .api($0.1)) })
        return routes.map { (method: $0.0, path: $0.1) }
    }

    // MARK: - Addresses a template names

    /// The addresses without values, by the name a template gives `#path("…")`.
    static let named: [String: SitePath] = [
        "home": .home, "accountPassword": .accountPassword,
        "accountSignOutEverywhere": .accountSignOutEverywhere, "accountTwoStep": .accountTwoStep,
        "signInCode": .signInCode, "chooseCouncil": .chooseCouncil, "caseload": .caseload, "team": .team,
        "coverage": .coverage, "wards": .wards, "network": .network, "practice": .practice,
        "newPractice": .newPractice, "networkCouncils": .networkCouncils, "stories": .stories, "audit": .audit,
        "languages": .languages, "programmes": .programmes, "newPerson": .newPerson,
        "communityResources": .communityResources, "communityResourcesReview": .communityResourcesReview,
        "newCommunityResource": .newCommunityResource, "communityWork": .communityWork,
        "goodNeighbours": .goodNeighbours, "volunteers": .volunteers, "newVolunteer": .newVolunteer,
    ]

    // MARK: - Helpers about addresses

    /// The style sheet, a file in `Public/` (not a route).
    static let stylesheet = "/css/alongside.css"

    /// Whether `path` is the JSON API's (`/api/…`): tokens, never sessions or form tokens.
    static func isAPI(_ path: String) -> Bool { path.hasPrefix("/api/") }

    /// Whether `path` is a file served from `Public/` (style sheets and scripts).
    static func isPublicFile(_ path: String) -> Bool { path.hasPrefix("/css/") || path.hasPrefix("/js/") }

    /// Whether `path` is the Open Referral API's at `/oruk` or `/councils/{council}/oruk`.
    static func isORUK(_ path: String) -> Bool {
        path == "/oruk" || path.hasPrefix("/oruk/") || (path.hasPrefix("/councils/") && path.contains("/oruk"))
    }

    /// Pages people read; not the JSON API, Open Referral, health checks, metrics or style sheets.
    static func servesPages(_ path: String) -> Bool {
        if path.hasPrefix("/c/") { return !path.contains("/oruk") }
        return !["/api/", "/oruk", "/health", "/metrics", "/css/"].contains { path.hasPrefix($0) }
    }

    /// A phone number as a `tel:` address (one tap to call on a phone): its digits and a leading +; nil
    /// when it has too few digits to call.
    static func tel(_ phone: String) -> String? {
        // "+44 (0)1234 567890": the bracketed 0 is dialled only from inside the country, never after +44.
        let international = phone.trimmingCharacters(in: .whitespaces).hasPrefix("+")
        let spoken = international ? phone.replacingOccurrences(of: "(0)", with: "") : phone
        let digits = spoken.filter { $0.isASCII && ($0.isNumber || $0 == "+") }
        return digits.count >= 3 ? "tel:" + digits : nil
    }

    /// The council a public address names: `/c/{council}/…`, `/introduce/{council}…` or
    /// `/directory/{council}…` (the forms above); nil for any other address.
    static func publicCouncilSlug(in path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 2, ["c", "introduce", "directory"].contains(parts[0]) else { return nil }
        return String(parts[1])
    }

    /// A `next` target is only followed when it is one of our own pages.
    /// Whether `path` may be redirected to after sign-in (`next=`): a path of this site, made only of
    /// printable ASCII other than a backslash, with no line break, tab or other control character (so it
    /// cannot reach a header or be read by a browser as another host), and no leading `//`, before or
    /// after percent-decoding. Anything else goes home.
    static func isSafeRedirect(_ path: String) -> Bool {
        func safe(_ text: String) -> Bool {
            text.hasPrefix("/") && !text.hasPrefix("//") && !text.contains("://")
                && text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" }
        }
        guard path.count <= 2_000, safe(path) else { return false }
        guard let decoded = path.removingPercentEncoding else { return false }
        return decoded.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F } && !decoded.contains("\\")
            && !decoded.hasPrefix("//")
    }
}

extension SitePath.PersonPart {
    var pieces: [SitePath.Piece] {
        func f(_ text: String) -> [SitePath.Piece] { text.split(separator: "/").map { .fixed(String($0)) } }
        func id<V: CustomStringConvertible>(_ name: SitePath.ParameterName, _ value: SitePath.Parameter<V>)
            -> SitePath.Piece
        {
            .parameter(name, value.text(\.description))
        }
        func entry(_ kind: SitePath.Parameter<Correction.Entry>, _ entry: SitePath.Parameter<UUID>) -> [SitePath.Piece]
        {
            f("entries") + [.parameter(.entry, kind.text(\.rawValue)), .parameter(.entryID, entry.text { "\($0)" })]
        }
        switch self {
        case .record: return []
        case .open: return f("open")
        case .vision: return f("vision")
        case .people: return f("people")
        case .stage: return f("stage")
        case .level: return f("level")
        case .coordinator: return f("coordinator")
        case .details: return f("details")
        case .measures: return f("measures")
        case .outcomes: return f("outcomes")
        case .erase: return f("erase")
        case .conversations: return f("conversations")
        case .conversation(let conversation): return f("conversations") + [id(.conversationID, conversation)]
        case .strikeConversation(let conversation):
            return f("conversations") + [id(.conversationID, conversation)] + f("strike")
        case .steps: return f("steps")
        case .step(let step): return f("steps") + [id(.stepID, step)]
        case .merge: return f("merge")
        case .undoMerge(let merge): return f("merges") + [id(.mergeID, merge)] + f("undo")
        case .entry(let kind, let entryID): return entry(kind, entryID)
        case .strikeEntry(let kind, let entryID): return entry(kind, entryID) + f("strike")
        case .connections: return f("connections")
        case .connectionLasting(let connection):
            return f("connections") + [id(.connectionID, connection)] + f("lasting")
        case .connectionEnd(let connection): return f("connections") + [id(.connectionID, connection)] + f("end")
        case .contributions: return f("contributions")
        case .programmes: return f("programmes")
        case .leaveProgramme(let programme): return f("programmes") + [id(.programmeID, programme)] + f("leave")
        case .stories: return f("stories")
        case .story(let story): return f("stories") + [id(.storyID, story)]
        case .export: return f("export")
        case .exportJSON: return f("export.json")
        case .consents: return f("consents")
        case .withdrawConsent(let consent): return f("consents") + [id(.consentID, consent)] + f("withdraw")
        case .helpRequests: return f("help-requests")
        }
    }
}

extension SitePath.APIPath {
    var pieces: [SitePath.Piece] {
        func f(_ text: String) -> [SitePath.Piece] { text.split(separator: "/").map { .fixed(String($0)) } }
        func id<V: CustomStringConvertible>(_ name: SitePath.ParameterName, _ value: SitePath.Parameter<V>)
            -> SitePath.Piece
        {
            .parameter(name, value.text(\.description))
        }
        switch self {
        case .openAPI: return f("openapi.json")
        case .tokens: return f("tokens")
        case .currentToken: return f("tokens/current")
        case .me: return f("me")
        case .wards: return f("wards")
        case .ward(let ward): return f("wards") + [id(.wardID, ward)]
        case .introductions: return f("introductions")
        case .people: return f("people")
        case .searchPeople: return f("people/search")
        case .figures: return f("figures")
        case .sroiCalculate: return f("sroi/calculate")
        case .sroiPeriod: return f("sroi/period")
        case .person(let person, let part):
            let start = f("people") + [id(.personID, person)]
            let entry = { (kind: SitePath.Parameter<Correction.Entry>) -> [SitePath.Piece] in
                f("entries") + [.parameter(.entry, kind.text(\.rawValue))]
            }
            switch part {
            case .record: return start
            case .level: return start + f("level")
            case .vision: return start + f("vision")
            case .stage: return start + f("stage")
            case .coordinator: return start + f("coordinator")
            case .duplicates: return start + f("duplicates")
            case .merge: return start + f("merge")
            case .relationships: return start + f("relationships")
            case .conversations: return start + f("conversations")
            case .conversation(let conversation):
                return start + f("conversations") + [id(.conversationID, conversation)]
            case .strikeConversation(let conversation):
                return start + f("conversations") + [id(.conversationID, conversation)] + f("strike")
            case .entries(let kind): return start + entry(kind)
            case .entry(let kind, let entryID):
                return start + entry(kind) + [.parameter(.entryID, entryID.text { "\($0)" })]
            case .strikeEntry(let kind, let entryID):
                return start + entry(kind) + [.parameter(.entryID, entryID.text { "\($0)" })] + f("strike")
            case .stories: return start + f("stories")
            case .story(let story): return start + f("stories") + [id(.storyID, story)]
            case .reviewStory(let story): return start + f("stories") + [id(.storyID, story)] + f("review")
            case .helpRequests: return start + f("help-requests")
            case .helpRequest(let request): return start + f("help-requests") + [id(.requestID, request)]
            case .steps: return start + f("steps")
            case .step(let step): return start + f("steps") + [id(.stepID, step)]
            }
        }
    }
}

extension RoutesBuilder {
    /// Registers the route at `path` (its pattern: give `.key` for every value).
    @discardableResult
    func on<Response: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ path: SitePath, body: HTTPBodyStreamStrategy = .collect,
        use closure: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        self.on(method, path.pathComponents, body: body, use: closure)
    }

    @discardableResult
    func get<Response: AsyncResponseEncodable>(
        _ path: SitePath, use closure: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(.GET, path, use: closure)
    }

    @discardableResult
    func post<Response: AsyncResponseEncodable>(
        _ path: SitePath, use closure: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(.POST, path, use: closure)
    }

    @discardableResult
    func patch<Response: AsyncResponseEncodable>(
        _ path: SitePath, use closure: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(.PATCH, path, use: closure)
    }

    @discardableResult
    func put<Response: AsyncResponseEncodable>(
        _ path: SitePath, use closure: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(.PUT, path, use: closure)
    }

    @discardableResult
    func delete<Response: AsyncResponseEncodable>(
        _ path: SitePath, use closure: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(.DELETE, path, use: closure)
    }
}

extension Request {
    /// A redirect to one of the site's addresses.
    func redirect(to path: SitePath, redirectType: Redirect = .normal) -> Response {
        redirect(to: path.path, redirectType: redirectType)
    }
}

/// `#path("name")` in a template: the address `SitePath.named` gives that name, so a template's links
/// come from the route table too. An unknown name is an error, never an empty link.
struct PathTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard ctx.parameters.count == 1, let name = ctx.parameters[0].string, let path = SitePath.named[name] else {
            throw Abort(.internalServerError, reason: "#path needs the name of an address in SitePath.named")
        }
        return .string(path.path)
    }
}

extension Parameters {
    /// A parameter of the route's address, by its name in the route table.
    func get(_ name: SitePath.ParameterName) -> String? { get(name.rawValue) }
}
