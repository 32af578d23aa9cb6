import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// A person's stories and Good Neighbour requests over JSON: read, and corrected as on the record's page
/// (a story before approval by whoever wrote it or a team leader; a team leader's decision on it; a request
/// while it is being arranged), each change in one transaction with its audit entry.
extension PeopleAPIController {
    func stories(req: Request) async throws -> PeopleAPI.List<PeopleAPI.StoryDTO> {
        let (_, person, _) = try await open(req, detail: .key("api.message.read-stories"))
        return .init(
            items: try await req.stores.stories.stories(of: person.id)
                .map(PeopleAPI.StoryDTO.init))
    }

    func editStory(req: Request) async throws -> PeopleAPI.StoryDTO {
        let id = try StoriesController.storyID(req)
        let body = try req.content.decode(PeopleAPI.StoryChange.self)
        let now = req.now
        return try await change(req, action: .update, detail: .key("stories.page.changed-their-story")) {
            staff, person, store in
            let stories = try req.stores(on: store.db).stories
            let story = try await stories.story(id)
            guard story.personID == person.id else { throw AlongsideError.notFound(.story) }
            try await stories.edit(
                id, title: body.title ?? story.title, body: body.body ?? story.body, person: person,
                by: staff.member.id, mayEditOthers: staff.may(.leadTeam), at: now)
            return PeopleAPI.StoryDTO(try await stories.story(id))
        }
    }

    /// A team leader approves a story awaiting approval, sends it back with what to change, or decides not to
    /// use it, with why.
    func reviewStory(req: Request) async throws -> PeopleAPI.StoryDTO {
        let id = try StoriesController.storyID(req)
        let body = try req.content.decode(PeopleAPI.StoryReview.self)
        guard let decision = PeopleAPI.StoryReview.Decision(rawValue: body.decision) else {
            throw RequestProblem.storyDecisionUnknown
        }
        guard try req.staff(permitted: .workWithPeople).may(.leadTeam) else { throw AlongsideError.forbidden }
        let now = req.now
        let detail: AuditEntry.Detail =
            switch decision {
            case .approve: .key("stories.page.approved-a-story")
            case .sendBack: .key("stories.page.sent-back-a-story")
            case .reject: .key("stories.page.rejected-a-story")
            }
        return try await change(req, action: .update, detail: detail) { staff, person, store in
            let stories = try req.stores(on: store.db).stories
            guard try await stories.row(id).personID == person.id.uuid else {
                throw AlongsideError.notFound(.story)
            }
            let note = body.note ?? ""
            switch decision {
            case .approve: try await stories.approve(id, by: staff.member.id, at: now)
            case .sendBack: try await stories.review(id, to: .sentBack, note: note, by: staff.member.id, at: now)
            case .reject: try await stories.review(id, to: .rejected, note: note, by: staff.member.id, at: now)
            }
            return PeopleAPI.StoryDTO(try await stories.story(id))
        }
    }

    func helpRequests(req: Request) async throws -> PeopleAPI.List<PeopleAPI.HelpRequestDTO> {
        let (_, person, _) = try await open(req, detail: .key("api.message.read-help-requests"))
        return .init(
            items: try await req.stores.goodNeighbours.requests(for: person.id)
                .map(PeopleAPI.HelpRequestDTO.init))
    }

    /// Corrects what a request asks for and when, while it is being arranged; the earlier words are kept.
    func correctHelpRequest(req: Request) async throws -> PeopleAPI.HelpRequestDTO {
        guard let id = req.parameters.get(.requestID).flatMap(HelpRequest.ID.init) else {
            throw AlongsideError.notFound(.request)
        }
        let body = try req.content.decode(PeopleAPI.HelpRequestChange.self)
        let now = req.now
        return try await change(
            req, action: .update, detail: .key("people.entry.corrected", Correction.Entry.helpRequest.rawValue)
        ) { staff, person, store in
            let scheme = try req.stores(on: store.db).goodNeighbours
            let request = try await scheme.request(id)
            guard request.personID == person.id else { throw AlongsideError.notFound(.request) }
            try await scheme.correct(
                id, details: body.details ?? request.details, neededOn: body.neededOn ?? request.neededOn,
                by: staff.member.id, at: now)
            return PeopleAPI.HelpRequestDTO(try await scheme.request(id))
        }
    }
}
