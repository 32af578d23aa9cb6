import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Stories told with the person's consent, anonymised; a team leader approves each before anyone else
/// sees it. Approved stories never link back to the person.
struct StoriesController: RouteCollection {
    struct StoryRow: Encodable {
        let title: String
        let body: String
        let written: String
        let approvePath: String?
        var sendBackPath: String? = nil
        var rejectPath: String? = nil
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
        signedIn.get(.stories, use: index)
        signedIn.post(.story(.key, .approve), use: approve)
        signedIn.post(.story(.key, .sendBack), use: sendBack)
        signedIn.post(.story(.key, .reject), use: reject)
        signedIn.post(.person(.key, .stories), use: write)
        signedIn.post(.person(.key, .story(.key)), use: edit)
    }

    func index(req: Request) async throws -> View {
        let staff = try req.staff
        guard staff.may(.workWithPeople) || staff.may(.viewDashboard) else { throw AlongsideError.forbidden }
        let store = try req.stores.stories
        let canApprove = staff.may(.leadTeam)
        let awaiting =
            canApprove
            ? try await store.stories(status: .awaitingApproval).map {
                StoryRow(
                    title: $0.title, body: $0.body, written: LondonTime.date($0.writtenAt),
                    approvePath: SitePath.story(.value($0.id), .approve).path,
                    sendBackPath: SitePath.story(.value($0.id), .sendBack).path,
                    rejectPath: SitePath.story(.value($0.id), .reject).path, key: "\($0.id)")
            } : []
        let canShare = staff.may(.publishPractice)
        let shared = canShare ? try await req.stores.practice.sharedStories(councilID: staff.council.id) : []
        let approved = try await store.stories(status: .approved).map {
            StoryRow(
                title: $0.title, body: $0.body, written: LondonTime.date($0.writtenAt), approvePath: nil,
                sharePath: canShare && !shared.contains($0.id) ? SitePath.story(.value($0.id), .share).path : nil,
                shared: shared.contains($0.id), key: "\($0.id)")
        }
        return try await req.view.render(
            .storiesIndex,
            Page(
                page: PageContext(request: req, title: Wording.current("stories.page.stories")), awaiting: awaiting,
                approved: approved,
                canApprove: canApprove, canShare: canShare, themes: PracticeController.themeOptions([])))
    }

    func approve(req: Request) async throws -> Response {
        let staff = try req.staff(permitted: .leadTeam)
        guard let id = req.parameters.get(.storyID).flatMap(Story.ID.init) else {
            throw AlongsideError.notFound(.story)
        }
        let now = req.now
        let address = req.clientAddress
        // Approved in one transaction with its audit entry on the person's record.
        try await req.db.change { db in
            let store = try req.stores(on: db).stories
            let story = try await store.row(id)
            try await store.approve(id, by: staff.member.id, at: now)
            try await req.stores(on: db).audit.record(
                AuditEntry(
                    at: now, staffID: staff.member.id, personID: .init(story.personID), action: .update,
                    detail: .key("stories.page.approved-a-story"), address: address))
        }
        return req.redirect(to: .stories)
    }

    func sendBack(req: Request) async throws -> Response { try await review(req, to: .sentBack) }

    func reject(req: Request) async throws -> Response { try await review(req, to: .rejected) }

    /// A team leader sends a story back with a note of what to change, or decides not to use it; in one
    /// transaction with its audit entry on the person's record.
    func review(_ req: Request, to status: Story.Status) async throws -> Response {
        let staff = try req.staff(permitted: .leadTeam)
        let id = try Self.storyID(req)
        struct Form: Content { var reviewNote: String? }
        let note = try req.content.decode(Form.self).reviewNote ?? ""
        let now = req.now
        let address = req.clientAddress
        let detail: AuditEntry.Detail =
            status == .sentBack ? .key("stories.page.sent-back-a-story") : .key("stories.page.rejected-a-story")
        try await req.db.change { db in
            let store = try req.stores(on: db).stories
            let story = try await store.row(id)
            try await store.review(id, to: status, note: note, by: staff.member.id, at: now)
            try await req.stores(on: db).audit.record(
                AuditEntry(
                    at: now, staffID: staff.member.id, personID: .init(story.personID), action: .update,
                    detail: detail, address: address))
        }
        return req.redirect(to: .stories)
    }

    static func storyID(_ req: Request) throws -> Story.ID {
        guard let id = req.parameters.get(.storyID).flatMap(Story.ID.init) else {
            throw AlongsideError.notFound(.story)
        }
        return id
    }

    /// Whoever wrote it, or a team leader, changes a story before it is approved.
    func edit(req: Request) async throws -> Response {
        struct Form: Content {
            var storyTitle: String?
            var storyBody: String?
        }
        let form = try req.content.decode(Form.self)
        let id = try Self.storyID(req)
        return try await PersonController().change(
            req, detail: .key("stories.page.changed-their-story"), saved: "story", anchor: "story",
            posted: [
                "editingStory": id.description, "storyTitle": form.storyTitle ?? "", "storyBody": form.storyBody ?? "",
            ]
        ) { staff, person, store in
            try await req.stores(on: store.db).stories.edit(
                id, title: form.storyTitle ?? "", body: form.storyBody ?? "", person: person, by: staff.member.id,
                mayEditOthers: staff.may(.leadTeam), at: req.now)
        }
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
            req, detail: .key("stories.page.wrote-their-story"), saved: "story", anchor: "story",
            posted: ["storyTitle": form.storyTitle ?? "", "storyBody": form.storyBody ?? ""]
        ) { staff, person, store in
            // Every problem with the story at once, beside its fields.
            try await req.stores(on: store.db).stories.write(
                for: person, title: form.storyTitle ?? "", body: form.storyBody ?? "",
                consent: form.consent == "yes",
                by: staff.member.id, at: req.now)
        }
    }
}
