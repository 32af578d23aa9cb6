import AlongsideCore
import AlongsideStore
import Vapor

/// Stories told with the person's consent, anonymised; a team leader approves each before anyone else
/// sees it. Approved stories never link back to the person.
struct StoriesController: RouteCollection {
    struct StoryRow: Encodable {
        let title: String
        let body: String
        let written: String
        let approvePath: String?
        var sharePath: String? = nil
        var shared = false
        var key = ""
    }

    struct Page: Encodable {
        let page: PageContext
        let awaiting: [StoryRow]
        let approved: [StoryRow]
        let canApprove: Bool
        let canShare: Bool
        let themes: [ChoiceOption]
    }

    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get("stories", use: index)
        signedIn.post("stories", ":storyID", "approve", use: approve)
        signedIn.post("people", ":personID", "stories", use: write)
    }

    func index(req: Request) async throws -> View {
        let staff = try req.staff
        guard staff.may(.workWithPeople) || staff.may(.viewDashboard) else { throw AlongsideError.forbidden }
        let store = StoryStore(req.db, councilID: staff.council.id)
        let canApprove = staff.may(.leadTeam)
        let awaiting =
            canApprove
            ? try await store.stories(status: .awaitingApproval).map {
                StoryRow(
                    title: $0.title, body: $0.body, written: LondonTime.date($0.writtenAt),
                    approvePath: "/stories/\($0.id)/approve")
            } : []
        let canShare = staff.may(.publishPractice)
        let shared = canShare ? try await PracticeStore(req.db).sharedStories(councilID: staff.council.id) : []
        let approved = try await store.stories(status: .approved).map {
            StoryRow(
                title: $0.title, body: $0.body, written: LondonTime.date($0.writtenAt), approvePath: nil,
                sharePath: canShare && !shared.contains($0.id) ? "/stories/\($0.id)/share" : nil,
                shared: shared.contains($0.id), key: "\($0.id)")
        }
        return try await req.view.render(
            "stories/index",
            Page(
                page: PageContext(request: req, title: Wording.current("stories.page.stories")), awaiting: awaiting,
                approved: approved,
                canApprove: canApprove, canShare: canShare, themes: PracticeController.themeOptions([])))
    }

    func approve(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .leadTeam)
        guard let id = req.parameters.get("storyID").flatMap(Story.ID.init) else {
            throw AlongsideError.notFound(what: "story")
        }
        try await StoryStore(req.db, councilID: staff.council.id).approve(id, by: staff.member.id, at: req.now)
        return req.redirect(to: "/stories")
    }

    func write(req: Request) async throws -> Response {
        struct Form: Content {
            var storyTitle: String?
            var storyBody: String?
            var consent: String?
        }
        let form = try req.content.decode(Form.self)
        let controller = PersonController()
        return try await controller.change(
            req, detail: Wording.current("stories.page.wrote-their-story"), saved: "story", anchor: "story",
            posted: ["storyTitle": form.storyTitle ?? "", "storyBody": form.storyBody ?? ""]
        ) { staff, person, store in
            do {
                try await StoryStore(store.db, councilID: staff.council.id).write(
                    for: person, title: form.storyTitle ?? "", body: form.storyBody ?? "",
                    consent: form.consent == "yes",
                    by: staff.member.id, at: req.now)
            } catch let validation as AlongsideValidation {
                let first = validation.problems[0]
                throw AlongsideError.invalid(field: first.field, message: first.message)
            }
        }
    }
}
