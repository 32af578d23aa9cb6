/// The things that can go wrong in Alongside's own rules. The web layer turns each into a status
/// code and a sentence a person can act on; no raw error text reaches a page.
public enum AlongsideError: Error, Equatable, Sendable {
    case notFound(what: String)
    case forbidden
    case invalid(field: String, message: String)
    case conflict(message: String)
    case tooManyAttempts(retryAfterMinutes: Int)
    case badFile(line: Int, message: String)

    /// A plain sentence for the person who hit it.
    public var message: String {
        switch self {
        case .notFound(let what):
            return Wording.current("site.error.we-could-not-find-that", Wording.current.thing(what))
        case .forbidden: return Wording.current("site.error.your-role-does-not-allow-this")
        case .invalid(_, let message): return message
        case .conflict(let message): return message
        case .tooManyAttempts(let minutes):
            return Wording.current("site.error.too-many-attempts-to-sign-in", minutes)
        case .badFile(let line, let message): return Wording.current("site.error.line", line, message)
        }
    }
}
