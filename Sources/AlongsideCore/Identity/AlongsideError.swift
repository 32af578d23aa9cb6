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
        case .notFound(let what): return "We could not find that \(what)."
        case .forbidden: return "Your role does not allow this. Ask your team leader or council admin if you need it."
        case .invalid(_, let message): return message
        case .conflict(let message): return message
        case .tooManyAttempts(let minutes):
            return "Too many attempts to sign in. Wait \(minutes) minutes and try again, or ask your council admin."
        case .badFile(let line, let message): return "Line \(line): \(message)"
        }
    }
}
