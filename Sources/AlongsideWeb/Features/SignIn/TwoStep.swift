import AlongsideCore
import AlongsideStore
import Crypto
import Fluent
import Vapor

/// Two-step sign-in: after the password, a six-digit code from an authenticator app (or a single-use
/// recovery code). Staff set it up at /account/two-step; a council can require it for everyone.
struct TwoStep: RouteCollection {
    static let codePath = SitePath.signInCode.path
    static let setUpPath = SitePath.accountTwoStep.path
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

    /// How many wrong codes a member may give before code entry is locked, and for how long.
    static let codeThrottle = SignInThrottle(window: 15 * 60, failuresPerAccount: 5, failuresPerAddress: 20)

    /// Checks the code a member gives after their password, on the web and the API alike. Wrong codes are
    /// counted per member (and per address) and cleared only by a right code, never by the password: after
    /// five in the window, code entry is locked for the window and `tooManyAttempts` says how long.
    static func verify(_ typed: String, for member: StaffMember, on req: Request) async throws -> Bool {
        let access = req.stores.access
        let address = req.clientAddress
        let since = req.now.addingTimeInterval(-codeThrottle.window)
        let failures = try await access.failures(email: member.email, address: address, since: since, kind: .code)
        try codeThrottle.check(accountFailures: failures.account, addressFailures: failures.address)
        // Five wrong codes lock code entry for a whole window from the fifth, even once the first is older.
        let times = try await access.failureTimes(
            email: member.email, since: since.addingTimeInterval(-codeThrottle.window), kind: .code)
        if let until = codeThrottle.lockedUntil(failureTimes: times, now: req.now) {
            throw AlongsideError.tooManyAttempts(
                retryAfterMinutes: max(1, Int((until.timeIntervalSince(req.now) / 60).rounded(.up))))
        }
        guard try await check(typed, for: member, on: req) else {
            try await access.recordAttempt(
                email: member.email, address: address, succeeded: false, at: req.now, kind: .code)
            try codeThrottle.check(accountFailures: failures.account + 1, addressFailures: failures.address + 1)
            return false
        }
        try await access.recordAttempt(email: member.email, address: address, succeeded: true, at: req.now, kind: .code)
        try await access.clearFailures(email: member.email, kind: .code)
        return true
    }

    /// Checks a one-time code or a recovery code for an account, spending it if it is good. Use `verify`,
    /// which counts wrong codes; this is its inner step.
    private static func check(_ typed: String, for member: StaffMember, on req: Request) async throws -> Bool {
        let store = req.stores.staff
        guard typed.count <= 64, let twoStep = try await store.twoStep(of: member.id),
            let plain = req.application.secretBox.open(twoStep.secret), let secret = Base32.decode(plain)
        else {
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
        routes.get(.signInCode, use: showCode)
        routes.post(.signInCode, use: checkCode)
        let signedIn = routes.grouped(RequireSignIn())
        signedIn.get(.accountTwoStep, use: showSetUp)
        signedIn.post(.accountTwoStep, use: confirmSetUp)
    }

    func pending(_ req: Request) -> (StaffMember.ID, String)? {
        guard req.hasSession, let id = req.session.data[Self.pendingKey].flatMap(StaffMember.ID.init),
            let at = req.session.data[Self.pendingAtKey].flatMap(Double.init),
            req.now.timeIntervalSince1970 - at < Self.pendingLifetime
        else { return nil }
        return (id, req.session.data[Self.pendingNextKey] ?? SitePath.home.path)
    }

    func showCode(req: Request) async throws -> Response {
        guard pending(req) != nil else { return req.redirect(to: SitePath.signIn.path) }
        return try await req.view.render(
            .signInCode,
            CodePage(
                page: PageContext(request: req, title: Wording.current("sign-in.message.enter-your-code"), forms: true),
                errors: [], fieldErrors: [:])
        ).encodeResponse(for: req)
    }

    func checkCode(req: Request) async throws -> Response {
        struct Form: Content { var code: String? }
        guard let (id, next) = pending(req), let staff = try await req.loadStaff(id) else {
            return req.redirect(to: SitePath.signIn.path)
        }
        let form = try req.content.decode(Form.self)
        let message: String
        let status: HTTPStatus
        do {
            if try await Self.verify(form.code ?? "", for: staff.member, on: req) {
                try await SignIn.start(staff, on: req)
                return req.redirect(to: next)
            }
            message = Wording.current("sign-in.message.that-code-is-not-right-enter")
            status = .unauthorized
        } catch AlongsideError.tooManyAttempts(let minutes) {
            message = Wording.current("sign-in.message.too-many-wrong-codes", minutes)
            status = .tooManyRequests
        }
        let errors = [FormError(field: "code", message: message)]
        return try await req.view.render(
            .signInCode,
            CodePage(
                page: PageContext(
                    request: req, title: Wording.current("sign-in.message.error-enter-your-code"), forms: true),
                errors: errors, fieldErrors: errors.byField)
        ).encodeResponse(status: status, for: req)
    }

    func setUpPage(_ req: Request, staff: SignedInStaff, recoveryCodes: [String]? = nil, errors: [FormError] = [])
        async throws -> SetUpPage
    {
        let twoStep = try await req.stores.staff.twoStep(of: staff.member.id)
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
        return try await req.view.render(.accountTwoStep, try await setUpPage(req, staff: staff))
    }

    func confirmSetUp(req: Request) async throws -> Response {
        struct Form: Content { var code: String? }
        let staff = try req.staff
        let form = try req.content.decode(Form.self)
        // Two-step that is on is replaced only after an admin's reset: a session left open elsewhere, or
        // stolen, cannot swap the owner's second factor for its own.
        if try await req.stores.staff.twoStep(of: staff.member.id) != nil {
            throw RequestProblem.twoStepAlreadyOn
        }
        guard let secretText = req.session.data[Self.enrollingKey], let secret = Base32.decode(secretText),
            let counter = Self.codes.verify(form.code ?? "", secret: secret, at: req.now, after: nil)
        else {
            let errors = [
                FormError(
                    field: "code",
                    message: Wording.current("sign-in.message.that-code-is-not-right-enter-2"))
            ]
            return try await req.view.render(.accountTwoStep, try await setUpPage(req, staff: staff, errors: errors))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        var generator = SystemRandomNumberGenerator()
        let recovery = OneTimeCode.recoveryCodes(using: &generator)
        try await req.stores.staff.enableTwoStep(
            staff.member.id, secret: try req.application.secretBox.seal(secretText), counter: counter,
            recoveryCodeHashes: recovery.map(Self.hash))
        // Every other session and API token of theirs was made without a code: they end now; this one stays.
        try await req.stores.staff.signOutEverywhere(staff.member.id, at: req.now)
        try await SignIn.keepThisSession(req, staff.member.id)
        req.session.data[Self.enrollingKey] = nil
        return try await req.view.render(
            .accountTwoStep, try await setUpPage(req, staff: staff, recoveryCodes: recovery)
        )
        .encodeResponse(for: req)
    }
}
