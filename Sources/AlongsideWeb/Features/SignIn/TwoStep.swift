import AlongsideCore
import AlongsideStore
import Crypto
import Vapor

/// Two-step sign-in: after the password, a six-digit code from an authenticator app (or a single-use
/// recovery code). Staff set it up at /account/two-step; a council can require it for everyone.
struct TwoStep: RouteCollection {
    static let codePath = "/sign-in/code"
    static let setUpPath = "/account/two-step"
    static let pendingKey = "two-step-staff"
    static let pendingAtKey = "two-step-at"
    static let pendingNextKey = "two-step-next"
    static let enrollingKey = "two-step-secret"
    /// How long after the password the code may be given.
    static let pendingLifetime: TimeInterval = 10 * 60

    static let codes = OneTimeCode { key, message in
        Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }

    static func hash(recoveryCode: String) -> String {
        let normalised = recoveryCode.lowercased().filter { $0.isLetter || $0.isNumber }
        return SHA256.hash(data: Data(normalised.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Checks a one-time code or a recovery code for an account, spending it if it is good.
    static func check(_ typed: String, for member: StaffMember, on req: Request) async throws -> Bool {
        let store = StaffStore(req.db)
        guard let twoStep = try await store.twoStep(of: member.id), let secret = Base32.decode(twoStep.secret) else {
            return false
        }
        if let counter = codes.verify(typed, secret: secret, at: req.now, after: twoStep.lastCounter) {
            try await store.useCounter(counter, for: member.id)
            return true
        }
        if typed.contains("-") || typed.filter(\.isLetter).count > 0 {
            return try await store.spendRecoveryCode(hash: hash(recoveryCode: typed), for: member.id)
        }
        return false
    }

    struct CodePage: Encodable {
        let page: PageContext
        let errors: [FormError]
        let fieldErrors: [String: String]
    }

    struct SetUpPage: Encodable {
        let page: PageContext
        let enabled: Bool
        let required: Bool
        let secretGroups: String?
        let address: String?
        let recoveryCodes: [String]?
        let recoveryLeft: Int
        let errors: [FormError]
        let fieldErrors: [String: String]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("sign-in", "code", use: showCode)
        routes.post("sign-in", "code", use: checkCode)
        let account = routes.grouped(RequireSignIn()).grouped("account", "two-step")
        account.get(use: showSetUp)
        account.post(use: confirmSetUp)
    }

    func pending(_ req: Request) -> (StaffMember.ID, String)? {
        guard req.hasSession, let id = req.session.data[Self.pendingKey].flatMap(StaffMember.ID.init),
            let at = req.session.data[Self.pendingAtKey].flatMap(Double.init),
            req.now.timeIntervalSince1970 - at < Self.pendingLifetime
        else { return nil }
        return (id, req.session.data[Self.pendingNextKey] ?? SitePath.home)
    }

    func showCode(req: Request) async throws -> Response {
        guard pending(req) != nil else { return req.redirect(to: SitePath.signIn) }
        return try await req.view.render(
            "sign-in/code",
            CodePage(
                page: PageContext(request: req, title: Wording.current("sign-in.message.enter-your-code"), forms: true),
                errors: [], fieldErrors: [:])
        ).encodeResponse(for: req)
    }

    func checkCode(req: Request) async throws -> Response {
        struct Form: Content { var code: String? }
        guard let (id, next) = pending(req), let staff = try await req.loadStaff(id) else {
            return req.redirect(to: SitePath.signIn)
        }
        let form = try req.content.decode(Form.self)
        let config = req.application.alongside
        let address = req.remoteAddress?.ipAddress ?? "unknown"
        let access = AccessStore(req.db)
        let failures = try await access.failures(
            email: staff.member.email, address: address,
            since: req.now.addingTimeInterval(-config.signInThrottle.window))
        try config.signInThrottle.check(accountFailures: failures.account, addressFailures: failures.address)
        guard try await Self.check(form.code ?? "", for: staff.member, on: req) else {
            try await access.recordAttempt(email: staff.member.email, address: address, succeeded: false, at: req.now)
            let errors = [
                FormError(
                    field: "code",
                    message:
                        Wording.current("sign-in.message.that-code-is-not-right-enter")
                )
            ]
            return try await req.view.render(
                "sign-in/code",
                CodePage(
                    page: PageContext(
                        request: req, title: Wording.current("sign-in.message.error-enter-your-code"), forms: true),
                    errors: errors,
                    fieldErrors: errors.byField)
            ).encodeResponse(status: .unauthorized, for: req)
        }
        try await SignIn.start(staff, on: req)
        return req.redirect(to: next)
    }

    func setUpPage(_ req: Request, staff: SignedInStaff, recoveryCodes: [String]? = nil, errors: [FormError] = [])
        async throws -> SetUpPage
    {
        let twoStep = try await StaffStore(req.db).twoStep(of: staff.member.id)
        var groups: String? = nil
        var address: String? = nil
        if twoStep == nil {
            let secret: String
            if let existing = req.session.data[Self.enrollingKey] {
                secret = existing
            } else {
                secret = Base32.encode((0..<20).map { _ in UInt8.random(in: 0...255) })
                req.session.data[Self.enrollingKey] = secret
            }
            groups = stride(from: 0, to: secret.count, by: 4).map {
                let start = secret.index(secret.startIndex, offsetBy: $0)
                return String(
                    secret[start..<(secret.index(start, offsetBy: 4, limitedBy: secret.endIndex) ?? secret.endIndex)])
            }.joined(separator: " ")
            address = OneTimeCode.address(
                secret: Base32.decode(secret) ?? [], account: staff.member.email,
                issuer: "Alongside (\(staff.council.name))")
        }
        return SetUpPage(
            page: PageContext(request: req, title: Wording.current("sign-in.message.two-step-sign-in")),
            enabled: twoStep != nil,
            required: staff.council.requireTwoStep, secretGroups: groups, address: address,
            recoveryCodes: recoveryCodes,
            recoveryLeft: twoStep?.recoveryCodeHashes.count ?? 0, errors: errors, fieldErrors: errors.byField)
    }

    func showSetUp(req: Request) async throws -> View {
        let staff = try req.staff
        return try await req.view.render("account/two-step", try await setUpPage(req, staff: staff))
    }

    func confirmSetUp(req: Request) async throws -> Response {
        struct Form: Content { var code: String? }
        let staff = try req.staff
        let form = try req.content.decode(Form.self)
        guard let secretText = req.session.data[Self.enrollingKey], let secret = Base32.decode(secretText),
            let counter = Self.codes.verify(form.code ?? "", secret: secret, at: req.now, after: nil)
        else {
            let errors = [
                FormError(
                    field: "code",
                    message: Wording.current("sign-in.message.that-code-is-not-right-enter-2"))
            ]
            return try await req.view.render("account/two-step", try await setUpPage(req, staff: staff, errors: errors))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        var generator = SystemRandomNumberGenerator()
        let recovery = OneTimeCode.recoveryCodes(using: &generator)
        try await StaffStore(req.db).enableTwoStep(
            staff.member.id, secret: secretText, counter: counter, recoveryCodeHashes: recovery.map(Self.hash))
        req.session.data[Self.enrollingKey] = nil
        return try await req.view.render(
            "account/two-step", try await setUpPage(req, staff: staff, recoveryCodes: recovery)
        )
        .encodeResponse(for: req)
    }
}
