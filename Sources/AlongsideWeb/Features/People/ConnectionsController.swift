import AlongsideCore
import AlongsideStore
import Vapor

/// Connections and contributions on a person's record. A connection to a directory resource comes from
/// the directory's search results; others are typed in.
struct ConnectionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.post(.person(.key, .connections), use: connect)
        signedIn.post(.person(.key, .connectionLasting(.key)), use: lasting)
        signedIn.post(.person(.key, .connectionEnd(.key)), use: end)
        signedIn.post(.person(.key, .contributions), use: contribute)
    }

    func connect(req: Request) async throws -> Response {
        struct Form: Content {
            var resourceID: String?
            var connectionName: String?
            var connectionKind: String?
            var connectionStarted: String?
        }
        let form = try req.content.decode(Form.self)
        let typed = req.typedDay("connectionStarted")
        let posted = ["connectionName": form.connectionName ?? "", "connectionKind": form.connectionKind ?? ""]
            .merging(typed.posted(as: "connectionStarted")) { $1 }
        return try await PersonController().change(
            req, detail: .key("people.page.recorded-a-connection"), saved: "connection",
            anchor: "connections", posted: posted
        ) { staff, person, store in
            // Left empty, it started today.
            var problems = FormProblems()
            let started =
                problems.day(typed, field: "connectionStarted", required: false) ?? ISODay.string(req.now)
            if (form.resourceID ?? "").isEmpty && (form.connectionName ?? "").trimmedOrNil == nil {
                problems.add("connectionName", Wording.current("people.form.say-who-or-what"))
            }
            try problems.check()
            if let text = form.resourceID, !text.isEmpty {
                guard let id = CommunityResource.ID(text),
                    let resource = try await req.stores(on: store.db).directory.resource(id)
                else { throw AlongsideError.notFound(.communityResource) }
                _ = try await store.connect(
                    person.id, kind: .resource, resourceID: resource.id, name: resource.name, startedOn: started,
                    note: "", by: staff.member.id, at: req.now)
            } else {
                let kind = form.connectionKind.flatMap(Connection.Kind.init(rawValue:)) ?? .group
                _ = try await store.connect(
                    person.id, kind: kind, resourceID: nil, name: form.connectionName ?? "", startedOn: started,
                    note: "", by: staff.member.id, at: req.now)
            }
        }
    }

    func connectionID(_ req: Request) throws -> Connection.ID {
        guard let id = req.parameters.get(.connectionID).flatMap(Connection.ID.init) else {
            throw AlongsideError.notFound(.connection)
        }
        return id
    }

    func lasting(req: Request) async throws -> Response {
        struct Form: Content { var lasting: String? }
        let form = try req.content.decode(Form.self)
        let id = try connectionID(req)
        return try await PersonController().change(
            req, detail: .key("people.page.recorded-whether-a-connection-lasted"), saved: "connection",
            anchor: "connections", posted: [:]
        ) { _, person, store in
            guard let answer = form.lasting, answer == "yes" || answer == "no" else {
                throw RequestProblem.lastingUnanswered
            }
            try await store.recordLasting(id, of: person.id, lasting: answer == "yes")
        }
    }

    func end(req: Request) async throws -> Response {
        let id = try connectionID(req)
        return try await PersonController().change(
            req, detail: .key("people.page.ended-a-connection"), saved: "connection", anchor: "connections",
            posted: [:]
        ) { _, person, store in
            try await store.endConnection(id, of: person.id, on: ISODay.string(req.now))
        }
    }

    func contribute(req: Request) async throws -> Response {
        struct Form: Content {
            var contributionKind: String?
            var contributionWhat: String?
            var contributionStarted: String?
        }
        let form = try req.content.decode(Form.self)
        let typed = req.typedDay("contributionStarted")
        let posted = ["contributionWhat": form.contributionWhat ?? "", "contributionKind": form.contributionKind ?? ""]
            .merging(typed.posted(as: "contributionStarted")) { $1 }
        return try await PersonController().change(
            req, detail: .key("people.page.recorded-a-contribution"), saved: "contribution",
            anchor: "connections", posted: posted
        ) { staff, person, store in
            var problems = FormProblems()
            let started =
                problems.day(typed, field: "contributionStarted", required: false) ?? ISODay.string(req.now)
            if (form.contributionWhat ?? "").trimmedOrNil == nil {
                problems.add("contributionWhat", Wording.current("people.form.say-what-they-give"))
            }
            try problems.check()
            let kind = form.contributionKind.flatMap(Contribution.Kind.init(rawValue:)) ?? .other
            try await store.addContribution(
                person.id, kind: kind, what: form.contributionWhat ?? "", startedOn: started, by: staff.member.id,
                at: req.now)
        }
    }
}
