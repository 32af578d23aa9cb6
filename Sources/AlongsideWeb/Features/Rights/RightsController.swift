import AlongsideCore
import AlongsideStore
import Fluent
import Vapor

/// Consent records on a person's record, and erasure by a team leader with a recorded reason.
struct RightsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.post(.person(.key, .consents), use: recordConsent)
        signedIn.post(.person(.key, .withdrawConsent(.key)), use: withdraw)
        signedIn.post(.person(.key, .erase), use: erase)
    }

    func recordConsent(req: Request) async throws -> Response {
        struct Form: Content {
            var consentKind: String?
            var partner: String?
            var givenOn: String?
        }
        let form = try req.content.decode(Form.self)
        let typed = req.typedDay("givenOn")
        return try await PersonController().change(
            req, detail: .key("rights.page.recorded-consent"), saved: "consent", anchor: "consent",
            posted: ["partner": form.partner ?? "", "consentKind": form.consentKind ?? ""]
                .merging(typed.posted(as: "givenOn")) { $1 }
        ) { staff, person, store in
            // Every problem at once; left empty, they agreed today.
            var problems = FormProblems()
            let kind = form.consentKind.flatMap(Consent.Kind.init(rawValue:))
            if kind == nil { problems.add("consentKind", Wording.current("rights.page.choose-what-they-agree-to")) }
            if kind == .shareWithPartner && (form.partner ?? "").trimmedOrNil == nil {
                problems.add("partner", Wording.current("rights.page.name-the-partner"))
            }
            if (form.partner ?? "").count > 160 {
                problems.add("partner", Wording.current("rights.page.partner-too-long", 160))
            }
            let day =
                problems.day(typed, field: "givenOn", required: false, latest: ISODay.string(req.now))
                ?? ISODay.string(req.now)
            try problems.check()
            guard let kind else { return }
            _ = try await store.recordConsent(
                person.id, kind: kind, partner: form.partner, givenOn: day, by: staff.member.id, at: req.now)
        }
    }

    func withdraw(req: Request) async throws -> Response {
        guard let id = req.parameters.get(.consentID).flatMap(Consent.ID.init) else {
            throw AlongsideError.notFound(.consent)
        }
        return try await PersonController().change(
            req, detail: .key("rights.page.recorded-that-consent-was-withdrawn"), saved: "consent",
            anchor: "consent", posted: [:]
        ) { _, person, store in
            try await store.withdrawConsent(id, of: person.id, on: ISODay.string(req.now))
        }
    }

    func erase(req: Request) async throws -> Response {
        struct Form: Content {
            var erasureReason: String?
            var confirm: String?
        }
        let form = try req.content.decode(Form.self)
        return try await PersonController().change(
            req, detail: .key("rights.page.erased-the-record"), saved: "erased", anchor: "about",
            posted: ["erasureReason": form.erasureReason ?? ""]
        ) { staff, person, store in
            guard staff.may(.leadTeam) else { throw AlongsideError.forbidden }
            guard form.confirm == "yes" else {
                throw RequestProblem.erasureUnconfirmed
            }
            try await store.erase(person.id, reason: form.erasureReason ?? "", by: staff.member.id, at: req.now)
        }
    }
}

/// `alongside retention --council SLUG --dry-run | --apply`: records past the council's retention periods.
struct RetentionCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "council", help: "The council's slug.")
        var council: String?

        @Flag(
            name: "apply",
            help: "Erase the personal details of every record that is due (logged). Without it, only list them.")
        var apply: Bool

        @Flag(name: "dry-run", help: "Only list what is due (the default).")
        var dryRun: Bool

        init() {}
    }

    var help: String {
        Wording.current("rights.page.lists-records-past-the-councils-retention")
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let slug = signature.council, let council = try await app.stores.councils.find(slug: slug) else {
            throw CommandFailure(Wording.current("rights.page.say-which-council-with-council-slug"))
        }
        if signature.apply && signature.dryRun {
            throw CommandFailure(Wording.current("rights.page.choose-dry-run-or-apply-not"))
        }
        let now = app.alongside.now()
        let store = try Stores(app.db, council: council.id).people
        let due = try await store.dueForRetention(
            level1Years: council.retentionLevel1Years, level2Years: council.retentionLevel2Years, now: now)
        for (rule, items) in Dictionary(grouping: due, by: \.rule).sorted(by: { $0.key < $1.key }) {
            context.console.output("\(items.count) due: \(rule)".consoleText())
        }
        guard signature.apply else {
            context.console.info(
                due.isEmpty
                    ? Wording.current("rights.page.nothing-is-due")
                    : "\(due.count) records are due. Run again with --apply to erase their personal details.")
            return
        }
        for item in due {
            try await store.erase(
                item.personID, reason: Wording.current("rights.page.retention", item.rule), by: nil, at: now)
        }
        context.console.success(Wording.current("rights.page.erased-the-personal-details-of-records", due.count))
    }
}
